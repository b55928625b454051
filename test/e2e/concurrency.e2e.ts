import { DataSource } from 'typeorm';
import type { AuditTrailResponse, BallotReceipt, EveningDetail, HostCommand, HostCommandResult } from '@buurtjury/shared';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { PitchStateEntity } from '../../backend/src/infrastructure/database/schema/live';
import { completeEvening, organiser } from '../support/api';
import { ballotFor, burst, crowd, hostCommand, submit, type CrowdPhone } from '../support/crowd';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, type Client } from '../support/sockets';

/**
 * The host closes scoring in the middle of a burst of ballots from 200 phones: what was
 * acknowledged is exactly what is counted, nothing is acknowledged after the close, and the
 * count does not move afterwards.
 */
const PHONES = 200;
/** Phones sending at the same time; each sends its ballot once the previous one in its stream is answered. */
const STREAMS = 20;
/** The host closes once this many ballots are acknowledged, so the rest of the burst races the close. */
const CLOSE_AFTER = 60;

let running: RunningApp;
let evening: EveningDetail;
let hostSocket: Client;
let phones: CrowdPhone[];

beforeAll(async () => {
  // The race below sends a few hundred host commands from two consoles: more than the per-socket message limit allows.
  running = await startApp({ SOCKET_RATE_LIMIT: '100000' });
  const host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host);
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  hostSocket = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  // Phones join before the pitch starts: only then may they score it.
  phones = await crowd(running.url, evening, PHONES);
});
afterAll(async () => {
  for (const p of phones ?? []) p.socket.close();
  hostSocket?.close();
  await running.close();
});

const command = (cmd: HostCommand): Promise<HostCommandResult> => hostCommand(hostSocket, cmd);

it('counts exactly the ballots acknowledged before the close, and refuses the rest with SCORING_CLOSED', async () => {
  const bidderId = evening.bidders[0]!.id;
  await command({ type: 'next-pitch' });
  await command({ type: 'open-scoring', bidderId });

  let close: Promise<HostCommandResult> | null = null;
  const answers = await burst(phones, STREAMS, CLOSE_AFTER, () => {
    close = command({ type: 'close-scoring', bidderId });
  });
  expect(close).not.toBeNull();
  const closed = await close!;

  // Every ballot got an answer: accepted, or refused because scoring had closed.
  expect(answers.every((a) => a !== null)).toBe(true);
  const accepted = answers.filter((a) => a!.ok) as BallotReceipt[];
  const refused = answers.filter((a) => !a!.ok);
  expect(accepted.length).toBeGreaterThanOrEqual(CLOSE_AFTER);
  expect(refused.length).toBeGreaterThan(0);
  expect(accepted.length + refused.length).toBe(PHONES);
  for (const r of refused) expect(r).toMatchObject({ ok: false, code: 'SCORING_CLOSED', message: expect.stringMatching(/closed/) });

  // What was acknowledged is exactly what is counted and stored.
  expect(closed.ballotsCounted).toBe(accepted.length);
  const stored = await running.app.get(DataSource).manager.findBy(BallotEntity, { eveningId: evening.id, bidderId });
  expect(new Set(stored.map((b) => b.id))).toEqual(new Set(accepted.map((a) => a.ballotId)));
  expect(new Set(stored.map((b) => b.receipt))).toEqual(new Set(accepted.map((a) => a.receipt)));

  // Nothing was accepted after the moment scoring closed.
  const closedAt = Date.parse(closed.state.pitches.find((p) => p.bidderId === bidderId)!.scoringClosedAt!);
  for (const a of accepted) expect(Date.parse(a.acceptedAt)).toBeLessThanOrEqual(closedAt);

  // Closing again reports the same count; the refused phones resending changes nothing.
  expect((await command({ type: 'close-scoring', bidderId })).ballotsCounted).toBe(accepted.length);
  const refusedPhones = phones.filter((_, i) => !answers[i]!.ok);
  const resent = await Promise.all(refusedPhones.map((p) => submit(p.socket, p.ballot)));
  for (const r of resent) expect(r).toMatchObject({ ok: false, code: 'SCORING_CLOSED' });
  // An accepted phone resending gets its receipt again, not a second ballot.
  const acceptedPhone = phones.find((_, i) => answers[i]!.ok)!;
  const again = await submit(acceptedPhone.socket, acceptedPhone.ballot);
  expect(again).toMatchObject({ ok: true, receipt: accepted.find((a) => a.ballotId === acceptedPhone.ballot.ballotId)!.receipt });
  expect((await command({ type: 'close-scoring', bidderId })).ballotsCounted).toBe(accepted.length);
  expect(await running.app.get(DataSource).manager.countBy(BallotEntity, { eveningId: evening.id })).toBe(accepted.length);
}, 120_000);

describe('one order of host commands per evening', () => {
  const ROUNDS = 50;

  it(`leaves the trail in the real state when close and reopen race from two consoles (${ROUNDS} rounds)`, async () => {
    const host = await organiser(running.url, 'Racer');
    const draft = await completeEvening(host);
    const raced = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
    const bidderId = raced.bidders[0]!.id;
    const consoleA = await connect(running.url, { role: 'host', eveningId: raced.id, token: host.session.token });
    const consoleB = await connect(running.url, { role: 'host', eveningId: raced.id, token: host.session.token });
    const voters = await crowd(running.url, raced, 5);
    try {
      await hostCommand(consoleA, { type: 'start-pitch', bidderId });
      await hostCommand(consoleA, { type: 'open-scoring', bidderId });
      const wrong: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Ballots keep coming in (closing waits for those received to be stored), and both consoles
        // press at once while scoring is open: either order is fine, as long as the trail tells it.
        const sent = voters.map((v, i) => submit(v.socket, ballotFor(raced, 0, raced.scale.levels[(round + i) % raced.scale.levels.length]!.value)));
        const [closed, reopened] = await Promise.all([
          call(consoleA, 'host:command', { type: 'close-scoring', bidderId }),
          call(consoleB, 'host:command', { type: 'reopen-scoring', bidderId, reason: `ronde ${round}` }),
        ]);
        expect(closed.ok).toBe(true);
        await Promise.all(sent);
        const real = (await running.app.get(DataSource).manager.findOneByOrFail(PitchStateEntity, { eveningId: raced.id, bidderId })).scoring;
        const trail = (await host.get(`/api/evenings/${raced.id}/audit`).expect(200)).body as AuditTrailResponse;
        const last = trail.entries.filter((e) => ['scoring-opened', 'scoring-closed', 'scoring-reopened'].includes(e.type)).at(-1)!;
        const told = last.type === 'scoring-closed' ? 'closed' : 'open';
        const live = (await call(consoleA, 'session:snapshot')) as { ok: true; snapshot: { state: { pitches: { bidderId: string; scoring: string }[] } } };
        const shown = live.snapshot.state.pitches.find((p) => p.bidderId === bidderId)!.scoring;
        if (told !== real || shown !== real) wrong.push(`round ${round}: trail says ${told}, stored ${real}, live ${shown} (reopen ${reopened.ok ? 'applied' : 'refused'})`);
        if (real === 'closed') await hostCommand(consoleA, { type: 'reopen-scoring', bidderId, reason: 'volgende ronde' });
      }
      expect(wrong).toEqual([]);
      expect((await host.get(`/api/evenings/${raced.id}/audit/verify`).expect(200)).body).toMatchObject({ ok: true });
    } finally {
      for (const v of voters) v.socket.close();
      consoleA.close();
      consoleB.close();
    }
  }, 120_000);
});
