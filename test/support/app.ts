import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createApp } from '../../backend/src/app';
import { loadConfig } from '../../backend/src/platform/config/config';
import { DataSource } from 'typeorm';
import { freshPostgresDatabase, testDatabaseKind, type TestDatabase } from './databases';

export interface RunningApp {
  app: INestApplication;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** Where phones reach it (PUBLIC_URL), or `url` when that is not set. */
  publicUrl: string;
  /** The sqlite file (unused when the app runs on PostgreSQL: see `database`). */
  databasePath: string;
  /** Which database this app runs on (the `e2e-postgres` project runs the suites on PostgreSQL). */
  database: 'sqlite' | 'postgres';
  /** The app's environment for tools that open its database (npm run verify): DATABASE_URL or DATABASE_PATH. */
  databaseEnv: Record<string, string>;
  /** Runs SQL on the app's own database, as an outsider with database access would (parameters as $1, $2 on both). */
  sql<T = Record<string, unknown>>(statement: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Boots the real application (NestFactory, migrations, static frontend) on a fresh temporary
 * sqlite file, or a fresh PostgreSQL database in the `e2e-postgres` project. With `venueHost`, the app is also told (PUBLIC_URL) that phones reach it as
 * `http://<venueHost>:<port>`, as a laptop at the venue is reached over the Wi-Fi; browser tests
 * map that name to 127.0.0.1 (see test/support/browser.ts).
 */
export async function startApp(env: Record<string, string> = {}, options: { venueHost?: string } = {}): Promise<RunningApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-test-'));
  const databasePath = path.join(dir, 'test.sqlite');
  const port = options.venueHost ? await freePort() : 0;
  const venue = options.venueHost ? { PUBLIC_URL: `http://${options.venueHost}:${port}` } : {};
  const postgres: TestDatabase | null = testDatabaseKind() === 'postgres' ? await freshPostgresDatabase() : null;
  const database = postgres ? { DATABASE_URL: postgres.url } : {};
  const config = loadConfig({ DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', ...venue, ...database, ...env }, path.resolve(__dirname, '..', '..'));
  const app = await createApp({ ...config, port, host: '127.0.0.1', frontendDist: path.resolve(__dirname, '..', '..', 'frontend', 'dist') });
  await app.listen(port, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    publicUrl: config.publicUrl ?? url,
    databasePath,
    database: config.databaseUrl ? 'postgres' : 'sqlite',
    databaseEnv: config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : { DATABASE_PATH: databasePath },
    async sql<T>(statement: string, params: unknown[] = []): Promise<T[]> {
      const dataSource = app.get(DataSource);
      // sqlite numbers its parameters ?1, ?2; PostgreSQL $1, $2.
      const text = config.databaseUrl ? statement : statement.replace(/\$(\d+)/g, '?$1');
      const result = (await dataSource.query(text, params)) as unknown;
      // TypeORM's postgres driver answers an UPDATE/DELETE with [rows, count].
      return (config.databaseUrl && Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}
