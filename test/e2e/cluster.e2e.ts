import request from 'supertest';
import { io } from 'socket.io-client';
import type { Ack, BallotReceipt, EveningDetail, HostSnapshot, LiveState, ScreenSnapshot, SocketAuth, Tally } from '@buurtjury/shared';
import { completeEvening, organiser, type Organiser } from '../support/api';
import { startCluster, type Cluster } from '../support/cluster';
import { ballotFor, hostCommand, inStreams, submit } from '../support/crowd';
import { call, connect, next, ok, type Client } from '../support/sockets';

/**
 * Two nodes on one PostgreSQL database and one Redis, behind HAProxy running deploy/haproxy.cfg
 * (see test/support/cluster.ts): the host on one node, the big screen and the phones on both.
 * What one node does, the other shows; the close is one truth; a node killed mid-burst loses no
 * acknowledged ballot and the host carries on through the balancer; the per-address limits are
 * counted once; Redis restarting loses no ballot and no state the screens need.
 */
let cluster: Cluster;
const sockets: Client[] = [];
const track = <T extends Client>(socket: T) => (sockets.push(socket), socket);

beforeAll(async () => {
  cluster = await startCluster('cluster', { RECEIPT_RATE_LIMIT: '3' });
  process.stdout.write(`cluster.e2e: two nodes on ${cluster.database}, Redis and HAProxy\n`);
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  // What the balancer saw (servers down and up, answers of 500 or more): the evidence when a test above failed.
  if (cluster) {
    const worth = cluster.balancerLog().split('\n').filter((line) => /\[(WARNING|ALERT)\]| 5\d\d \d+ /.test(line));
    process.stdout.write(`cluster.e2e: HAProxy's warnings and answers of 500 or more:\n${worth.join('\n') || '(none)'}\n`);
  }
  await cluster?.stop();
}, 60_000);

const nodeUrl = (i: number) => cluster.nodes[i]!.url;

/** A frozen evening made through the balancer (or at one node), with its host. */
async function frozenEvening(url = cluster.balancer): Promise<{ host: Organiser; evening: EveningDetail }> {
  const host = await organiser(url, 'Host');
  const draft = await completeEvening(host);
  const evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  return { host, evening };
}

/** A phone joined over REST at `joinUrl` and connected at `socketUrl` (maybe another node). */
async function phoneAt(joinUrl: string, socketUrl: string, evening: EveningDetail): Promise<{ token: string; socket: Client }> {
  const joined = (await request(joinUrl).post('/api/join').send({ joinCode: evening.joinCode }).expect(200)).body as { attendeeToken: string };
  return { token: joined.attendeeToken, socket: track(await connect(socketUrl, { role: 'attendee', joinCode: evening.joinCode, attendeeToken: joined.attendeeToken })) };
}

const ballotsFor = (tally: Tally, bidderId: string) => tally.pitches.find((p) => p.bidderId === bidderId)?.ballots;
const withoutClock = (state: LiveState) => ({ ...state, serverTime: undefined });

/** Connects through the balancer, retrying while no node takes it (a node just died, the other is being chosen). */
async function connectThroughBalancer(auth: SocketAuth, query: Record<string, string> = {}, withinMs = 20_000): Promise<Client> {
  const until = Date.now() + withinMs;
  for (;;) {
    try {
      return track(await connectWith(cluster.balancer, auth, query));
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100)); // a phone's reconnection delay
    }
  }
}

/**
 * Requests through the balancer, one every 200 ms (each not waiting for the one before), from now
 * until the balancer logs that it took `node` out: their statuses.
 */
async function requestsUntilTakenOut(node: string, withinMs = 30_000): Promise<number[]> {
  const from = cluster.balancerLog().length;
  const until = Date.now() + withinMs;
  const answers: Promise<number>[] = [];
  while (!cluster.balancerLog().slice(from).includes(`buurtjury/${node} is DOWN`)) {
    if (Date.now() > until) throw new Error(`the balancer did not take ${node} out within ${withinMs} ms`);
    answers.push(request(cluster.balancer).get('/api/health/live').then((res) => res.status, () => 0));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the pace of the requests, not a wait for something
  }
  return Promise.all(answers);
}

