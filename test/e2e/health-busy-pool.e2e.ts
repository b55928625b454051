import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HealthService } from '../../backend/src/meta/health.service';
import type { RedisConnections } from '../../backend/src/platform/redis/redis.service';

const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const noRedis = { configured: false, reachable: () => Promise.resolve(false) } as unknown as RedisConnections;

/**
 * The balancer's readiness check on PostgreSQL while every pooled connection is busy (a join
 * flood's writes and refreshes on several nodes): the database answers, so the node is ready, and
 * it says so at once instead of waiting its turn in the pool's queue (HAProxy gives a check 5 s;
 * a node that answers late is taken out, docs/performance.md, "Two nodes behind HAProxy").
 */
describe('readiness while the database pool is busy (PostgreSQL)', () => {
  const name = `busy-pool-${randomUUID().slice(0, 8)}`;
  let dataSource: DataSource;
  let probe: DataSource;
  let health: HealthService;
  beforeAll(async () => {
    dataSource = await new DataSource({ type: 'postgres', url: POSTGRES_ADMIN_URL, poolSize: 2, applicationName: name }).initialize();
    probe = await new DataSource({ type: 'postgres', url: POSTGRES_ADMIN_URL, poolSize: 1 }).initialize();
    health = new HealthService(dataSource, noRedis);
  });
  afterAll(async () => {
    await health?.onModuleDestroy();
    await dataSource?.destroy();
    await probe?.destroy();
  });

  /** Resolves once PostgreSQL shows `count` queries of the pool running. */
  async function running(count: number): Promise<void> {
    for (;;) {
      const [{ n }] = (await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'`, [name])) as [{ n: number }];
      if (n >= count) return;
    }
  }

  it('answers ready while the pool still queues queries for seconds', async () => {
    // Both pooled connections held for 6 s, and a third query queued behind them.
    const busy = Promise.allSettled([dataSource.query('SELECT pg_sleep(6)'), dataSource.query('SELECT pg_sleep(6)'), dataSource.query('SELECT 1')]);
    await running(2);
    let poolFree = false;
    void busy.then(() => (poolFree = true));
    const answer = await health.ready();
    expect(answer).toMatchObject({ ready: true, database: 'ok' });
    // Answered while the pool's queries still ran, not after them.
    expect(poolFree).toBe(false);
    await busy;
  }, 20_000);

  it('answers checks that arrive together with one query on its connection (several balancers check every node)', async () => {
    await health.ready(); // the check's own connection is open
    const client = await health['client']!;
    const query = jest.spyOn(client, 'query');
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => health.ready()));
      for (const answer of answers) expect(answer).toMatchObject({ ready: true, database: 'ok' });
      // pg would queue a second query on a client still running one, and warn that this is deprecated.
      expect(query).toHaveBeenCalledTimes(1);
      // A check after those is a new query, not the old answer.
      await health.ready();
      expect(query).toHaveBeenCalledTimes(2);
    } finally {
      query.mockRestore();
    }
  });
});
