import type { Ack, BallotReceipt, HostSnapshot } from '@buurtjury/shared';
import { burst, connectPhones, hostCommand, openPitchWithCrowd, submit } from '../support/crowd';
import { exitWithin, readBallots, serverProcessSuite } from '../support/server-process';
import { call, connect, ok } from '../support/sockets';

/**
 * The backend process is killed (SIGKILL: no shutdown code runs) in the middle of a burst of
 * ballots from 200 phones, then started again on the same database and port. Every ballot
 * acknowledged before the kill must be stored; the phones resend what was not acknowledged
 * (same ballot ids) and every voter counts exactly once.
 */
const PHONES = 200;
const STREAMS = 20;
const KILL_AFTER = 100;

const suite = serverProcessSuite('crash');

it('keeps every ballot acknowledged before a SIGKILL; after the restart the phones resend the rest and each voter counts once', async () => {
  const { host, evening, bidderId, hostSocket, phones } = await openPitchWithCrowd(suite.server.url, PHONES);
  suite.sockets.push(hostSocket, ...phones.map((p) => p.socket));

  // The burst: halfway through, the process is killed. Answers still on their way are lost (null).
  const answers = await burst(phones, STREAMS, KILL_AFTER, () => suite.server.child.kill('SIGKILL'));
  expect(await exitWithin(suite.server, 10_000)).toEqual({ code: null, signal: 'SIGKILL' });
  const beforeKill = answers.filter((a): a is Ack<BallotReceipt> & { ok: true } => a?.ok === true);
  expect(answers.every((a) => a === null || a.ok)).toBe(true);
  expect(beforeKill.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(beforeKill.length).toBeLessThan(PHONES);

  // Every acknowledged ballot is in the file, with the receipt the phone was given.
  const afterKill = new Map((await readBallots(suite.databasePath, evening.id)).map((b) => [b.id, b]));
  for (const a of beforeKill) expect(afterKill.get(a.ballotId)?.receipt).toBe(a.receipt);

  // Restart on the same file and port; the phones reconnect with their tokens, the scoring is still open.
  const server = await suite.restart();
  const again = await connectPhones(server.url, evening.joinCode, phones.map((p) => p.token));
  const newHost = await connect(server.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  suite.sockets.push(...again, newHost);
  const snapshot = ok(await call(newHost, 'session:snapshot')).snapshot as HostSnapshot;
  expect(snapshot.state.pitches.find((p) => p.bidderId === bidderId)?.scoring).toBe('open');

  // Every phone sends its ballot again with the same id: the unacknowledged ones to be stored,
  // the acknowledged ones (and those stored whose answer was lost) get their first receipt back.
  const resent = await Promise.all(phones.map((p, i) => submit(again[i]!, p.ballot)));
  resent.forEach((r, i) => {
    expect(r).toMatchObject({ ok: true, ballotId: phones[i]!.ballot.ballotId });
    const stored = afterKill.get(phones[i]!.ballot.ballotId);
    if (stored) expect(r).toMatchObject({ receipt: stored.receipt });
  });

  const closed = await hostCommand(newHost, { type: 'close-scoring', bidderId });
  expect(closed.ballotsCounted).toBe(PHONES);
  const rows = await readBallots(suite.databasePath, evening.id);
  expect(rows).toHaveLength(PHONES);
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(phones.map((p) => p.ballot.ballotId)));
  expect(new Set(rows.map((r) => r.attendeeId)).size).toBe(PHONES);
}, 120_000);
