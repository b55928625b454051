import { readFileSync } from 'node:fs';
import { Agent, get, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import type { Ack, BallotReceipt } from '@buurtjury/shared';
import { burst, connectPhones, hostCommand, openPitchWithCrowd, submit } from '../support/crowd';
import { exitWithin, readBallots, serverProcessSuite } from '../support/server-process';
import { connect } from '../support/sockets';

/**
 * A graceful stop (SIGTERM, as `docker stop` sends) in the middle of a burst of ballots: the
 * process stores and acknowledges the ballots it received, refuses new ones with SERVER_BUSY,
 * and exits with code 0. After the restart the phones send what was not accepted.
 */
const PHONES = 200;
const STREAMS = 20;
const STOP_AFTER = 60;

const suite = serverProcessSuite('stop');

it('keeps an idle connection open longer than the balancer waits for a server (no 502 from a connection closed under a request)', async () => {
  const agent = new Agent({ keepAlive: true });
  try {
    const headers = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      get(`${suite.server.url}/api/health/live`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers));
      }).on('error', reject);
    });
    expect(headers.connection).toBe('keep-alive');
    // deploy/haproxy.cfg: `timeout server 60s`; Node's default would say timeout=5.
    const balancerWaits = Number(/timeout server (\d+)s/.exec(readFileSync(path.join(__dirname, '..', '..', 'deploy', 'haproxy.cfg'), 'utf8'))![1]);
    expect(Number(/timeout=(\d+)/.exec(String(headers['keep-alive'] ?? ''))?.[1])).toBeGreaterThan(balancerWaits);
  } finally {
    agent.destroy();
  }
});

it('finishes the ballots in flight on SIGTERM, refuses later ones with SERVER_BUSY, and exits with code 0', async () => {
  const { host, evening, bidderId, hostSocket, phones } = await openPitchWithCrowd(suite.server.url, PHONES);
  suite.sockets.push(hostSocket, ...phones.map((p) => p.socket));

  const answers = await burst(phones, STREAMS, STOP_AFTER, () => suite.server.child.kill('SIGTERM'));
  expect(await exitWithin(suite.server, 15_000)).toEqual({ code: 0, signal: null });

  // Each ballot was accepted, refused because the server was stopping, or sent after the connection closed.
  const accepted = answers.filter((a): a is Ack<BallotReceipt> & { ok: true } => a?.ok === true);
  const busy = answers.filter((a) => a?.ok === false);
  for (const b of busy) expect(b).toMatchObject({ code: 'SERVER_BUSY', message: expect.stringMatching(/restarting/) });
  expect(accepted.length).toBeGreaterThanOrEqual(STOP_AFTER);
  expect(accepted.length).toBeLessThan(PHONES);

  // Stored is exactly what was acknowledged: nothing acknowledged is lost, no acknowledgement of a stored ballot was dropped.
  const stored = await readBallots(suite.databasePath, evening.id);
  expect(new Map(stored.map((b) => [b.id, b.receipt]))).toEqual(new Map(accepted.map((a) => [a.ballotId, a.receipt])));

  // After the restart the phones send what they kept; every voter counts once.
  const server = await suite.restart();
  const again = await connectPhones(server.url, evening.joinCode, phones.map((p) => p.token));
  suite.sockets.push(...again);
  const unaccepted = phones.map((p, i) => ({ p, socket: again[i]! })).filter((_, i) => !answers[i]?.ok);
  for (const r of await Promise.all(unaccepted.map(({ p, socket }) => submit(socket, p.ballot)))) expect(r).toMatchObject({ ok: true });
  const newHost = await connect(server.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  suite.sockets.push(newHost);
  expect((await hostCommand(newHost, { type: 'close-scoring', bidderId })).ballotsCounted).toBe(PHONES);

  server.child.kill('SIGTERM');
  expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
  expect(await readBallots(suite.databasePath, evening.id)).toHaveLength(PHONES);
}, 120_000);
