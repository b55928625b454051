import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Which database the e2e suites run on. The `e2e-postgres` Jest project sets TEST_DATABASE=postgres
 * (test/support/postgres-project.js): each app then gets a fresh PostgreSQL database of its own,
 * dropped when it closes; otherwise a fresh sqlite file as before.
 */
export function testDatabaseKind(): 'sqlite' | 'postgres' {
  return process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
}

/** The server and maintenance database the tests create their databases from (this machine kind: 127.0.0.1:5432, trust). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** DATABASE_URL for the app. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty PostgreSQL database with a unique name (bj_test_…); `drop()` removes it, connections and all. */
export async function freshPostgresDatabase(): Promise<TestDatabase> {
  const name = `bj_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
