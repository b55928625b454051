import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { HealthReadyResponse } from '@buurtjury/shared';
import { ClusterNotices } from '../../backend/src/infrastructure/events/cluster-notices';
import { DomainEvents } from '../../backend/src/infrastructure/events/domain-events';
import { LiveEvents } from '../../backend/src/infrastructure/events/live-events';
import { loadConfig } from '../../backend/src/platform/config/config';
import { RedisConnections } from '../../backend/src/platform/redis/redis.service';
import { startApp, type RunningApp } from '../support/app';
import { freshPostgresDatabase } from '../support/databases';
import { tcpCut } from '../support/tcp-cut';

/**
 * Two nodes sharing one Redis (REDIS_URL), each on its own database: the per-address limits and
 * the log-in lock-out are counted in Redis, so another node or a restart does not reset them;
 * the health endpoints tell the balancer whether a node should get traffic. Redis runs on
 * 127.0.0.1:6379 (`.ci/run` starts it); every key here starts with a prefix of this run.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bj-test-redis-${randomUUID().slice(0, 8)}`;
const env = { REDIS_URL, REDIS_PREFIX: prefix, LOGIN_RATE_LIMIT: '6' };
const from = (address: string) => ({ 'X-Forwarded-For': address });
const login = (node: RunningApp, address: string, email: string) =>
  request(node.url).post('/api/auth/login').set(from(address)).send({ email, password: 'not the password at all' });

let a: RunningApp;
let b: RunningApp;
const redis = new Redis(REDIS_URL);

beforeAll(async () => {
  [a, b] = await Promise.all([startApp(env), startApp(env)]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

it('counts a per-address limit once across nodes: the requests to both together hit it', async () => {
  const address = '198.51.100.7';
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await login(i % 2 === 0 ? a : b, address, `limit${i}@example.nl`)).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
  const refused = await login(a, address, 'limit7@example.nl').expect(429);
  expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  await login(b, address, 'limit8@example.nl').expect(429);
  // Another address is not affected, and the counter lives in Redis under the configured prefix.
  await login(b, '198.51.100.8', 'limit9@example.nl').expect(401);
  expect((await redis.keys(`${prefix}:limit:login*`)).length).toBeGreaterThan(0);
});

it('locks an e-mail address for one network address after 5 failures spread over two nodes, also after a node restarts', async () => {
  const address = '198.51.100.20';
  const email = 'target@example.nl';
  for (let i = 0; i < 5; i++) await login(i % 2 === 0 ? a : b, address, email).expect(401);
  const locked = await login(b, address, email).expect(429);
  expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
  // A restarted node still knows.
  await a.close();
  a = await startApp(env);
  await login(a, address, email).expect(429);
  // The same e-mail address from another network address is not locked.
  await login(a, '198.51.100.21', email).expect(401);
}, 60_000);

it('says it is live and ready when its database and Redis answer', async () => {
  expect((await request(a.url).get('/api/health/live').expect(200)).body).toEqual({ live: true });
  const ready = (await request(a.url).get('/api/health/ready').expect(200)).body as HealthReadyResponse;
  expect(ready).toEqual({ ready: true, degraded: false, database: 'ok', redis: 'ok', stopping: false });
});

/** Asks for readiness until the answer says `redis` is `state` (for at most 15 s). */
async function readinessOnceRedisIs(node: RunningApp, state: HealthReadyResponse['redis']): Promise<{ status: number; body: HealthReadyResponse }> {
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await request(node.url).get('/api/health/ready');
    if ((res.body as HealthReadyResponse).redis === state || Date.now() > until) return { status: res.status, body: res.body as HealthReadyResponse };
  }
}