function connectWith(url: string, auth: SocketAuth, query: Record<string, string>): Promise<Client> {
  const socket: Client = io(url, { auth, query, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

it('shows the same state and tally on both nodes: host on one, screen and phones on both', async () => {
  const { host, evening } = await frozenEvening();
  const bidderId = evening.bidders[0]!.id;
  const hostA = track(await connect(nodeUrl(0), { role: 'host', eveningId: evening.id, token: host.session.token }));
  const hostB = track(await connect(nodeUrl(1), { role: 'host', eveningId: evening.id, token: host.session.token }));
  const screenB = track(await connect(nodeUrl(1), { role: 'screen', joinCode: evening.joinCode }));
  // Phones join at one node and connect at the other, and through the balancer.
  const phones = [
    ...(await Promise.all(Array.from({ length: 8 }, () => phoneAt(nodeUrl(0), nodeUrl(1), evening)))),
    ...(await Promise.all(Array.from({ length: 8 }, () => phoneAt(nodeUrl(1), nodeUrl(0), evening)))),
    ...(await Promise.all(Array.from({ length: 8 }, () => phoneAt(cluster.balancer, cluster.balancer, evening)))),
  ];

  // A command on node A reaches the screen on node B.
  const openOnB = next(screenB, 'live:state', (s) => s.pitches.find((p) => p.bidderId === bidderId)?.scoring === 'open');
  await hostCommand(hostA, { type: 'next-pitch' });
  await hostCommand(hostA, { type: 'open-scoring', bidderId });
  await openOnB;

  const everyoneA = next(hostA, 'live:tally', (t) => ballotsFor(t, bidderId) === phones.length);
  const everyoneB = next(hostB, 'live:tally', (t) => ballotsFor(t, bidderId) === phones.length);
  const answers = await Promise.all(phones.map((p, i) => submit(p.socket, ballotFor(evening, 0, evening.scale.levels[i % evening.scale.levels.length]!.value))));
  expect(answers.map((a, i) => (a?.ok === true ? null : `${i}: ${a?.code}`)).filter(Boolean)).toEqual([]);
  await Promise.all([everyoneA, everyoneB]);

  const [a, b] = await Promise.all([call(hostA, 'session:snapshot'), call(hostB, 'session:snapshot')]);
  const snapA = ok(a).snapshot as HostSnapshot;
  const snapB = ok(b).snapshot as HostSnapshot;
  expect(withoutClock(snapB.state)).toEqual(withoutClock(snapA.state));
  expect(snapB.tally.pitches).toEqual(snapA.tally.pitches);
  expect(snapB.tally.results).toEqual(snapA.tally.results);
  expect(snapB.tally.attendeesJoined).toBe(phones.length);
  const screen = ok(await call(screenB, 'session:snapshot')).snapshot as ScreenSnapshot;
  expect(withoutClock(screen.state)).toEqual(withoutClock(snapA.state));
}, 120_000);

it('closes once for both nodes while ballots race the close on both: every ballot answered, none accepted after, one count', async () => {
  const { host, evening } = await frozenEvening();
  const bidderId = evening.bidders[0]!.id;
  const hostA = track(await connect(nodeUrl(0), { role: 'host', eveningId: evening.id, token: host.session.token }));
  const hostB = track(await connect(nodeUrl(1), { role: 'host', eveningId: evening.id, token: host.session.token }));
  const phones = [
    ...(await Promise.all(Array.from({ length: 20 }, () => phoneAt(nodeUrl(0), nodeUrl(0), evening)))),
    ...(await Promise.all(Array.from({ length: 20 }, () => phoneAt(nodeUrl(1), nodeUrl(1), evening)))),
  ];
  await hostCommand(hostA, { type: 'next-pitch' });
  // Listened for before the command: its state may reach the other node's host before this host's answer.
  const openOnB = next(hostB, 'live:state', (s) => s.pitches.find((p) => p.bidderId === bidderId)?.scoring === 'open');
  await hostCommand(hostA, { type: 'open-scoring', bidderId });
  await openOnB;

  let counted: number | undefined;
  const ballots = phones.map((_, i) => ballotFor(evening, 0, evening.scale.levels[i % evening.scale.levels.length]!.value));
  const answers = new Array<Ack<BallotReceipt> | null>(phones.length);
  let accepted = 0;
  await inStreams(phones, 8, async (p, i) => {
    answers[i] = await submit(p.socket, ballots[i]!);
    if (answers[i]?.ok && ++accepted === 10) counted = (await hostCommand(hostA, { type: 'close-scoring', bidderId })).ballotsCounted;
  });
  // Every ballot was answered: accepted, or refused because scoring had closed.
  for (const a of answers) {
    expect(a).not.toBeNull();
    if (!a!.ok) expect(a!.code).toBe('SCORING_CLOSED');
  }
  const acceptedIds = new Set(answers.flatMap((a, i) => (a?.ok ? [ballots[i]!.ballotId] : [])));
  // The count the close reported is the number of accepted ballots, and exactly those are stored.
  expect(counted).toBe(acceptedIds.size);
  const stored = await cluster.ballots(evening.id);
  expect(new Set(stored.map((s) => s.id))).toEqual(acceptedIds);
  // Both nodes report the same count afterwards.
  const [a, b] = await Promise.all([call(hostA, 'session:snapshot'), call(hostB, 'session:snapshot')]);
  expect(ballotsFor((ok(a).snapshot as HostSnapshot).tally, bidderId)).toBe(acceptedIds.size);
  expect(ballotsFor((ok(b).snapshot as HostSnapshot).tally, bidderId)).toBe(acceptedIds.size);
}, 120_000);

it('survives kill -9 of the node serving the host mid-burst: phones reconnect through the balancer and resend, each acknowledged ballot is stored once, the host carries on within seconds', async () => {
  const { host, evening } = await frozenEvening();
  const bidderId = evening.bidders[0]!.id;
  const victim = cluster.nodes[0]!;
  const hostAuth: SocketAuth = { role: 'host', eveningId: evening.id, token: host.session.token };
  const screenAuth: SocketAuth = { role: 'screen', joinCode: evening.joinCode };
  // Host and screen reach the first node through the balancer (pinned there for the test); phones anywhere.
  let hostSocket = await connectThroughBalancer(hostAuth, { node: victim.name });
  let screen = await connectThroughBalancer(screenAuth, { node: victim.name });
  const phones = await Promise.all(Array.from({ length: 40 }, async (_, i) => ({ ...(await phoneAt(cluster.balancer, cluster.balancer, evening)), ballot: ballotFor(evening, 0, evening.scale.levels[i % evening.scale.levels.length]!.value) })));
  await hostCommand(hostSocket, { type: 'next-pitch' });
  await hostCommand(hostSocket, { type: 'open-scoring', bidderId });

  // Each phone sends until it has an answer, reconnecting through the balancer when its node is gone.
  let killedAt = 0;
  let requestsMeanwhile: Promise<number[]> = Promise.resolve([]);
  let acks = 0;
  const receipts = new Map<string, string>();
  await inStreams(phones, 10, async (p) => {
    for (let attempt = 0; attempt < 100; attempt++) {
      if (!p.socket.connected) p.socket = await connectThroughBalancer({ role: 'attendee', joinCode: evening.joinCode, attendeeToken: p.token });
      const answer = await submit(p.socket, p.ballot, 5_000);
      if (answer?.ok) {
        // A resend of a stored ballot gets its first receipt back.
        const first = receipts.get(p.ballot.ballotId);
        if (first) expect(answer.receipt).toBe(first);
        receipts.set(p.ballot.ballotId, answer.receipt);
        if (++acks === 15 && !killedAt) {
          killedAt = Date.now();
          victim.process.child.kill('SIGKILL');
          requestsMeanwhile = requestsUntilTakenOut(victim.name);
        }
        return;
      }
      if (answer && answer.code !== 'SERVER_BUSY') throw new Error(`refused: ${answer.code}`);
    }
    throw new Error('no answer after 100 tries');
  });
  expect(killedAt).toBeGreaterThan(0);
  expect(receipts.size).toBe(phones.length);
  // New requests while the balancer still thinks the dead node is up (its checks need a few seconds)
  // go to the other node, and none fails (no 502 for a request the balancer was still retrying
  // against the dead node when it took it out).
  const statuses = await requestsMeanwhile;
  expect(statuses.length).toBeGreaterThan(5);
  expect(statuses.filter((s) => s !== 200)).toEqual([]);

  // The host and the screen come back through the balancer (on the other node) and see the evening as it is.
  if (!hostSocket.connected) hostSocket = await connectThroughBalancer(hostAuth, { node: victim.name });
  const hostSnapshot = ok(await call(hostSocket, 'session:snapshot')).snapshot as HostSnapshot;
  const hostBackMs = Date.now() - killedAt;
  if (!screen.connected) screen = await connectThroughBalancer(screenAuth, { node: victim.name });
  const screenSnapshot = ok(await call(screen, 'session:snapshot')).snapshot as ScreenSnapshot;
  const screenBackMs = Date.now() - killedAt;
  process.stdout.write(`cluster.e2e: after kill -9 of ${victim.name}, the host console had its snapshot again after ${hostBackMs} ms, the screen after ${screenBackMs} ms\n`);
  expect(hostSnapshot.state.pitches.find((p) => p.bidderId === bidderId)?.scoring).toBe('open');
  expect(screenSnapshot.state.pitches.find((p) => p.bidderId === bidderId)?.scoring).toBe('open');
  expect(hostBackMs).toBeLessThan(10_000);

  // Every acknowledged ballot is stored exactly once, with the receipt its phone holds.
  const stored = await cluster.ballots(evening.id);
  expect(stored).toHaveLength(phones.length);
  expect(new Set(stored.map((s) => s.id)).size).toBe(phones.length);
  for (const s of stored) expect(receipts.get(s.id)).toBe(s.receipt);
  expect((await hostCommand(hostSocket, { type: 'close-scoring', bidderId })).ballotsCounted).toBe(phones.length);
}, 180_000);

it('counts a per-address limit once across the nodes', async () => {
  const from = { 'X-Forwarded-For': '198.51.100.44' };
  const lookup = (url: string) => request(url).get('/api/receipts/ZZZZZZ/ZZZZ-ZZZZ').set(from);
  const live = cluster.nodes.filter((n) => n.process.child.exitCode === null && n.process.child.signalCode === null);
  const urls = [live[0]!.url, cluster.balancer, live.at(-1)!.url];
  for (const url of urls) expect((await lookup(url)).status).toBe(404);
  for (const url of urls) expect((await lookup(url)).status).toBe(429);
});

it('answers over https through the balancer with the mounted certificate, as a proxy that says so (HSTS)', async () => {
  const res = await request(cluster.tls.url).get('/api/health/live').ca(cluster.tls.ca).expect(200);
  expect(res.headers['strict-transport-security']).toBeDefined();
  const phone = track(await new Promise<Client>((resolve, reject) => {
    const socket: Client = io(cluster.tls.url, { auth: { role: 'screen', joinCode: 'ZZZZZZ' }, transports: ['websocket'], reconnection: false, forceNew: true, ca: cluster.tls.ca });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => (socket.close(), error.message.includes('certificate') ? reject(error) : resolve(socket)));
  }));
  expect(phone).toBeDefined();
});

it('loses no ballot and no state change while Redis restarts; the screens on the other node follow once it is back', async () => {
  const live = cluster.nodes.filter((n) => n.process.child.exitCode === null && n.process.child.signalCode === null);
  const [first, last] = [live[0]!, live.at(-1)!];
  // Made at a node that runs, not through the balancer: a node was killed seconds ago (above) and
  // the balancer may not have taken it out yet; this test is about Redis.
  const { host, evening } = await frozenEvening(first.url);
  const bidderId = evening.bidders[0]!.id;
  const hostSocket = track(await connect(first.url, { role: 'host', eveningId: evening.id, token: host.session.token }));
  const screen = track(await connect(last.url, { role: 'screen', joinCode: evening.joinCode }));
  const phones = [
    ...(await Promise.all(Array.from({ length: 10 }, () => phoneAt(first.url, first.url, evening)))),
    ...(await Promise.all(Array.from({ length: 10 }, () => phoneAt(last.url, last.url, evening)))),
  ];
  await hostCommand(hostSocket, { type: 'next-pitch' });
  await hostCommand(hostSocket, { type: 'open-scoring', bidderId });

  await cluster.redis.stop();
  // While Redis is away: every ballot is stored and acknowledged (they never needed Redis).
  const answers = await Promise.all(phones.map((p, i) => submit(p.socket, ballotFor(evening, 0, evening.scale.levels[i % evening.scale.levels.length]!.value))));
  expect(answers.every((a) => a?.ok === true)).toBe(true);
  await cluster.redis.start();

  // Once it is back, the other node's screen gets a state change and its host console the full tally.
  const hostOnLast = track(await connect(last.url, { role: 'host', eveningId: evening.id, token: host.session.token }));
  const closedOnScreen = next(screen, 'live:state', (s) => s.pitches.find((p) => p.bidderId === bidderId)?.scoring === 'closed');
  const counted = (await hostCommand(hostSocket, { type: 'close-scoring', bidderId })).ballotsCounted;
  expect(counted).toBe(phones.length);
  await closedOnScreen;
  const snapshot = ok(await call(hostOnLast, 'session:snapshot')).snapshot as HostSnapshot;
  expect(ballotsFor(snapshot.tally, bidderId)).toBe(phones.length);
  expect(await cluster.ballots(evening.id)).toHaveLength(phones.length);
}, 120_000);
