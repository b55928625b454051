import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Ack, BallotReceipt, EveningDetail, HostCommandResult } from '@buurtjury/shared';
import { completeEvening, organiser } from '../support/api';
import { connectPhones, crowd, inStreams, submit, type CrowdPhone } from '../support/crowd';
import { exitWithin, freePort, readBallots, startServerProcess, type ServerProcess } from '../support/server-process';
import { call, connect, ok, type Client } from '../support/sockets';

/**
 * A graceful stop (SIGTERM, as `docker stop` sends) in the middle of a burst of ballots: the
 * process stores and acknowledges the ballots it received, refuses new ones with SERVER_BUSY,
 * and exits with code 0. After the restart the phones send what was not accepted.
 */
const PHONES = 200;
const STREAMS = 20;
const STOP_AFTER = 60;

let dir: string;
let databasePath: string;
let port: number;
let server: ServerProcess;
const sockets: Client[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-stop-'));
  databasePath = path.join(dir, 'stop.sqlite');
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

async function command(hostSocket: Client, cmd: Parameters<typeof call<'host:command'>>[2]): Promise<HostCommandResult> {
  return ok(await call(hostSocket, 'host:command', cmd));
}

it('finishes the ballots in flight on SIGTERM, refuses later ones with SERVER_BUSY, and exits with code 0', async () => {
  const host = await organiser(server.url, 'Host');
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const bidderId = evening.bidders[0]!.id;
  const hostSocket = await connect(server.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  sockets.push(hostSocket);
  const phones: CrowdPhone[] = await crowd(server.url, evening, PHONES);
  sockets.push(...phones.map((p) => p.socket));
  await command(hostSocket, { type: 'next-pitch' });
  await command(hostSocket, { type: 'open-scoring', bidderId });

  const answers = new Array<Ack<BallotReceipt> | null>(PHONES);
  let acked = 0;
  await inStreams(phones, STREAMS, async (p, i) => {
    answers[i] = await submit(p.socket, p.ballot);
    if (answers[i]?.ok && ++acked === STOP_AFTER) server.child.kill('SIGTERM');
  });
  expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });

  // Each ballot was accepted, refused because the server was stopping, or sent after the connection closed.
  const accepted = answers.filter((a): a is Ack<BallotReceipt> & { ok: true } => a?.ok === true);
  const busy = answers.filter((a) => a?.ok === false);
  for (const b of busy) expect(b).toMatchObject({ code: 'SERVER_BUSY', message: expect.stringMatching(/restarting/) });
  expect(accepted.length).toBeGreaterThanOrEqual(STOP_AFTER);
  expect(accepted.length).toBeLessThan(PHONES);

  // Stored is exactly what was acknowledged: nothing acknowledged is lost, no acknowledgement of a stored ballot was dropped.
  const stored = await readBallots(databasePath, evening.id);
  expect(new Map(stored.map((b) => [b.id, b.receipt]))).toEqual(new Map(accepted.map((a) => [a.ballotId, a.receipt])));

  // After the restart the phones send what they kept; every voter counts once.
  server = await startServerProcess(databasePath, port);
  const again = await connectPhones(server.url, evening.joinCode, phones.map((p) => p.token));
  sockets.push(...again);
  const unaccepted = phones.map((p, i) => ({ p, socket: again[i]! })).filter((_, i) => !answers[i]?.ok);
  for (const r of await Promise.all(unaccepted.map(({ p, socket }) => submit(socket, p.ballot)))) expect(r).toMatchObject({ ok: true });
  const newHost = await connect(server.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  sockets.push(newHost);
  expect((await command(newHost, { type: 'close-scoring', bidderId })).ballotsCounted).toBe(PHONES);

  server.child.kill('SIGTERM');
  expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
  expect(await readBallots(databasePath, evening.id)).toHaveLength(PHONES);
}, 120_000);