it('stays ready (200, degraded) while its Redis is cut off for longer than the balancer waits, and is whole again when Redis is back', async () => {
  const redisPort = Number(new URL(REDIS_URL).port || 6379);
  const line = await tcpCut(redisPort, new URL(REDIS_URL).hostname);
  const cutOff = await startApp({ REDIS_URL: `redis://127.0.0.1:${line.port}`, REDIS_PREFIX: prefix });
  try {
    expect((await request(cutOff.url).get('/api/health/ready').expect(200)).body).toEqual({ ready: true, degraded: false, database: 'ok', redis: 'ok', stopping: false });
    line.cut();
    const cutAt = Date.now();
    const during = await readinessOnceRedisIs(cutOff, 'unreachable');
    expect(during).toEqual({ status: 200, body: { ready: true, degraded: true, database: 'ok', redis: 'unreachable', stopping: false } });
    // Past HAProxy's two failed checks 2 s apart: still ready on every check meanwhile. Checked
    // every 100 ms, as a balancer checks on a cadence: a tight loop would run into the health
    // routes' own rate limit (600 per address per minute) on a fast machine, not into readiness.
    let checks = 0;
    while (Date.now() - cutAt < 5_000) {
      const res = await request(cutOff.url).get('/api/health/ready').expect(200);
      expect(res.body).toMatchObject({ ready: true, degraded: true, redis: 'unreachable' });
      checks++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(checks).toBeGreaterThan(5);
    // A log-in is still answered (the limit is counted in memory), not held up or refused.
    await login(cutOff, '198.51.100.30', 'nobody@example.nl').expect(401);
    line.restore();
    expect(await readinessOnceRedisIs(cutOff, 'ok')).toEqual({ status: 200, body: { ready: true, degraded: false, database: 'ok', redis: 'ok', stopping: false } });
  } finally {
    await cutOff.close();
    await line.close();
  }
}, 30_000);

it('is not ready (503) while its database is cut off, with Redis reachable, and ready again when it is back', async () => {
  const db = await freshPostgresDatabase();
  const pg = new URL(db.url);
  const line = await tcpCut(Number(pg.port || 5432), pg.hostname);
  pg.host = `127.0.0.1:${line.port}`;
  const node = await startApp({ DATABASE_URL: pg.toString(), REDIS_URL, REDIS_PREFIX: prefix });
  try {
    await request(node.url).get('/api/health/ready').expect(200);
    line.cut();
    const res = await request(node.url).get('/api/health/ready').expect(503);
    expect(res.body).toEqual({ ready: false, degraded: false, database: 'unreachable', redis: 'ok', stopping: false });
    await request(node.url).get('/api/health/live').expect(200);
    line.restore();
    const until = Date.now() + 15_000;
    let back = 503;
    while (back !== 200 && Date.now() < until) back = (await request(node.url).get('/api/health/ready')).status;
    expect(back).toBe(200);
  } finally {
    line.restore();
    await node.close();
    await line.close();
    await db.drop();
  }
}, 30_000);

it('is ready, degraded, when it starts without a reachable Redis', async () => {
  const lonely = await startApp({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: prefix });
  try {
    await request(lonely.url).get('/api/health/live').expect(200);
    expect((await request(lonely.url).get('/api/health/ready').expect(200)).body).toEqual({ ready: true, degraded: true, database: 'ok', redis: 'unreachable', stopping: false });
  } finally {
    await lonely.close();
  }
}, 30_000);

it('is ready without Redis on a single node', async () => {
  const single = await startApp();
  try {
    expect((await request(single.url).get('/api/health/ready').expect(200)).body).toEqual({ ready: true, degraded: false, database: 'ok', redis: 'not-configured', stopping: false });
  } finally {
    await single.close();
  }
});

describe('notices between nodes (ClusterNotices on a real Redis)', () => {
  const config = { ...loadConfig({ REDIS_URL, REDIS_PREFIX: `${prefix}-notices` }) };
  const made: { connections: RedisConnections; notices: ClusterNotices; events: LiveEvents }[] = [];
  const node = () => {
    const connections = new RedisConnections(config);
    const events = new LiveEvents();
    const notices = new ClusterNotices(connections, events, new DomainEvents());
    notices.onModuleInit();
    const entry = { connections, notices, events };
    made.push(entry);
    return entry;
  };
  /** Resolves once the subscription of every node made so far is in place (Redis answers PUBSUB NUMSUB). */
  const subscribed = async (channel: string, count: number) => {
    for (;;) {
      const [, n] = (await redis.pubsub('NUMSUB', channel)) as [string, number];
      if (n >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  afterAll(async () => {
    for (const m of made) {
      m.notices.onModuleDestroy();
      await m.connections.onApplicationShutdown();
    }
  });

  it('tells the other nodes, not itself; coalesces a burst of tally notices; does not publish back what it relays; ignores malformed notices', async () => {
    const a = node();
    const b = node();
    await subscribed(a.notices.channel, 2);
    const atA: string[] = [];
    const atB: string[] = [];
    a.notices.onRemote((n) => atA.push(`${n.kind} ${n.eveningId}`));
    b.notices.onRemote((n) => atB.push(`${n.kind} ${n.eveningId}`));

    const stateAtB = new Promise<void>((resolve) => b.notices.onRemote((n) => n.kind === 'state' && resolve()));
    a.events.emit('state', 'e1');
    await stateAtB;
    expect(atB).toEqual(['state e1']);

    // 50 ballots stored in a row: the first at once, the rest as one notice at the end of the interval.
    const lastTally = new Promise<void>((resolve) => {
      let seen = 0;
      b.notices.onRemote((n) => n.kind === 'tally' && ++seen === 2 && resolve());
    });
    for (let i = 0; i < 50; i++) a.events.emit('tally', 'e2');
    await lastTally;

    // What B emits because A told it is not published back to A; junk on the channel is ignored.
    b.notices.relay(() => b.events.emit('state', 'e1'));
    await redis.publish(a.notices.channel, 'not json');
    await redis.publish(a.notices.channel, JSON.stringify({ node: randomUUID(), kind: 'drop-tables', eveningId: 'e1' }));
    const marker = new Promise<void>((resolve) => a.notices.onRemote((n) => n.eveningId === 'marker' && resolve()));
    b.events.emit('reveal', 'marker');
    await marker;
    expect(atA).toEqual(['reveal marker']);
    expect(atB.filter((n) => n === 'tally e2')).toHaveLength(2);
  });
});
