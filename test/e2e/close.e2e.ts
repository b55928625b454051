import { DataSource } from 'typeorm';
import {
  venueClock,
  type AdviceDocumentResponse,
  type AuditTrailResponse,
  type HostSnapshot,
  type PitchTally,
  type ResultsResponse,
  type VerificationReport,
} from '@buurtjury/shared';
import { LateBallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { organiser, type Organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { liveBench } from '../support/live-bench';
import { call, next, ok, type Client } from '../support/sockets';

/**
 * Closing scoring without losing a ballot silently: the host sees who is still filling in and who
 * lost their connection while doing so, a close can be announced with a countdown that the server
 * keeps, and a ballot that arrives after the close is refused with the time scoring closed, noted
 * once, logged, shown to the host and reported in the advice, and never counted.
 */

let running: RunningApp;
let host: Organiser;

beforeAll(async () => {
  running = await startApp();
  host = await organiser(running.url, 'Host');
});
afterAll(() => running.close());

const bench = liveBench(() => running.url, () => host);
const { liveEvening, attendee, ballot, command } = bench;
afterEach(() => bench.closeAll());

/** The host's tally of one pitch, as the console gets it (a fresh snapshot, so no waiting on the tally's rate). */
async function hostTally(hostSocket: Client, bidderId: string): Promise<PitchTally> {
  const snapshot = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
  return snapshot.tally.pitches.find((p) => p.bidderId === bidderId)!;
}

async function audit(eveningId: string): Promise<AuditTrailResponse['entries']> {
  return ((await host.get(`/api/evenings/${eveningId}/audit`).expect(200)).body as AuditTrailResponse).entries;
}

describe('closing scoring', () => {
  it('shows the host the phones still filling in, with a ballot waiting, and those that lost their connection while busy', async () => {
    const { evening, hostSocket } = await liveEvening();
    const [a, b] = evening.bidders;
    const filling = await attendee(evening);
    const waiting = await attendee(evening);
    const leaving = await attendee(evening);
    const tied = await attendee(evening);
    ok(await call(tied, 'attendee:ties', { bidderIds: [a!.id] }));
    await command(hostSocket, { type: 'next-pitch' });
    // Before scoring opens, nobody can be busy with the pitch.
    expect(await call(filling, 'ballot:progress', { bidderId: a!.id, state: 'filling' })).toMatchObject({ ok: false, code: 'SCORING_CLOSED', reason: 'scoringNotOpen' });
    await command(hostSocket, { type: 'open-scoring', bidderId: a!.id });

    ok(await call(filling, 'ballot:progress', { bidderId: a!.id, state: 'filling' }));
    ok(await call(waiting, 'ballot:progress', { bidderId: a!.id, state: 'waiting' }));
    ok(await call(leaving, 'ballot:progress', { bidderId: a!.id, state: 'filling' }));
    // A phone that may not score the pitch is not counted as busy with it.
    expect(await call(tied, 'ballot:progress', { bidderId: a!.id, state: 'filling' })).toMatchObject({ ok: false, code: 'TIED_TO_BIDDER' });
    expect(await call(filling, 'ballot:progress', { bidderId: b!.id, state: 'filling' })).toMatchObject({ ok: false, code: 'SCORING_CLOSED' });
    expect(await call(filling, 'ballot:progress', { bidderId: a!.id, state: 'done' } as never)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await hostTally(hostSocket, a!.id)).toMatchObject({ filling: 2, waiting: 1, disconnected: 0, late: 0 });

    // One phone's connection goes while its owner fills in: the host is told, at the tally's pace.
    const lost = next(hostSocket, 'live:tally', (t) => t.pitches[0]!.disconnected === 1);
    leaving.close();
    expect((await lost).pitches[0]).toMatchObject({ filling: 1, waiting: 1, disconnected: 1 });

    // A stored ballot ends the phone's busy state; so does the phone saying it stopped.
    ok(await call(filling, 'ballot:submit', ballot(evening, 0, 4)));
    ok(await call(waiting, 'ballot:progress', { bidderId: a!.id, state: 'idle' }));
    expect(await hostTally(hostSocket, a!.id)).toMatchObject({ ballots: 1, filling: 0, waiting: 0, disconnected: 1 });
    // Closing clears what can no longer be sent.
    await command(hostSocket, { type: 'close-scoring', bidderId: a!.id });
    expect(await hostTally(hostSocket, a!.id)).toMatchObject({ filling: 0, waiting: 0, disconnected: 0 });
  });

  it('announces a close with a countdown and closes at the announced time by the server’s timer', async () => {
    const { evening, hostSocket, screen } = await liveEvening();
    const [a, b] = evening.bidders;
    const p = await attendee(evening);
    await command(hostSocket, { type: 'next-pitch' });
    await command(hostSocket, { type: 'open-scoring', bidderId: a!.id });

    const announcedOnPhone = next(p, 'live:state', (s) => s.pitches[0]!.scoringClosesAt !== null);
    const announcedOnScreen = next(screen, 'live:state', (s) => s.pitches[0]!.scoringClosesAt !== null);
    const closed = next(p, 'live:state', (s) => s.pitches[0]!.scoring === 'closed');
    const before = Date.now();
    const result = await command(hostSocket, { type: 'close-scoring', bidderId: a!.id, countdownSeconds: 1 });
    // Announced, not closed: nothing is counted yet.
    expect(result.ballotsCounted).toBeUndefined();
    expect(result.state.pitches[0]).toMatchObject({ scoring: 'open', scoringClosedAt: null });
    const closesAt = Date.parse(result.state.pitches[0]!.scoringClosesAt!);
    expect(closesAt).toBeGreaterThanOrEqual(before + 1000);
    expect(closesAt).toBeLessThan(Date.now() + 1000);
    expect((await announcedOnPhone).pitches[0]!.scoringClosesAt).toBe(result.state.pitches[0]!.scoringClosesAt);
    expect((await announcedOnScreen).pitches[0]!.scoringClosesAt).toBe(result.state.pitches[0]!.scoringClosesAt);
    // Announcing again with a longer countdown does not postpone it.
    const again = await command(hostSocket, { type: 'close-scoring', bidderId: a!.id, countdownSeconds: 60 });
    expect(again.state.pitches[0]!.scoringClosesAt).toBe(result.state.pitches[0]!.scoringClosesAt);

    // During the countdown a ballot still counts.
    ok(await call(p, 'ballot:submit', ballot(evening, 0, 4)));
    const state = await closed;
    expect(Date.parse(state.pitches[0]!.scoringClosedAt!)).toBeGreaterThanOrEqual(closesAt);
    expect(state.pitches[0]!.scoringClosesAt).toBeNull();

    const entries = await audit(evening.id);
    const announced = entries.filter((e) => e.type === 'scoring-close-announced');
    expect(announced).toHaveLength(1);
    expect(announced[0]!.detail).toMatchObject({ bidderId: a!.id, seconds: 1, closesAt: result.state.pitches[0]!.scoringClosesAt, withNextPitch: false });
    expect(announced[0]!.actor).toBe('Host');
    const closing = entries.find((e) => e.type === 'scoring-closed')!;
    expect(closing).toMatchObject({ actor: 'system', detail: { bidderId: a!.id, counted: 1 } });
    expect(closing.sequence).toBeGreaterThan(announced[0]!.sequence);

    // Next pitch with a countdown: the next pitch starts at once, the open scoring closes later.
    await command(hostSocket, { type: 'start-pitch', bidderId: b!.id });
    await command(hostSocket, { type: 'open-scoring', bidderId: b!.id });
    const thirdClosed = next(p, 'live:state', (s) => s.pitches[1]!.scoring === 'closed');
    const moved = await command(hostSocket, { type: 'next-pitch', closeOpenScoring: true, countdownSeconds: 1 });
    expect(moved.state.currentBidderId).toBe(evening.bidders[2]!.id);
    expect(moved.state.pitches[1]).toMatchObject({ scoring: 'open' });
    expect(moved.state.pitches[1]!.scoringClosesAt).not.toBeNull();
    expect((await thirdClosed).pitches[1]!.scoring).toBe('closed');
    const withNext = (await audit(evening.id)).filter((e) => e.type === 'scoring-close-announced').at(-1)!;
    expect(withNext.detail).toMatchObject({ bidderId: b!.id, withNextPitch: true });

    // Countdown 0 (or none) closes at once, as before.
    await command(hostSocket, { type: 'open-scoring', bidderId: evening.bidders[2]!.id });
    const now = await command(hostSocket, { type: 'close-scoring', bidderId: evening.bidders[2]!.id, countdownSeconds: 0 });
    expect(now.state.pitches[2]!.scoring).toBe('closed');
    expect(now.ballotsCounted).toBe(0);
    expect(await call(hostSocket, 'host:command', { type: 'close-scoring', bidderId: a!.id, countdownSeconds: 301 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await call(hostSocket, 'host:command', { type: 'close-scoring', bidderId: a!.id, countdownSeconds: 1.5 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });

  it('refuses a ballot that arrives after the close with the time it closed, notes it once, logs it, shows the host and the advice, and never counts it', async () => {
    const { evening, hostSocket } = await liveEvening();
    const [a, b] = evening.bidders;
    const counted = await attendee(evening);
    const offline = await attendee(evening);
    const changer = await attendee(evening);
    const tied = await attendee(evening);
    ok(await call(tied, 'attendee:ties', { bidderIds: [a!.id] }));
    await command(hostSocket, { type: 'next-pitch' });
    await command(hostSocket, { type: 'open-scoring', bidderId: a!.id });
    ok(await call(counted, 'ballot:submit', ballot(evening, 0, 4)));
    const earlier = ok(await call(changer, 'ballot:submit', ballot(evening, 0, 2)));
    // The offline phone started filling in; its ballot stays queued on the phone past the close.
    ok(await call(offline, 'ballot:progress', { bidderId: a!.id, state: 'waiting' }));
    const closed = await command(hostSocket, { type: 'close-scoring', bidderId: a!.id });
    expect(closed.ballotsCounted).toBe(2);
    const closedAt = closed.state.pitches[0]!.scoringClosedAt!;

    // The phone comes back and sends its queued ballot: refused, with the time scoring closed.
    const queued = ballot(evening, 0, 5);
    const refusal = await call(offline, 'ballot:submit', queued);
    expect(refusal).toEqual({
      ok: false,
      code: 'SCORING_CLOSED',
      reason: 'ballotTooLate',
      params: { time: venueClock(closedAt) },
      message: `Your ballot arrived after scoring for this pitch closed at ${venueClock(closedAt)}, so it was not counted. The organisers can see that a ballot arrived too late.`,
    });
    expect(venueClock(closedAt)).toMatch(/^\d\d:\d\d$/);
    // A resend, and another ballot of the same phone for the same pitch, are noted once.
    expect(await call(offline, 'ballot:submit', queued)).toMatchObject({ ok: false, reason: 'ballotTooLate' });
    expect(await call(offline, 'ballot:submit', ballot(evening, 0, 3))).toMatchObject({ ok: false, reason: 'ballotTooLate' });
    // A change from a phone whose earlier ballot counts says so.
    expect(await call(changer, 'ballot:submit', ballot(evening, 0, 5))).toMatchObject({ ok: false, code: 'SCORING_CLOSED', reason: 'ballotChangeTooLate' });
    // A ballot that could not have counted anyway is refused as before and not noted: a tie, a pitch never opened.
    expect(await call(tied, 'ballot:submit', ballot(evening, 0, 5))).toMatchObject({ ok: false, code: 'SCORING_CLOSED', reason: 'scoringClosed' });
    expect(await call(counted, 'ballot:submit', ballot(evening, 1, 5))).toMatchObject({ ok: false, code: 'SCORING_CLOSED', reason: 'scoringNotOpen' });

    const notes = await running.app.get(DataSource).manager.findBy(LateBallotEntity, { eveningId: evening.id });
    expect(notes.map((n) => n.bidderId).sort()).toEqual([a!.id, a!.id]);
    expect(notes.find((n) => n.id === queued.ballotId)).toBeDefined();
    expect(Object.keys(notes[0]!).sort()).toEqual(['attendeeId', 'bidderId', 'eveningId', 'id', 'receivedAt']);
    let log = (await audit(evening.id)).filter((e) => e.type === 'ballot-too-late');
    expect(log.map((e) => e.detail)).toEqual(expect.arrayContaining([{ ballotId: queued.ballotId, bidderId: a!.id }]));
    expect(log).toHaveLength(2);
    expect(log.every((e) => e.actor === 'attendee')).toBe(true);

    // The host's console shows two ballots too late for pitch 1; the counted ballots did not change.
    const tally = await hostTally(hostSocket, a!.id);
    expect(tally).toMatchObject({ ballots: 2, late: 2 });
    const snapshot = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
    expect(snapshot.tally.results?.find((r) => r.bidderId === a!.id)?.ballots).toBe(2);

    // The evening ends: a queued ballot for a pitch closed at the end is refused with EVENING_ENDED and noted too.
    await command(hostSocket, { type: 'start-pitch', bidderId: b!.id });
    await command(hostSocket, { type: 'open-scoring', bidderId: b!.id });
    const ended = await command(hostSocket, { type: 'end-evening' });
    const endedAt = ended.state.pitches[1]!.scoringClosedAt!;
    expect(await call(offline, 'ballot:submit', ballot(evening, 1, 4))).toMatchObject({ ok: false, code: 'EVENING_ENDED', reason: 'ballotTooLate', params: { time: venueClock(endedAt) } });
    log = (await audit(evening.id)).filter((e) => e.type === 'ballot-too-late');
    expect(log).toHaveLength(3);

    // The results never count them; the advice says how many arrived too late, per bidder.
    const results = (await host.get(`/api/evenings/${evening.id}/results`).expect(200)).body as ResultsResponse;
    expect(results.report.all.bidders.find((x) => x.bidderId === a!.id)?.ballots).toBe(2);
    expect(results.report.all.bidders.find((x) => x.bidderId === b!.id)?.ballots).toBe(0);
    const { document } = (await host.get(`/api/evenings/${evening.id}/advice/preview?lang=nl`).expect(200)).body as AdviceDocumentResponse;
    const participation = JSON.stringify(document.sections.find((s) => s.id === 'participation'));
    expect(participation).toContain('er is geen uitlooptijd');
    expect(participation).toContain(`3 beoordelingen kwamen binnen nadat het beoordelen van hun pitch was gesloten en zijn niet meegeteld: ${a!.name} 2, ${b!.name} 1.`);
    expect(participation).toContain('Daarvan was 1 een wijziging van een telefoon waarvan de eerdere beoordeling wel telt.');
    const { document: english } = (await host.get(`/api/evenings/${evening.id}/advice/preview?lang=en`).expect(200)).body as AdviceDocumentResponse;
    expect(JSON.stringify(english.sections.find((s) => s.id === 'participation'))).toContain(`3 assessments arrived after scoring for their pitch had closed and were not counted: ${a!.name} 2, ${b!.name} 1.`);
    // The phone whose change came too late keeps its earlier ballot, which counts.
    const changerSelf = ok(await call(changer, 'session:snapshot')).snapshot;
    expect(changerSelf.role === 'attendee' && changerSelf.me.ballots.map((x) => x.receipt)).toEqual([earlier.receipt]);

    // The audit trail with the new entries verifies.
    const verification = (await host.get(`/api/evenings/${evening.id}/audit/verify`).expect(200)).body as VerificationReport;
    expect(verification.firstMismatch).toBeNull();
    expect(verification.ok).toBe(true);
    expect(verification.checks.find((c) => c.name === 'late')?.notes).toEqual([expect.objectContaining({ reason: 'lateOk', params: { count: 3 } })]);
    // A note removed afterwards is found: the trail says a ballot came too late that the table no longer holds.
    await running.app.get(DataSource).manager.delete(LateBallotEntity, { id: queued.ballotId });
    const tampered = (await host.get(`/api/evenings/${evening.id}/audit/verify`).expect(200)).body as VerificationReport;
    expect(tampered.ok).toBe(false);
    expect(tampered.firstMismatch).toMatchObject({ type: 'ballot-too-late', reason: 'lateMissing', params: { id: queued.ballotId } });
  });

  it('does not count a late ballot as lost once scoring was reopened and the phone sent again', async () => {
    const { evening, hostSocket } = await liveEvening();
    const a = evening.bidders[0]!;
    const p = await attendee(evening);
    await command(hostSocket, { type: 'next-pitch' });
    await command(hostSocket, { type: 'open-scoring', bidderId: a.id });
    await command(hostSocket, { type: 'close-scoring', bidderId: a.id });
    expect(await call(p, 'ballot:submit', ballot(evening, 0, 4))).toMatchObject({ ok: false, reason: 'ballotTooLate' });
    expect(await hostTally(hostSocket, a.id)).toMatchObject({ late: 1, ballots: 0 });
    await command(hostSocket, { type: 'reopen-scoring', bidderId: a.id, reason: 'Een telefoon was te laat' });
    ok(await call(p, 'ballot:submit', ballot(evening, 0, 4)));
    expect(await hostTally(hostSocket, a.id)).toMatchObject({ late: 0, ballots: 1 });
    await command(hostSocket, { type: 'end-evening' });
    const { document } = (await host.get(`/api/evenings/${evening.id}/advice/preview?lang=nl`).expect(200)).body as AdviceDocumentResponse;
    expect(JSON.stringify(document.sections.find((s) => s.id === 'participation'))).toContain('Er kwamen geen beoordelingen te laat binnen.');
  });
});
