import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { QueryLogger } from './query-logger';
// The module objects themselves (a namespace import would be a copy), as TypeORM's `driver` option expects.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import sqlite3 = require('sqlite3');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import pg = require('pg');
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './schema';

export { ENTITIES };
import { Foundation1763750000000 } from './migrations/1763750000000-Foundation';
import { LiveEvening1763760000000 } from './migrations/1763760000000-LiveEvening';
import { Advice1763770000000 } from './migrations/1763770000000-Advice';
import { Integrity1763780000000 } from './migrations/1763780000000-Integrity';
import { Retention1763790000000 } from './migrations/1763790000000-Retention';
import { AccountsAndTickets1763800000000 } from './migrations/1763800000000-AccountsAndTickets';
import { Privacy1763810000000 } from './migrations/1763810000000-Privacy';
import { Seal1763820000000 } from './migrations/1763820000000-Seal';
import { LateBallots1763830000000 } from './migrations/1763830000000-LateBallots';
import { PresenceGrace1763835000000 } from './migrations/1763835000000-PresenceGrace';
import { AwardCriteria1763840000000 } from './migrations/1763840000000-AwardCriteria';
import { DrawCommitment1763841000000 } from './migrations/1763841000000-DrawCommitment';
import { Procedure1763845000000 } from './migrations/1763845000000-Procedure';
import { Authorship1763850000000 } from './migrations/1763850000000-Authorship';
import { Signup1763855000000 } from './migrations/1763855000000-Signup';
import { BidderPortal1763861000000 } from './migrations/1763861000000-BidderPortal';
import { Questions1763862000000 } from './migrations/1763862000000-Questions';

/** In order; TypeORM runs the ones not yet applied at boot. */
export const MIGRATIONS = [
  Foundation1763750000000,
  LiveEvening1763760000000,
  Advice1763770000000,
  Integrity1763780000000,
  Retention1763790000000,
  AccountsAndTickets1763800000000,
  Privacy1763810000000,
  Seal1763820000000,
  LateBallots1763830000000,
  PresenceGrace1763835000000,
  AwardCriteria1763840000000,
  DrawCommitment1763841000000,
  Procedure1763845000000,
  Authorship1763850000000,
  Signup1763855000000,
  BidderPortal1763861000000,
  Questions1763862000000,
];

/**
 * TypeORM calls `sqlite3.verbose()`, which wraps every database call to capture a stack trace:
 * measurable at thousands of ballots per second (docs/performance.md). Through TypeORM's `driver`
 * option it gets the module with a `verbose()` that leaves it as it is.
 */
const quietSqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, { verbose: () => sqlite3 });

/** The embedded default: one sqlite file, WAL on, schema from migrations (never `synchronize`). */
export function sqliteOptions(databasePath: string): DataSourceOptions {
  if (databasePath !== ':memory:') mkdirSync(dirname(databasePath), { recursive: true });
  return {
    type: 'sqlite',
    driver: quietSqlite3,
    database: databasePath,
    enableWAL: true,
    busyTimeout: 5000,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new QueryLogger(),
  };
}

/**
 * node-postgres reads and writes `timestamp` (without time zone, TypeORM's type for a Date) in the
 * process's local time zone. Every node and every tool must read the same instant, whatever its
 * TZ: written and read as UTC here, and the session's time zone (CURRENT_TIMESTAMP defaults) is UTC.
 */
pg.defaults.parseInputDatesAsUTC = true;
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (text) => new Date(`${text.replace(' ', 'T')}Z`));

/** PostgreSQL (DATABASE_URL): the same entities and migrations; migrations run under a lock (see migrateLocked). */
export function postgresOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    driver: pg,
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: 'buurtjury',
    // Reads run on the pool while the writer holds one connection for its transaction.
    poolSize: 10,
    connectTimeoutMS: 10_000,
    extra: { options: '-c timezone=UTC' },
    logging: ['error', 'warn', 'migration'],
    logger: new QueryLogger(),
  };
}

/** The data source the configuration asks for: PostgreSQL when DATABASE_URL is set, else the sqlite file. */
export function databaseOptions(config: { databasePath: string; databaseUrl: string | null }): DataSourceOptions {
  return config.databaseUrl ? postgresOptions(config.databaseUrl) : sqliteOptions(config.databasePath);
}

/** Any number that identifies the migration lock among the advisory locks of this database. */
const MIGRATION_LOCK = 1_763_750_000;

/**
 * Runs the pending migrations. On PostgreSQL several nodes may start at once against one database:
 * the first takes a session advisory lock and migrates, the others wait for it and then find
 * nothing left to do (TypeORM itself does not guard against two runners).
 */
export async function migrateLocked(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    // sqlite has one writer and runs its migrations while it opens (migrationsRun).
    if (!dataSource.options.migrationsRun) await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Opens the configured data source and brings its schema up to date. */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  try {
    await migrateLocked(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Why the server cannot use the configured PostgreSQL database, in one sentence for the person
 * starting it (no stack trace, no password), or null when a connection works.
 */
export async function postgresProblem(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  const where = describeTarget(url);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    switch (e.code) {
      case 'ECONNREFUSED':
        return `PostgreSQL at ${where} refuses connections: is it running, and listening on that address and port?`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `The host in DATABASE_URL (${where}) is not known to this machine.`;
      case 'ETIMEDOUT':
        return `PostgreSQL at ${where} did not answer within 10 seconds.`;
      case '28P01':
      case '28000':
        return `PostgreSQL at ${where} refused the user name or password in DATABASE_URL.`;
      case '3D000':
        return `The database in DATABASE_URL does not exist at ${where}: create it first (createdb), Buurtjury creates the tables itself.`;
      default:
        return `Cannot use PostgreSQL at ${where}: ${e.message ?? String(error)}`;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** host:port/database of a connection URL, without user or password. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `${host}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(unreadable DATABASE_URL)';
  }
}
