import { PERMISSIONS, may, ORGANISER_ROLES } from '@buurtjury/shared';
import { DataSource } from 'typeorm';
import type { Actor } from '../accounts/actor';
import { createHarness, expectRefusal } from '../../../test/support/harness';
import { EveningsService } from './evenings.service';
import { requireEvening } from './evening.store';

/** `requireEvening`: the one access check of a request about an evening (role, then network). */
describe('requireEvening (real sqlite, in memory)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  let data: DataSource;
  let anna: Actor;
  let mallory: Actor;
  let eveningId: string;

  beforeAll(async () => {
    h = await createHarness();
    data = h.module.get(DataSource);
    anna = await h.signUp('Anna');
    mallory = await h.signUp('Mallory');
    eveningId = (await h.module.get(EveningsService).create(anna, { title: 'Pitch night' })).id;
  });
  afterAll(() => h.close());

  it('returns the evening to every role its permission grants, and refuses every other role with 403 before looking it up', async () => {
    for (const role of ORGANISER_ROLES) {
      for (const permission of PERMISSIONS) {
        const actor = { ...anna, role };
        if (may(role, permission)) {
          expect((await requireEvening(actor, eveningId, permission, data.manager)).id).toBe(eveningId);
        } else {
          await expectRefusal(requireEvening(actor, eveningId, permission, data.manager), 403, 'FORBIDDEN');
          // The role is checked first: a refused role learns nothing about which evenings exist.
          await expectRefusal(requireEvening(actor, 'no-such-evening', permission, data.manager), 403, 'FORBIDDEN');
        }
      }
    }
  });

  it("answers another network's evening exactly like a missing one (404), for every permission", async () => {
    for (const permission of PERMISSIONS) {
      await expectRefusal(requireEvening(mallory, eveningId, permission, data.manager), 404, 'NOT_FOUND');
      await expectRefusal(requireEvening(anna, 'no-such-evening', permission, data.manager), 404, 'NOT_FOUND');
    }
  });

  it('works inside a write transaction with its manager', async () => {
    await data.transaction(async (m) => expect((await requireEvening(anna, eveningId, 'setup', m)).title).toBe('Pitch night'));
  });
});
