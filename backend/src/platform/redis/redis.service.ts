import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** How long a health check waits for Redis to answer PING. */
const PING_TIMEOUT_MS = 1_000;

/**
 * The connections to the Redis that several nodes share (REDIS_URL), or none on a single node.
 * - `shared`: socket.io's Redis Streams adapter and the cluster notices. It queues commands while
 *   Redis is away and sends them once it is back, so nothing published in a short outage is lost.
 * - `counters`: the per-address limits and log-in lock-outs. It fails at once while Redis is away
 *   (no offline queue), so a request is never held up: the limits fall back to memory meanwhile.
 * - `subscriber()`: a connection of its own per subscriber (a subscribed connection can do nothing
 *   else); it subscribes again by itself after a reconnection.
 * Every key and channel starts with REDIS_PREFIX (`key`).
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  readonly shared: Redis | null;
  readonly counters: Redis | null;
  private readonly subscribers: Redis[] = [];
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = config.redis?.prefix ?? 'buurtjury';
    this.shared = config.redis ? this.open('shared', {}) : null;
    this.counters = config.redis ? this.open('counters', { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  }

  get configured(): boolean {
    return this.shared !== null;
  }

  /** `<REDIS_PREFIX>:<name>`. */
  key(name: string): string {
    return `${this.prefix}:${name}`;
  }

  /** A new connection for SUBSCRIBE, closed with the others at shutdown. */
  subscriber(): Redis {
    if (!this.config.redis) throw new Error('Redis is not configured (REDIS_URL)');
    const connection = this.open('subscriber', {});
    this.subscribers.push(connection);
    return connection;
  }

  /** Whether Redis answers PING within a second (true when none is configured: nothing to wait for). */
  async reachable(): Promise<boolean> {
    if (!this.counters) return true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
    try {
      return await Promise.race([this.counters.ping().then((answer) => answer === 'PONG', () => false), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const all = [this.shared, this.counters, ...this.subscribers].filter((c): c is Redis => c !== null);
    // QUIT waits for an answer: only a connected client gets one; the others just stop retrying.
    await Promise.all(
      all.map(async (c) => {
        if (c.status !== 'ready') return c.disconnect();
        await c.quit().catch(() => c.disconnect());
      }),
    );
  }

  private open(role: string, options: RedisOptions): Redis {
    const connection = new Redis(this.config.redis!.url, {
      // Keep trying while Redis restarts: every 100 ms at first, then at most every 2 s.
      retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
      ...options,
    });
    let down = false;
    connection.on('error', (error: Error) => {
      if (down) return;
      down = true;
      this.logger.warn(`Redis (${role}) unreachable: ${error.message}; retrying`);
    });
    connection.on('ready', () => {
      if (down) this.logger.warn(`Redis (${role}) reachable again`);
      down = false;
    });
    return connection;
  }
}
