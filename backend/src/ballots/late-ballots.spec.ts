import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { BallotSubmission } from '@buurtjury/shared';
import { AttendeesService } from '../attendees/attendees.service';
import { EveningsService } from '../evenings/evenings.service';
import { SetupService } from '../evenings/setup.service';
import { HostService } from '../gateway/host.service';
import { LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';
import { tokenHash } from '../accounts/tokens';
import { createHarness, hostContext } from '../../../test/support/harness';
import { BallotIntake } from './ballot-intake.service';
import { EveningLogEntity } from '../infrastructure/database/schema/live';

describe('a ballot that arrives while the close is being stored (real services, in-memory sqlite)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  afterAll(() => h.close());

  it('is refused as too late, and its audit entry comes after the close’s', async () => {
    h = await createHarness();
    const actor = await h.signUp('Host');
    const setup = h.module.get(SetupService);
    let e = await h.module.get(EveningsService).create(actor, { title: 'Avond', tender: { municipality: 'M', name: 'T' } });
    for (const name of ['A', 'B']) e = await setup.addBidder(actor, e.id, { name, pitchMinutes: 5 });
    e = await setup.addCriterion(actor, e.id, { name: 'C', weight: 100 });
    e = await h.module.get(EveningsService).freeze(actor, e.id);
    const { attendeeToken } = await h.module.get(AttendeesService).join(e.joinCode, undefined, undefined, '192.0.2.1');
    const registry = h.module.get(LiveRegistry);
    const live = await registry.get(e.id);
    const phone: SocketContext = { role: 'attendee', eveningId: e.id, attendeeId: h.module.get(AttendeesService).attendeeFor(live, attendeeToken)!, tokenHash: tokenHash(attendeeToken) };
    const bidderId = e.bidders[0]!.id;
    const host = hostContext(actor, e.id);
    const hosts = h.module.get(HostService);
    await hosts.command(host, { type: 'start-pitch', bidderId });
    await hosts.command(host, { type: 'open-scoring', bidderId });

    // The close takes effect in memory, then its storing is held up.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let storing!: () => void;
    const storingStarted = new Promise<void>((resolve) => (storing = resolve));
    const persist = registry.persist.bind(registry);
    jest.spyOn(registry, 'persist').mockImplementationOnce(async (...args) => {
      storing();
      await held;
      return persist(...args);
    });
    const closing = hosts.command(host, { type: 'close-scoring', bidderId });
    await storingStarted;
    expect(live.pitches.get(bidderId)!.scoring).toBe('closed');

    const ballot: BallotSubmission = { ballotId: randomUUID(), bidderId, grades: { [e.criteria[0]!.id]: 4 } };
    const refused = h.module.get(BallotIntake).accept(phone, ballot);
    let settled = false;
    void refused.catch(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    release();
    await closing;
    await expect(refused).rejects.toMatchObject({ error: { code: 'SCORING_CLOSED', reason: 'ballotTooLate' } });

    const log = await h.module.get(DataSource).manager.find(EveningLogEntity, { where: { eveningId: e.id }, order: { sequence: 'ASC' } });
    const types = log.map((x) => x.type);
    expect(types.indexOf('ballot-too-late')).toBeGreaterThan(types.indexOf('scoring-closed'));
    expect(types.filter((t) => t === 'ballot-too-late')).toHaveLength(1);
  });
});
