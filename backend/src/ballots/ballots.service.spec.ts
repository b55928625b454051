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
import { BallotWriter } from './ballot-writer.service';
import { BallotsService } from './ballots.service';
import { BallotEntity } from '../infrastructure/database/schema/ballots';

describe('BallotsService stopping (real services, in-memory sqlite)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  let phone: SocketContext;
  let ballot: (grade: number) => BallotSubmission;

  beforeAll(async () => {
    h = await createHarness();
    const actor = await h.signUp('Host');
    const setup = h.module.get(SetupService);
    let e = await h.module.get(EveningsService).create(actor, { title: 'Avond', tender: { municipality: 'M', name: 'T' } });
    for (const name of ['A', 'B']) e = await setup.addBidder(actor, e.id, { name, pitchMinutes: 5 });
    e = await setup.addCriterion(actor, e.id, { name: 'C', weight: 100 });
    e = await h.module.get(EveningsService).freeze(actor, e.id);
    const { attendeeToken } = await h.module.get(AttendeesService).join(e.joinCode, undefined, undefined, '192.0.2.1');
    const live = await h.module.get(LiveRegistry).get(e.id);
    phone = { role: 'attendee', eveningId: e.id, attendeeId: h.module.get(AttendeesService).attendeeFor(live, attendeeToken)!, tokenHash: tokenHash(attendeeToken) };
    const bidderId = e.bidders[0]!.id;
    const host = hostContext(actor, e.id);
    await h.module.get(HostService).command(host, { type: 'start-pitch', bidderId });
    await h.module.get(HostService).command(host, { type: 'open-scoring', bidderId });
    ballot = (grade) => ({ ballotId: randomUUID(), bidderId, grades: { [e.criteria[0]!.id]: grade } });
  });
  afterAll(() => h.close());

  it('stores the ballots received before the stop, answers their resends, and refuses new ones with SERVER_BUSY', async () => {
    const ballots = h.module.get(BallotsService);
    const writer = h.module.get(BallotWriter);
    // The server stops once the ballot is handed to the writer: received, not yet committed.
    const store = writer.store.bind(writer);
    const handedIn = new Promise<void>((resolve) =>
      jest.spyOn(writer, 'store').mockImplementationOnce((row, replaces) => {
        resolve();
        return store(row, replaces);
      }),
    );
    const received = ballot(4);
    const receipt = ballots.accept(phone, received);
    await handedIn;
    await ballots.stop();
    const stored = await h.module.get(DataSource).manager.findOneBy(BallotEntity, { id: received.ballotId });
    expect(stored?.receipt).toBe((await receipt).receipt);

    expect((await ballots.accept(phone, received)).receipt).toBe(stored?.receipt);
    await expect(ballots.accept(phone, ballot(3))).rejects.toMatchObject({ error: { code: 'SERVER_BUSY', message: expect.stringMatching(/restarting/) } });
  });
});
