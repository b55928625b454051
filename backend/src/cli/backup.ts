import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
// The driver itself: the copy uses sqlite's own online backup, not TypeORM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import sqlite3 = require('sqlite3');
import { loadConfig } from '../platform/config/config';
import { describeTarget } from '../infrastructure/database/data-source';

/**
 * `npm run backup -- <target file>`: a consistent copy of the database the server uses
 * (DATABASE_PATH), made while the server runs. The server keeps sqlite in WAL mode: the newest
 * ballots live in `<file>-wal` until sqlite folds them into the main file, so copying the main
 * file alone can silently lose a whole evening. This uses sqlite's online backup API, which reads
 * the main file and the WAL together as one snapshot, writes the copy to `<target>.partial`,
 * checks it (`PRAGMA integrity_check`, `PRAGMA foreign_key_check`, the row count of every table
 * against the server's database) and only then renames it to `<target>`. Exit code 0 when the
 * copy is made and checked, 1 when the check fails, 2 when it cannot be made.
 */

/** Tables whose counts are printed first, the ones an operator cares about. */
const MAIN_TABLES = ['evening', 'attendee', 'ballot', 'paper_entry', 'evening_log', 'advice_version'];

export interface TableCount {
  table: string;
  copy: number;
  /** The server's database, read just after the copy (it may have grown in between). */
  server: number;
}

export interface BackupReport {
  source: string;
  target: string;
  bytes: number;
  integrity: string;
  foreignKeyProblems: number;
  counts: TableCount[];
}

export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((ok, fail) => {
    const db = new sqlite3.Database(file, mode, (error) => (error ? fail(error) : ok(db)));
  });
}

function all<T>(db: sqlite3.Database, sql: string): Promise<T[]> {
  return new Promise((ok, fail) => db.all(sql, (error: Error | null, rows: T[]) => (error ? fail(error) : ok(rows))));
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((ok, fail) => db.close((error) => (error ? fail(error) : ok())));
}

/** node-sqlite3's wrapper of sqlite3_backup_* (its type declarations leave it out). */
interface SqliteBackup {
  step(pages: number, callback: (error: Error | null) => void): void;
  finish(callback: (error: Error | null) => void): void;
  readonly completed: boolean;
  readonly remaining: number;
}

/** Copies every page in one step: sqlite holds one read snapshot of the main file plus the WAL for the whole copy. */
function onlineBackup(source: sqlite3.Database, target: string): Promise<void> {
  const withBackup = source as sqlite3.Database & { backup(filename: string, callback: (error: Error | null) => void): SqliteBackup };
  return new Promise((ok, fail) => {
    const backup = withBackup.backup(target, (error: Error | null) => {
      if (error) return fail(error);
      backup.step(-1, (stepError: Error | null) => {
        if (stepError) return fail(stepError);
        if (!backup.completed) return fail(new Error(`the backup stopped with ${backup.remaining} pages left`));
        backup.finish((finishError: Error | null) => (finishError ? fail(finishError) : ok()));
      });
    });
  });
}

