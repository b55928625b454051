import { DataSource } from 'typeorm';
import type { Actor } from '../accounts/actor';
import { EveningsService } from '../evenings/evenings.service';
import { SetupService } from '../evenings/setup.service';
import { createHarness, hostContext } from '../../../test/support/harness';
import { EveningLogEntity, PitchStateEntity } from '../infrastructure/database/schema/live';
import { HostService } from './host.service';
import { LiveEvents } from '../live/live-events';
import { LiveRegistry } from '../live/live-registry.service';

describe('HostService (real services, in-memory sqlite)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  let actor: Actor;
  let eveningId: string;
  let bidderId: string;

  beforeAll(async () => {
    h = await createHarness();
    actor = await h.signUp('Host');
    const evenings = h.module.get(EveningsService);
    const setup = h.module.get(SetupService);
    let e = await evenings.create(actor, { title: 'Avond', tender: { municipality: 'M', name: 'T' } });
    for (const name of ['A', 'B']) e = await setup.addBidder(actor, e.id, { name, pitchMinutes: 5 });
    e = await setup.addCriterion(actor, e.id, { name: 'C', weight: 100 });
    e = await evenings.freeze(actor, e.id);
    eveningId = e.id;
    bidderId = e.bidders[0]!.id;
  });
  afterAll(async () => {
    jest.useRealTimers();
    await h.close();
  });

  it('closes scoring by itself after the chosen number of minutes, and stores that', async () => {
    const host = h.module.get(HostService);
    const ctx = hostContext(actor, eveningId);
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'performance'] });
    await host.command(ctx, { type: 'start-pitch', bidderId });
    await host.command(ctx, { type: 'open-scoring', bidderId, autoCloseMinutes: 2 });
    const live = await h.module.get(LiveRegistry).get(eveningId);
    const closed = new Promise<void>((resolve) => h.module.get(LiveEvents).on('state', () => live.pitches.get(bidderId)!.scoring === 'closed' && resolve()));
    jest.advanceTimersByTime(119_000);
    expect(live.pitches.get(bidderId)!.scoring).toBe('open');
    jest.advanceTimersByTime(1_000);
    await closed;
    jest.useRealTimers();
    expect(live.pitches.get(bidderId)!.scoringClosedAt).not.toBeNull();
    const stored = await h.module.get(DataSource).manager.findOneByOrFail(PitchStateEntity, { eveningId, bidderId });
    expect(stored.scoring).toBe('closed');
    const log = await h.module.get(DataSource).manager.findBy(EveningLogEntity, { eveningId });
    expect(log.find((l) => l.type === 'scoring-closed')?.actor).toBe('system');
  });

  it('refuses host commands from a context that is not the host', async () => {
    const host = h.module.get(HostService);
    await expectRefusalLive(host.command({ role: 'screen', eveningId }, { type: 'end-evening' }), 'FORBIDDEN');
    await expectRefusalLive(host.command({ role: 'attendee', eveningId, attendeeId: 'x', tokenHash: 'x' }, { type: 'end-evening' }), 'FORBIDDEN');
  });
});

async function expectRefusalLive(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toMatchObject({ error: { code } });
}
