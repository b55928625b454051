import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Ack, BallotReceipt, EveningDetail, HostCommandResult, HostSnapshot } from '@buurtjury/shared';
import { completeEvening, organiser } from '../support/api';
import { connectPhones, crowd, inStreams, submit, type CrowdPhone } from '../support/crowd';
import { exitWithin, freePort, readBallots, startServerProcess, type ServerProcess } from '../support/server-process';
import { call, connect, ok, type Client } from '../support/sockets';

/**
 * The backend process is killed (SIGKILL: no shutdown code runs) in the middle of a burst of
 * ballots from 200 phones, then started again on the same database and port. Every ballot
 * acknowledged before the kill must be stored; the phones resend what was not acknowledged
 * (same ballot ids) and every voter counts exactly once.
 */
const PHONES = 200;
const STREAMS = 20;
const KILL_AFTER = 100;

let dir: string;
let databasePath: string;
let port: number;
let server: ServerProcess;
const sockets: Client[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-crash-'));
  databasePath = path.join(dir, 'crash.sqlite');
  port = await freePort();
  server = await startServerProcess(databasePath, port);
}, 60_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

async function hostConsole(eveningId: string, token: string): Promise<Client> {
  const socket = await connect(server.url, { role: 'host', eveningId, token });
  sockets.push(socket);
  return socket;
}

async function command(hostSocket: Client, cmd: Parameters<typeof call<'host:command'>>[2]): Promise<HostCommandResult> {
  return ok(await call(hostSocket, 'host:command', cmd));
}

it('keeps every ballot acknowledged before a SIGKILL; after the restart the phones resend the rest and each voter counts once', async () => {
  const host = await organiser(server.url, 'Host');
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const bidderId = evening.bidders[0]!.id;
  let hostSocket = await hostConsole(evening.id, host.session.token);
  const phones: CrowdPhone[] = await crowd(server.url, evening, PHONES);
  sockets.push(...phones.map((p) => p.socket));
  await command(hostSocket, { type: 'next-pitch' });
  await command(hostSocket, { type: 'open-scoring', bidderId });

  // The burst: halfway through, the process is killed. Answers still on their way are lost (null).
  const answers = new Array<Ack<BallotReceipt> | null>(PHONES);
  let acked = 0;
  await inStreams(phones, STREAMS, async (p, i) => {
    answers[i] = await submit(p.socket, p.ballot);
    if (answers[i]?.ok && ++acked === KILL_AFTER) server.child.kill('SIGKILL');
  });
  expect(await exitWithin(server, 10_000)).toEqual({ code: null, signal: 'SIGKILL' });
  const beforeKill = answers.filter((a): a is Ack<BallotReceipt> & { ok: true } => a?.ok === true);
  expect(answers.every((a) => a === null || a.ok)).toBe(true);
  expect(beforeKill.length).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(beforeKill.length).toBeLessThan(PHONES);

  // Every acknowledged ballot is in the file, with the receipt the phone was given.
  const afterKill = new Map((await readBallots(databasePath, evening.id)).map((b) => [b.id, b]));
  for (const a of beforeKill) expect(afterKill.get(a.ballotId)?.receipt).toBe(a.receipt);

  // Restart on the same file and port; the phones reconnect with their tokens, the scoring is still open.
  server = await startServerProcess(databasePath, port);
  const again = await connectPhones(server.url, evening.joinCode, phones.map((p) => p.token));
  sockets.push(...again);
  hostSocket = await hostConsole(evening.id, host.session.token);
  const snapshot = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
  expect(snapshot.state.pitches.find((p) => p.bidderId === bidderId)?.scoring).toBe('open');

  // Every phone sends its ballot again with the same id: the unacknowledged ones to be stored,
  // the acknowledged ones (and those stored whose answer was lost) get their first receipt back.
  const resent = await Promise.all(phones.map((p, i) => submit(again[i]!, p.ballot)));
  resent.forEach((r, i) => {
    expect(r).toMatchObject({ ok: true, ballotId: phones[i]!.ballot.ballotId });
    const stored = afterKill.get(phones[i]!.ballot.ballotId);
    if (stored) expect(r).toMatchObject({ receipt: stored.receipt });
  });

  const closed = await command(hostSocket, { type: 'close-scoring', bidderId });
  expect(closed.ballotsCounted).toBe(PHONES);
  const rows = await readBallots(databasePath, evening.id);
  expect(rows).toHaveLength(PHONES);
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(phones.map((p) => p.ballot.ballotId)));
  expect(new Set(rows.map((r) => r.attendeeId)).size).toBe(PHONES);
}, 120_000);
