import { Injectable, type BeforeApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { Client as PgClient } from 'pg';
import type { HealthReadyResponse } from '@buurtjury/shared';
import { RedisConnections } from '../platform/redis/redis.service';

/** How long the readiness check waits for the database (within HAProxy's 5 s per check, deploy/haproxy.cfg). */
const DATABASE_TIMEOUT_MS = 4_000;
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * What the balancer asks each node: is it up (live), and should it get traffic (ready: the
 * database reachable and not stopping). A node that received SIGTERM says "not ready" at once,
 * while it still stores and answers the ballots it has, so the balancer sends new connections
 * elsewhere. Redis is not a condition: a node without it still stores and acknowledges every
 * ballot (the database decides), so it stays ready and reports `degraded`. Were Redis a condition,
 * an outage of the cache every node shares would take every node out of the balancer at once.
 */
@Injectable()
export class HealthService implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private stopping = false;
  /** PostgreSQL: the check's own connection (see ping), opened at the first check. */
  private client: Promise<PgClient> | null = null;
  /** PostgreSQL: the query of the checks now waiting for it, and since when. */
  private pinging: { since: number; answer: Promise<void> } | null = null;
  private readonly onSignal = () => {
    this.stopping = true;
  };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisConnections,
  ) {}

  onModuleInit(): void {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  async onModuleDestroy(): Promise<void> {
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
    const client = this.client;
    this.client = null;
    await client?.then((c) => c.end()).catch(() => undefined);
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async ready(): Promise<HealthReadyResponse> {
    const [database, redis] = await Promise.all([this.databaseReachable(), this.redis.configured ? this.redis.reachable() : Promise.resolve(null)]);
    const ready = database && !this.stopping;
    return {
      ready,
      degraded: ready && redis === false,
      database: database ? 'ok' : 'unreachable',
      redis: redis === null ? 'not-configured' : redis ? 'ok' : 'unreachable',
      stopping: this.stopping,
    };
  }

  private async databaseReachable(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS)));
    try {
      return await Promise.race([
        this.ping().then(
          () => true,
          () => false,
        ),
        late,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One query to the database. On PostgreSQL over a connection of its own, outside the pool: when
   * every pooled connection is busy (a join flood's writes, several nodes' reads) a query there
   * waits its turn, and the check would wait behind that queue, while the database answers. On
   * sqlite through the data source (one process, one file).
   */
  private async ping(): Promise<void> {
    if (this.dataSource.options.type !== 'postgres') {
      await this.dataSource.query('SELECT 1');
      return;
    }
    // Checks that arrive together (every balancer checks every node) share one query: a pg client
    // runs one query at a time. One that has not answered within the check's time is given up,
    // with its connection, so a hung connection does not answer every later check.
    const running = this.pinging;
    if (running && Date.now() - running.since < DATABASE_TIMEOUT_MS) return running.answer;
    if (running) this.dropClient();
    const answer = this.pingOnce();
    const pinging = { since: Date.now(), answer };
    this.pinging = pinging;
    const done = () => {
      if (this.pinging === pinging) this.pinging = null;
    };
    answer.then(done, done);
    return answer;
  }

  private dropClient(): void {
    const client = this.client;
    this.client = null;
    void client?.then((c) => c.end()).catch(() => undefined);
  }

  private async pingOnce(): Promise<void> {
    const client = this.client ?? (this.client = this.connect());
    try {
      await (await client).query('SELECT 1');
    } catch (error) {
      // A connection that failed is not used again: the next check opens a new one.
      if (this.client === client) this.client = null;
      void client.then((c) => c.end()).catch(() => undefined);
      throw error;
    }
  }

  private async connect(): Promise<PgClient> {
    const options = this.dataSource.options as PostgresConnectionOptions;
    const client = new PgClient({ connectionString: options.url, application_name: 'buurtjury-health', connectionTimeoutMillis: DATABASE_TIMEOUT_MS });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }
}
