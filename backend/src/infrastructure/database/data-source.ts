import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { QueryLogger } from './query-logger';
// The module object itself (a namespace import would be a copy), as TypeORM's `driver` option expects.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import sqlite3 = require('sqlite3');
import type { DataSourceOptions } from 'typeorm';
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
import { Signup1763855000000 } from './migrations/1763855000000-Signup';

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
  Signup1763855000000,
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