async function counts(db: sqlite3.Database): Promise<Map<string, number>> {
  const tables = await all<{ name: string }>(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`);
  const result = new Map<string, number>();
  for (const { name } of tables) {
    const [row] = await all<{ n: number }>(db, `SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`);
    result.set(name, row?.n ?? 0);
  }
  return result;
}

export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupReport> {
  const source = resolve(sourcePath);
  const target = resolve(targetPath);
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source} (DATABASE_PATH).`, 2);
  if (target === source) throw new BackupError('The target is the database itself: give another file name.', 2);
  if (existsSync(target)) throw new BackupError(`${target} exists already: give a new file name (a backup never overwrites a file).`, 2);
  if (!existsSync(dirname(target))) throw new BackupError(`The folder ${dirname(target)} does not exist.`, 2);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });

  // Read-write, as sqlite needs to share the WAL index with the running server; nothing is written.
  const db = await open(source, sqlite3.OPEN_READWRITE);
  let serverCounts: Map<string, number>;
  try {
    await all(db, 'PRAGMA busy_timeout = 5000');
    await onlineBackup(db, partial);
    serverCounts = await counts(db);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`The copy could not be made: ${error instanceof Error ? error.message : String(error)}`, 2);
  } finally {
    await close(db);
  }

  const copy = await open(partial, sqlite3.OPEN_READONLY);
  let report: BackupReport;
  try {
    const integrity = (await all<{ integrity_check: string }>(copy, 'PRAGMA integrity_check')).map((r) => r.integrity_check).join('; ');
    const foreignKeyProblems = (await all(copy, 'PRAGMA foreign_key_check')).length;
    const copied = await counts(copy);
    const names = [...MAIN_TABLES.filter((t) => copied.has(t)), ...[...copied.keys()].filter((t) => !MAIN_TABLES.includes(t))];
    report = {
      source,
      target,
      bytes: statSync(partial).size,
      integrity,
      foreignKeyProblems,
      counts: names.map((table) => ({ table, copy: copied.get(table) ?? 0, server: serverCounts.get(table) ?? 0 })),
    };
  } finally {
    await close(copy);
  }
  const missingTables = [...serverCounts.keys()].filter((t) => !report.counts.some((c) => c.table === t));
  if (report.integrity !== 'ok' || report.foreignKeyProblems > 0 || missingTables.length > 0) {
    rmSync(partial, { force: true });
    const problems = [
      report.integrity !== 'ok' ? `integrity_check says "${report.integrity}"` : '',
      report.foreignKeyProblems > 0 ? `${report.foreignKeyProblems} rows point at rows that do not exist` : '',
      missingTables.length > 0 ? `tables missing from the copy: ${missingTables.join(', ')}` : '',
    ].filter(Boolean);
    throw new BackupError(`The copy failed its check and was deleted: ${problems.join('; ')}.`, 1);
  }
  renameSync(partial, target);
  return report;
}

export function formatBackupReport(report: BackupReport): string {
  const lines = [`Backed up ${report.source}`, `     to ${report.target} (${report.bytes.toLocaleString('en-GB')} bytes)`, `Check: integrity ${report.integrity}, foreign keys ok`];
  const width = Math.max(...report.counts.map((c) => c.table.length));
  lines.push('Rows per table (copy / server now):');
  for (const c of report.counts) {
    const grew = c.server !== c.copy ? `  (${c.server - c.copy > 0 ? `${c.server - c.copy} written since the copy` : `${c.copy - c.server} deleted since the copy`})` : '';
    lines.push(`  ${c.table.padEnd(width)}  ${String(c.copy).padStart(8)} / ${String(c.server).padStart(8)}${grew}`);
  }
  lines.push('OK: restore by stopping the server and putting this file in place of DATABASE_PATH (remove its -wal and -shm files first).');
  return lines.join('\n');
}

/** With DATABASE_URL the data is in PostgreSQL, which has its own tools for a consistent copy. */
export function postgresBackupAdvice(databaseUrl: string): string {
  return [
    `The data is in PostgreSQL (DATABASE_URL, ${describeTarget(databaseUrl)}), not in a sqlite file: back it up with PostgreSQL's own pg_dump, which makes a consistent copy while the servers run:`,
    '  pg_dump --format=custom --file=buurtjury-$(date +%F).dump "$DATABASE_URL"',
    'Restore into an empty database with: pg_restore --dbname="$DATABASE_URL" buurtjury-YYYY-MM-DD.dump',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1 || !argv[0]) {
    process.stderr.write('Usage: npm run backup -- <target file>\n');
    return 2;
  }
  const config = loadConfig();
  if (config.databaseUrl) throw new BackupError(postgresBackupAdvice(config.databaseUrl), 2);
  if (config.databasePath === ':memory:') throw new BackupError('DATABASE_PATH is :memory:, there is no file to back up.', 2);
  const report = await backupDatabase(config.databasePath, argv[0]);
  process.stdout.write(`${formatBackupReport(report)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof BackupError ? error.exitCode : 2);
    },
  );
}
