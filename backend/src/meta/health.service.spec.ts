import type { DataSource } from 'typeorm';
import type { RedisConnections } from '../platform/redis/redis.service';
import { HealthService } from './health.service';

/** A database that answers, or one whose query fails, as the readiness check sees it. */
const database = (answers: boolean) => ({ options: { type: 'sqlite' }, query: () => (answers ? Promise.resolve([{ 1: 1 }]) : Promise.reject(new Error('connection refused'))) }) as unknown as DataSource;
const redis = (configured: boolean, reachable: boolean) => ({ configured, reachable: () => Promise.resolve(reachable) }) as unknown as RedisConnections;

describe('HealthService', () => {
  it('is ready when the database answers and no Redis is configured', async () => {
    expect(await new HealthService(database(true), redis(false, false)).ready()).toEqual({ ready: true, degraded: false, database: 'ok', redis: 'not-configured', stopping: false });
  });

  it('is not ready when the database does not answer, with or without Redis', async () => {
    expect(await new HealthService(database(false), redis(false, false)).ready()).toMatchObject({ ready: false, degraded: false, database: 'unreachable' });
    expect(await new HealthService(database(false), redis(true, true)).ready()).toMatchObject({ ready: false, degraded: false, database: 'unreachable', redis: 'ok' });
    expect(await new HealthService(database(false), redis(true, false)).ready()).toMatchObject({ ready: false, degraded: false, database: 'unreachable', redis: 'unreachable' });
  });

  it('stays ready, degraded, while a configured Redis does not answer (a cache outage must not take every node out)', async () => {
    expect(await new HealthService(database(true), redis(true, false)).ready()).toEqual({ ready: true, degraded: true, database: 'ok', redis: 'unreachable', stopping: false });
    expect(await new HealthService(database(true), redis(true, true)).ready()).toEqual({ ready: true, degraded: false, database: 'ok', redis: 'ok', stopping: false });
  });

  it('is not ready from the moment it is stopping (SIGTERM, or the application closing)', async () => {
    const signalled = new HealthService(database(true), redis(false, false));
    signalled.onModuleInit();
    try {
      process.emit('SIGTERM');
      expect(await signalled.ready()).toMatchObject({ ready: false, stopping: true, database: 'ok' });
    } finally {
      await signalled.onModuleDestroy();
    }
    const closing = new HealthService(database(true), redis(false, false));
    closing.beforeApplicationShutdown();
    expect(await closing.ready()).toMatchObject({ ready: false, stopping: true });
  });
});
