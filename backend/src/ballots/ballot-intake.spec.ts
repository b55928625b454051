import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ballotHash, checkChain, type BallotSubmission, type EveningDetail } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AttendeesService } from '../attendees/attendees.service';
import { EveningsService } from '../evenings/evenings.service';
import { SetupService } from '../evenings/setup.service';
import { HostService } from '../gateway/host.service';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { BallotEntity, LateBallotEntity } from '../infrastructure/database/schema/ballots';
import { EveningLogEntity } from '../infrastructure/database/schema/live';
import { LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';
import { tokenHash } from '../accounts/tokens';
import { createHarness, hostContext } from '../../../test/support/harness';
import { BallotIntake } from './ballot-intake.service';
import { BallotWriter } from './ballot-writer.service';

type Phone = Extract<SocketContext, { role: 'attendee' }>;

/**
 * The intake through the real evening rules, writer, audit log and an in-memory sqlite database:
 * every path a ballot can take, and what each leaves in the database and in the live evening.
 */
describe('BallotIntake (real services, in-memory sqlite)', () => {
  let h: Awaited<ReturnType<typeof createHarness>>;
  let actor: Actor;
  let intake: BallotIntake;
  let manager: DataSource['manager'];

  beforeEach(async () => {
    h = await createHarness();
    actor = await h.signUp('Host');
    intake = h.module.get(BallotIntake);
    manager = h.module.get(DataSource).manager;
  });
  afterEach(() => h.close());

  /** A frozen evening with two bidders and one criterion (1-5); `open`: the first pitch started with scoring open. */
  async function evening(open = true): Promise<EveningDetail> {
    const setup = h.module.get(SetupService);
    let e = await h.module.get(EveningsService).create(actor, { title: 'Avond', tender: { municipality: 'M', name: 'T' } });
    for (const name of ['A', 'B']) e = await setup.addBidder(actor, e.id, { name, pitchMinutes: 5 });
    e = await setup.addCriterion(actor, e.id, { name: 'C', weight: 100 });
    e = await h.module.get(EveningsService).freeze(actor, e.id);
    if (open) {
      await command(e, { type: 'start-pitch', bidderId: e.bidders[0]!.id });
      await command(e, { type: 'open-scoring', bidderId: e.bidders[0]!.id });
    }
    return e;
  }
  const command = (e: EveningDetail, c: Parameters<HostService['command']>[1]) => h.module.get(HostService).command(hostContext(actor, e.id), c);

  async function phone(e: EveningDetail): Promise<Phone> {
    const attendees = h.module.get(AttendeesService);
    const { attendeeToken } = await attendees.join(e.joinCode, undefined, undefined, '192.0.2.1');
    const live = await h.module.get(LiveRegistry).get(e.id);
    return { role: 'attendee', eveningId: e.id, attendeeId: attendees.attendeeFor(live, attendeeToken)!, tokenHash: tokenHash(attendeeToken) };
  }
  const ballot = (e: EveningDetail, grade: unknown, bidder = 0): BallotSubmission =>
    ({ ballotId: randomUUID(), bidderId: e.bidders[bidder]!.id, grades: { [e.criteria[0]!.id]: grade } }) as BallotSubmission;
  const log = (e: EveningDetail) => manager.find(EveningLogEntity, { where: { eveningId: e.id }, order: { sequence: 'ASC' } });
  const ballotEntries = async (e: EveningDetail) => (await log(e)).filter((x) => x.type.startsWith('ballot-'));

  it('accepts a ballot: stores it with an audit entry holding its hash, counts it, and answers with its receipt', async () => {
    const e = await evening();
    const p = await phone(e);
    const sent = { ...ballot(e, 4), remark: '  goed verhaal  ' };
    const receipt = await intake.accept(p, sent);

    const stored = await manager.findOneByOrFail(BallotEntity, { id: sent.ballotId });
    expect(stored).toMatchObject({ attendeeId: p.attendeeId, bidderId: sent.bidderId, serial: 1, grades: sent.grades, remark: 'goed verhaal', receipt: receipt.receipt });
    expect(receipt).toEqual({ ballotId: sent.ballotId, bidderId: sent.bidderId, receipt: stored.receipt, acceptedAt: stored.submittedAt.toISOString() });
    expect(receipt.receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const [entry] = await ballotEntries(e);
    expect(entry).toMatchObject({ type: 'ballot-accepted', actor: 'attendee', detail: { ballotId: sent.ballotId, bidderId: sent.bidderId, serial: 1, ballotHash: ballotHash(stored) } });

    const live = await h.module.get(LiveRegistry).get(e.id);
    expect(live.countedFor(sent.bidderId)).toBe(1);
    expect(live.self(p.attendeeId).ballots).toEqual([expect.objectContaining({ ballotId: sent.ballotId, receipt: receipt.receipt, remark: 'goed verhaal' })]);
  });

  it('counts a changed ballot instead of the earlier one, logged as a replacement', async () => {
    const e = await evening();
    const p = await phone(e);
    await intake.accept(p, ballot(e, 2));
    const second = await intake.accept(p, ballot(e, 5));
    const live = await h.module.get(LiveRegistry).get(e.id);
    expect(live.countedFor(e.bidders[0]!.id)).toBe(1);
    expect(live.self(p.attendeeId).ballots.map((b) => b.ballotId)).toEqual([second.ballotId]);
    expect((await ballotEntries(e)).map((x) => [x.type, x.detail.serial])).toEqual([
      ['ballot-accepted', 1],
      ['ballot-replaced', 2],
    ]);
  });

  it('answers a resend with the first receipt and stores it once, also when the resend arrives before the first is stored', async () => {
    const e = await evening();
    const p = await phone(e);
    const sent = ballot(e, 3);
    // Both arrive before the batch is written.
    const [first, meanwhile] = await Promise.all([intake.accept(p, sent), intake.accept(p, { ...sent, grades: { [e.criteria[0]!.id]: 1 } })]);
    const later = await intake.accept(p, sent);
    expect(meanwhile).toEqual(first);
    expect(later).toEqual(first);
    expect(await manager.countBy(BallotEntity, { eveningId: e.id })).toBe(1);
    expect(await ballotEntries(e)).toHaveLength(1);
  });

  it("refuses a ballot id another phone used, and leaves the first phone's ballot alone", async () => {
    const e = await evening();
    const [p, other] = [await phone(e), await phone(e)];
    const sent = ballot(e, 3);
    const receipt = await intake.accept(p, sent);
    await expect(intake.accept(other, sent)).rejects.toMatchObject({ error: { code: 'BALLOT_ID_TAKEN' } });
    expect((await intake.accept(p, sent)).receipt).toBe(receipt.receipt);
    expect(await manager.countBy(BallotEntity, { eveningId: e.id })).toBe(1);
  });

  it('refuses what the rules do not allow, with the reason, and stores and counts nothing of it', async () => {
    const e = await evening();
    const p = await phone(e);
    const refusals: [BallotSubmission, object][] = [
      [ballot(e, 3, 1), { code: 'SCORING_CLOSED', reason: 'scoringNotOpen' }],
      [ballot(e, 9), { code: 'GRADE_NOT_ON_SCALE', reason: 'gradeNotOnScale' }],
      [{ ...ballot(e, 3), bidderId: randomUUID() }, { code: 'UNKNOWN_BIDDER', reason: 'bidderNotOnProgramme' }],
      [{ ...ballot(e, 3), grades: {} }, { code: 'INVALID_PAYLOAD', reason: 'noGrades' }],
    ];
    for (const [sent, error] of refusals) await expect(intake.accept(p, sent)).rejects.toMatchObject({ error });

    await h.module.get(AttendeesService).declareTies(p, [e.bidders[0]!.id]);
    await expect(intake.accept(p, ballot(e, 3))).rejects.toMatchObject({ error: { code: 'TIED_TO_BIDDER', reason: 'tiedToBidder' } });
    await expect(intake.accept(hostContext(actor, e.id), ballot(e, 3))).rejects.toMatchObject({ error: { code: 'FORBIDDEN' } });
    await expect(intake.accept({ ...p, tokenHash: 'not the phone' }, ballot(e, 3))).rejects.toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    expect(await manager.countBy(BallotEntity, { eveningId: e.id })).toBe(0);
    expect(await manager.countBy(LateBallotEntity, { eveningId: e.id })).toBe(0);
    expect(await ballotEntries(e)).toEqual([]);
    // A refused id stays free: the same ballot, once allowed, is taken.
    const live = await h.module.get(LiveRegistry).get(e.id);
    expect(live.countedFor(e.bidders[1]!.id)).toBe(0);
    await command(e, { type: 'start-pitch', bidderId: e.bidders[1]!.id });
    await command(e, { type: 'open-scoring', bidderId: e.bidders[1]!.id });
    await expect(intake.accept(p, refusals[0]![0])).resolves.toMatchObject({ ballotId: refusals[0]![0].ballotId });
  });

  it('refuses a ballot that arrives after scoring closed as too late, notes it once per phone and pitch, and says when it closed', async () => {
    const e = await evening();
    const [p, changer] = [await phone(e), await phone(e)];
    await intake.accept(changer, ballot(e, 2));
    await command(e, { type: 'close-scoring', bidderId: e.bidders[0]!.id });

    const late = ballot(e, 4);
    await expect(intake.accept(p, late)).rejects.toMatchObject({ error: { code: 'SCORING_CLOSED', reason: 'ballotTooLate', params: { time: expect.stringMatching(/^\d\d:\d\d$/) } } });
    await expect(intake.accept(p, ballot(e, 5))).rejects.toMatchObject({ error: { code: 'SCORING_CLOSED', reason: 'ballotTooLate' } });
    await expect(intake.accept(changer, ballot(e, 5))).rejects.toMatchObject({ error: { code: 'SCORING_CLOSED', reason: 'ballotChangeTooLate' } });

    const notes = await manager.findBy(LateBallotEntity, { eveningId: e.id });
    expect(notes.map((n) => n.attendeeId).sort()).toEqual([p.attendeeId, changer.attendeeId].sort());
    expect(notes.find((n) => n.attendeeId === p.attendeeId)?.id).toBe(late.ballotId);
    const entries = await ballotEntries(e);
    expect(entries.map((x) => x.type)).toEqual(['ballot-accepted', 'ballot-too-late', 'ballot-too-late']);
    // Not counted, and the changer's earlier ballot still counts.
    expect(await manager.countBy(BallotEntity, { eveningId: e.id })).toBe(1);
    const live = await h.module.get(LiveRegistry).get(e.id);
    expect(live.countedFor(e.bidders[0]!.id)).toBe(1);
    // Both phones' late ballots stay uncounted (one of them a change: the earlier ballot counts).
    expect(live.tally(2).pitches[0]).toMatchObject({ late: 2, ballots: 1 });
  });

  it('frees the id of a ballot that could not be stored, so the phone can send it again', async () => {
    const e = await evening();
    const p = await phone(e);
    const sent = ballot(e, 3);
    // On sqlite a batch goes to the database as one script (DatabaseWriter.script); the disk fails there.
    jest.spyOn(h.module.get(DatabaseWriter), 'script').mockRejectedValueOnce(new Error('disk I/O error'));
    await expect(intake.accept(p, sent)).rejects.toMatchObject({ error: { code: 'SERVER_BUSY' } });
    const live = await h.module.get(LiveRegistry).get(e.id);
    expect(live.countedFor(sent.bidderId)).toBe(0);

    const receipt = await intake.accept(p, sent);
    expect((await manager.findOneByOrFail(BallotEntity, { id: sent.ballotId })).receipt).toBe(receipt.receipt);
    expect(live.countedFor(sent.bidderId)).toBe(1);
  });

  it('stores the ballots received before the stop, answers their resends, and refuses new ones with SERVER_BUSY', async () => {
    const e = await evening();
    const p = await phone(e);
    const writer = h.module.get(BallotWriter);
    // The server stops once the ballot is handed to the writer: received, not yet committed.
    const store = writer.store.bind(writer);
    const handedIn = new Promise<void>((resolve) =>
      jest.spyOn(writer, 'store').mockImplementationOnce((row, type) => {
        resolve();
        return store(row, type);
      }),
    );
    const received = ballot(e, 4);
    const receipt = intake.accept(p, received);
    await handedIn;
    await intake.stop();
    const stored = await manager.findOneBy(BallotEntity, { id: received.ballotId });
    expect(stored?.receipt).toBe((await receipt).receipt);

    expect((await intake.accept(p, received)).receipt).toBe(stored?.receipt);
    await expect(intake.accept(p, ballot(e, 3))).rejects.toMatchObject({ error: { code: 'SERVER_BUSY', message: expect.stringMatching(/restarting/) } });
  });

  it('keeps the audit chain intact across batches of ballots', async () => {
    const e = await evening();
    const phones = await Promise.all(Array.from({ length: 30 }, () => phone(e)));
    await Promise.all(phones.map((p, i) => intake.accept(p, ballot(e, 1 + (i % 5)))));
    const entries = await log(e);
    expect(entries.filter((x) => x.type === 'ballot-accepted')).toHaveLength(30);
    // Checked with the portable SHA-256 the verifier and the committee's browser use.
    expect(checkChain(entries.map((x) => ({ ...x, at: x.at.toISOString() })))).toBeNull();
    const stored = await manager.findBy(BallotEntity, { eveningId: e.id });
    const hashes = new Map(stored.map((b) => [b.id, ballotHash(b)]));
    for (const x of entries.filter((y) => y.type === 'ballot-accepted')) expect(x.detail.ballotHash).toBe(hashes.get(String(x.detail.ballotId)));
  });
});
