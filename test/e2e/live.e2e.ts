import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { rankResults, type AdviceDocumentResponse, type BallotSubmission, type HostSnapshot, type LiveState, type ResultsResponse, type Reveal, type ScreenSnapshot } from '@buurtjury/shared';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { liveBench } from '../support/live-bench';
import { call, connect, next, ok, phone } from '../support/sockets';

let running: RunningApp;
let host: Organiser;

beforeAll(async () => {
  running = await startApp({ PUBLIC_URL: 'https://jury.example.nl' });
  host = await organiser(running.url, 'Host');
});
afterAll(() => running.close());

const bench = liveBench(() => running.url, () => host);
const { liveEvening, attendee, ballot, command } = bench;
afterEach(() => bench.closeAll());

async function storedBallots(eveningId: string): Promise<BallotEntity[]> {
  return running.app.get(DataSource).manager.findBy(BallotEntity, { eveningId });
}

describe('the live evening over socket.io', () => {
  it('runs a full evening: host, screen and three phones, through scoring, closing, the end and the reveal', async () => {
    const { evening, hostSocket, screen } = await liveEvening();
    const phones = [await attendee(evening), await attendee(evening), await attendee(evening)];
    const [a, b, c] = evening.bidders;

    const snapshot = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
    expect(snapshot.role).toBe('host');
    expect(snapshot.state.phase).toBe('before');
    expect(snapshot.joinUrl).toBe(`https://jury.example.nl/j/${evening.joinCode}`);
    expect(snapshot.programme.bidders.map((x) => x.name)).toEqual(evening.bidders.map((x) => x.name));

    // Pitch 1: the phones see it start; scoring opens; everyone scores.
    const started = next(phones[0]!, 'live:state', (s) => s.currentBidderId === a!.id);
    await command(hostSocket, { type: 'next-pitch' });
    expect((await started).pitches[0]).toMatchObject({ status: 'presenting', scoring: 'not-opened' });
    await command(hostSocket, { type: 'open-scoring', bidderId: a!.id });
    const counted = next(hostSocket, 'live:tally', (t) => t.pitches[0]!.ballots === 3);
    const receipts = await Promise.all(phones.map((p, i) => call(p, 'ballot:submit', ballot(evening, 0, 5 - i))));
    for (const r of receipts) expect(ok(r).receipt).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const tally = await counted;
    expect(tally.pitches[0]!.perCriterion[evening.criteria[0]!.id]).toBe(3);
    expect(tally.attendeesConnected).toBe(3);
    expect(tally.results?.[0]).toMatchObject({ bidderId: a!.id, ballots: 3, majorityGrade: 4, place: 1, weightedMean: 4 });

    // A phone changes its mind while scoring is open: the last version counts.
    const changed = ok(await call(phones[2]!, 'ballot:submit', ballot(evening, 0, 5)));
    const me = ok(await call(phones[2]!, 'session:snapshot')).snapshot;
    expect(me.role === 'attendee' && me.me.ballots.map((x) => x.receipt)).toEqual([changed.receipt]);

    const closed = await command(hostSocket, { type: 'close-scoring', bidderId: a!.id });
    expect(closed.ballotsCounted).toBe(3);

    // Pitch 2 starts while scoring for pitch 3 closes itself later; pitch 3 is skipped.
    await command(hostSocket, { type: 'start-pitch', bidderId: b!.id });
    await command(hostSocket, { type: 'open-scoring', bidderId: b!.id, autoCloseMinutes: 5 });
    ok(await call(phones[0]!, 'ballot:submit', ballot(evening, 1, 2)));
    const skip = await command(hostSocket, { type: 'skip-pitch', bidderId: c!.id });
    expect(skip.state.pitches[2]!.status).toBe('skipped');

    // End: all scoring closes, results go to the organisers, the reveal goes to everyone.
    const ended = await command(hostSocket, { type: 'end-evening' });
    expect(ended.state.phase).toBe('ended');
    expect(ended.state.pitches.every((p) => p.scoring !== 'open')).toBe(true);
    const late = await call(phones[1]!, 'ballot:submit', ballot(evening, 1, 4));
    expect(late).toMatchObject({ ok: false, code: 'EVENING_ENDED' });

    const revealOnPhone = next(phones[1]!, 'live:reveal');
    const revealOnScreen = next(screen, 'live:reveal');
    await command(hostSocket, { type: 'reveal-next' });
    const last: Reveal = await revealOnPhone;
    expect(last.places).toEqual([{ place: 2, bidderId: b!.id, majorityGrade: 2, majorityLevel: 2, tied: false, overallGrades: 1 }]);
    expect(await revealOnScreen).toEqual(last);
    await command(hostSocket, { type: 'reveal-next' });
    const full = ok(await call(screen, 'session:snapshot')).snapshot;
    expect(full.reveal?.places.map((p) => [p.place, p.bidderId])).toEqual([
      [2, b!.id],
      [1, a!.id],
    ]);
    expect(await call(hostSocket, 'host:command', { type: 'reveal-next' })).toMatchObject({ ok: false, code: 'INVALID_COMMAND' });
    expect(await storedBallots(evening.id)).toHaveLength(5);
  });

  it('reveals the same place 1 as the results and the advice when the mean and majority judgment disagree', async () => {
    // Bidder 1: 5 5 1 1 1 (majority grade 1, mean 2.6); bidder 2: 2 2 2 2 2 (majority grade 2,
    // mean 2). Ranked by the mean, bidder 1 would win; by majority judgment, the advice's method,
    // bidder 2 wins. Bidder 3 is skipped: not assessed, no place.
    const { evening, hostSocket, screen } = await liveEvening();
    const phones = [];
    for (let i = 0; i < 5; i++) phones.push(await attendee(evening));
    const [first, second, third] = evening.bidders;
    await command(hostSocket, { type: 'start-pitch', bidderId: first!.id });
    await command(hostSocket, { type: 'open-scoring', bidderId: first!.id });
    for (const [i, g] of [5, 5, 1, 1, 1].entries()) ok(await call(phones[i]!, 'ballot:submit', ballot(evening, 0, g)));
    await command(hostSocket, { type: 'start-pitch', bidderId: second!.id, closeOpenScoring: true });
    await command(hostSocket, { type: 'open-scoring', bidderId: second!.id });
    // Listening before the ballots: the tally that counts the fifth may go out before a later call returns.
    const counted = next(hostSocket, 'live:tally', (t) => t.pitches[1]!.ballots === 5);
    for (const p of phones) ok(await call(p, 'ballot:submit', ballot(evening, 1, 2)));
    await command(hostSocket, { type: 'skip-pitch', bidderId: third!.id });

    // The console's interim results already use the advice's order.
    const interim = await counted;
    expect(rankResults(interim.results!).map((r) => [r.place, r.bidderId])).toEqual([
      [1, second!.id],
      [2, first!.id],
      [null, third!.id],
    ]);
    expect(interim.results!.find((r) => r.bidderId === first!.id)!.weightedMean).toBeGreaterThan(interim.results!.find((r) => r.bidderId === second!.id)!.weightedMean!);

    await command(hostSocket, { type: 'end-evening' });
    await command(hostSocket, { type: 'reveal-next' });
    const winner = next(screen, 'live:reveal', (r) => r.places.length === 2);
    await command(hostSocket, { type: 'reveal-next' });
    const reveal = await winner;
    expect(reveal.total).toBe(2);
    expect(reveal.places.map((p) => [p.place, p.bidderId])).toEqual([
      [2, first!.id],
      [1, second!.id],
    ]);
    expect(await call(hostSocket, 'host:command', { type: 'reveal-next' })).toMatchObject({ ok: false, code: 'INVALID_COMMAND' });

    // The results page and the advice name the same place 1.
    const results = (await host.get(`/api/evenings/${evening.id}/results`).expect(200)).body as ResultsResponse;
    expect(results.report.all.ranking[0]).toMatchObject({ place: 1, bidderId: second!.id });
    expect(results.report.all.meanRanking[0]).toMatchObject({ place: 1, bidderId: first!.id });
    const { document } = (await host.get(`/api/evenings/${evening.id}/advice/preview?lang=nl`).expect(200)).body as AdviceDocumentResponse;
    const summary = document.sections.find((s) => s.id === 'summary')!;
    const table = summary.blocks.find((b) => b.kind === 'table' && b.header[0] === 'Plaats');
    expect(table?.kind === 'table' && table.rows[0]!.slice(0, 2)).toEqual(['1', second!.name]);
  });

  it('stores a resent ballot once and answers every resend with the same receipt', async () => {
    const { evening, hostSocket } = await liveEvening();
    const p = await attendee(evening);
    await command(hostSocket, { type: 'next-pitch' });
    await command(hostSocket, { type: 'open-scoring', bidderId: evening.bidders[0]!.id });
    const once = ballot(evening, 0, 4);
    const answers = await Promise.all([call(p, 'ballot:submit', once), call(p, 'ballot:submit', once), call(p, 'ballot:submit', once)]);
    const again = await call(p, 'ballot:submit', once);
    const receipts = new Set([...answers, again].map((r) => ok(r).receipt));
    expect(receipts.size).toBe(1);
    expect(await storedBallots(evening.id)).toHaveLength(1);

    const other = await attendee(evening);
    expect(await call(other, 'ballot:submit', once)).toMatchObject({ ok: false, code: 'BALLOT_ID_TAKEN' });
  });

  it('refuses ballots when scoring is not open, after it closed, and for an unknown criterion or an off-scale grade', async () => {
    const { evening, hostSocket } = await liveEvening();
    const p = await attendee(evening);
    const bidder = evening.bidders[0]!.id;
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 3))).toMatchObject({ ok: false, code: 'SCORING_CLOSED', message: expect.stringMatching(/not opened/) });
    await command(hostSocket, { type: 'start-pitch', bidderId: bidder });
    await command(hostSocket, { type: 'open-scoring', bidderId: bidder });

    const unknownCriterion = ballot(evening, 0, 3, { grades: { [randomUUID()]: 3 } });
    expect(await call(p, 'ballot:submit', unknownCriterion)).toMatchObject({ ok: false, code: 'UNKNOWN_CRITERION' });
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 9))).toMatchObject({ ok: false, code: 'GRADE_NOT_ON_SCALE' });
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 0))).toMatchObject({ ok: false, code: 'GRADE_NOT_ON_SCALE' });
    expect(await call(p, 'ballot:submit', ballot(evening, 1, 3))).toMatchObject({ ok: false, code: 'SCORING_CLOSED' });
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 3, { bidderId: randomUUID() }))).toMatchObject({ ok: false, code: 'UNKNOWN_BIDDER' });
    expect(await call(p, 'ballot:submit', { ballotId: 'nope' } as unknown as BallotSubmission)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 3, { remark: 'x'.repeat(1001) }))).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });

    await command(hostSocket, { type: 'close-scoring', bidderId: bidder });
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 3))).toMatchObject({ ok: false, code: 'SCORING_CLOSED', message: expect.stringMatching(/closed/) });
    expect(await storedBallots(evening.id)).toHaveLength(0);

    // Reopened by mistake-correction, with a reason that is logged; then ballots count again.
    expect(await call(hostSocket, 'host:command', { type: 'reopen-scoring', bidderId: bidder, reason: '' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    await command(hostSocket, { type: 'reopen-scoring', bidderId: bidder, reason: 'Te vroeg gesloten' });
    ok(await call(p, 'ballot:submit', ballot(evening, 0, 3)));
  });

  it('refuses a ballot for a bidder the attendee declared a tie with, and counts declarations', async () => {
    const { evening, hostSocket } = await liveEvening();
    const p = await attendee(evening);
    const tied = evening.bidders[0]!.id;
    // Listening before the declaration: the host's tally may go out at any moment after it.
    const declared = next(hostSocket, 'live:tally', (t) => t.pitches[0]!.tiesDeclared === 1);
    const { me } = ok(await call(p, 'attendee:ties', { bidderIds: [tied] }));
    expect(me.ties).toEqual([tied]);
    await declared;
    await command(hostSocket, { type: 'start-pitch', bidderId: tied });
    await command(hostSocket, { type: 'open-scoring', bidderId: tied });
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 5))).toMatchObject({ ok: false, code: 'TIED_TO_BIDDER', message: expect.stringMatching(/tie/) });
    // After the refusal: still one declaration and no ballot.
    const { tally } = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
    expect(tally.pitches[0]).toMatchObject({ tiesDeclared: 1, ballots: 0 });
    expect(await call(p, 'attendee:ties', { bidderIds: [randomUUID()] })).toMatchObject({ ok: false, code: 'UNKNOWN_BIDDER' });
  });

  it('never sends hidden results to phones or the screen', async () => {
    const { evening, hostSocket, screen } = await liveEvening();
    const p = await attendee(evening);
    const seen: { who: string; event: string; payload: unknown }[] = [];
    for (const [who, s] of [['phone', p], ['screen', screen]] as const) s.onAny((event: string, payload: unknown) => seen.push({ who, event, payload }));

    await command(hostSocket, { type: 'next-pitch' });
    await command(hostSocket, { type: 'open-scoring', bidderId: evening.bidders[0]!.id });
    const counted = next(screen, 'live:tally', (t) => t.pitches[0]!.ballots === 1);
    ok(await call(p, 'ballot:submit', ballot(evening, 0, 5)));
    await counted;
    const screenSnapshot = ok(await call(screen, 'session:snapshot')).snapshot as ScreenSnapshot;
    const phoneSnapshot = ok(await call(p, 'session:snapshot')).snapshot;
    const hidden = JSON.stringify([seen, screenSnapshot, phoneSnapshot]);
    expect(hidden).not.toMatch(/"results":|weightedMean|majorityGrade/);

    // The host turns live results on: the screen gets them, phones still do not.
    const shown = next(screen, 'live:tally', (t) => t.results !== undefined);
    await command(hostSocket, { type: 'set-live-results', on: true });
    const withResults = await shown;
    expect(withResults.results?.[0]).toMatchObject({ ballots: 1, majorityGrade: 5, weightedMean: 5 });
    expect(JSON.stringify(seen.filter((s) => s.who === 'phone'))).not.toMatch(/"results":|weightedMean|majorityGrade/);
  });

  it('accepts a ballot a phone queued while disconnected once it reconnects, and reloads the state', async () => {
    const { evening, hostSocket } = await liveEvening();
    const { socket: first, token } = await phone(running.url, evening.joinCode);
    bench.track(first);
    await command(hostSocket, { type: 'next-pitch' });
    await command(hostSocket, { type: 'open-scoring', bidderId: evening.bidders[0]!.id });
    first.disconnect();

    // Offline: the phone keeps the ballot; later, on a new connection with the same token, it sends it.
    const queued = ballot(evening, 0, 4);
    const again = await connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: token });
    bench.track(again);
    const snapshot = ok(await call(again, 'session:snapshot')).snapshot;
    expect(snapshot.state.pitches[0]!.scoring).toBe('open');
    const receipt = ok(await call(again, 'ballot:submit', queued));
    // The same ballot sent once more (the phone did not see the first acknowledgement) is not counted twice.
    expect(ok(await call(again, 'ballot:submit', queued)).receipt).toBe(receipt.receipt);
    expect(await storedBallots(evening.id)).toHaveLength(1);
    const me = ok(await call(again, 'session:snapshot')).snapshot;
    expect(me.role === 'attendee' && me.me.ballots[0]!.receipt).toBe(receipt.receipt);
  });

  it('refuses connections without valid credentials with a clear error', async () => {
    const { evening } = await liveEvening();
    const other = await organiser(running.url, 'Other');
    const refusals = [
      () => connect(running.url, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: 'x'.repeat(43) }),
      () => connect(running.url, { role: 'screen', joinCode: 'ZZZZZZ' }),
      () => connect(running.url, { role: 'host', eveningId: evening.id, token: other.session.token }),
      () => connect(running.url, { role: 'host', eveningId: evening.id, token: 'not-a-token' }),
      () => connect(running.url, {} as never),
    ];
    const codes = [];
    for (const attempt of refusals) {
      const error = (await attempt().then(
        () => null,
        (e: Error & { data?: { code: string; message: string } }) => e,
      ))!;
      expect(error.data?.message.length).toBeGreaterThan(10);
      codes.push(error.data?.code);
    }
    expect(codes).toEqual(['UNAUTHENTICATED', 'NOT_FOUND', 'NOT_FOUND', 'UNAUTHENTICATED', 'INVALID_PAYLOAD']);
  });

  it('refuses phones of an evening that is not frozen yet', async () => {
    const draft = await completeEvening(host);
    const res = await request(running.url).post('/api/join').send({ joinCode: draft.joinCode }).expect(409);
    expect(res.body).toMatchObject({ code: 'EVENING_NOT_OPEN' });
  });

  it('refuses host commands from phones and the screen', async () => {
    const { evening, screen } = await liveEvening();
    const p = await attendee(evening);
    expect(await call(p, 'host:command', { type: 'end-evening' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(screen, 'host:command', { type: 'end-evening' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await call(screen, 'ballot:submit', ballot(evening, 0, 3))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it("refuses a host command that does not fit the evening with a reason and the bidder's name, for the console's language", async () => {
    const { evening, hostSocket } = await liveEvening();
    const second = evening.bidders[1]!;
    expect(await call(hostSocket, 'host:command', { type: 'open-scoring', bidderId: second.id })).toEqual({
      ok: false,
      code: 'INVALID_COMMAND',
      reason: 'command.pitchNotStarted',
      params: { bidder: second.name },
      message: `Start the pitch of ${second.name} before opening scoring for it.`,
    });
    expect(await call(hostSocket, 'host:command', { type: 'reveal-next' })).toMatchObject({ ok: false, code: 'INVALID_COMMAND', reason: 'command.revealBeforeEnd' });
  });

  it('shows the first started pitch on the big screen instead of the join QR', async () => {
    const { evening, hostSocket, screen } = await liveEvening();
    expect((ok(await call(screen, 'session:snapshot')).snapshot as ScreenSnapshot).state.screen.view).toBe('join');
    const started = next(screen, 'live:state', (s) => s.currentBidderId === evening.bidders[0]!.id);
    await command(hostSocket, { type: 'next-pitch' });
    const state: LiveState = await started;
    expect(state.screen).toEqual({ view: 'pitch', liveResults: false });
  });
});

describe('practical details edited after freezing', () => {
  it('reach phones and the screen on their next snapshot, also while the evening is loaded', async () => {
    const { evening, screen } = await liveEvening();
    expect(ok(await call(screen, 'session:snapshot')).snapshot.programme.title).toBe(evening.title);
    await host.patch(`/api/evenings/${evening.id}`, { title: 'Idols-avond (nieuwe zaal)', venue: 'Grote zaal' }).expect(200);
    const after = ok(await call(screen, 'session:snapshot')).snapshot.programme;
    expect(after).toMatchObject({ title: 'Idols-avond (nieuwe zaal)', venue: 'Grote zaal' });
  });
});
