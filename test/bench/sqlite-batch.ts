/**
 * What one batch of ballots costs sqlite, without sockets: the database's share of a burst, and
 * the ways of sending a batch that were weighed for issue 13 (docs/performance.md). Each variant
 * gets a fresh sqlite file with the real schema (the app's migrations, WAL, foreign keys on) and
 * one evening with its bidders and --attendees attendees, then writes --batches batches of
 * --batch ballots, each batch one transaction, as the BallotWriter does, and prints per ballot:
 * the main thread's time to build the batch (the audit entries' chain, and the SQL text or the
 * bound values; the ballots' own hashes are taken before, as they arrive) and the time of the
 * database call itself (sqlite works on one thread, so that is its CPU time).
 *
 *   npm run bench:sqlite -- [--batch 1000] [--batches 30] [--attendees 10000] [--repeat 2]
 *
 * Variants, each --repeat times, interleaved:
 * - `script`: the product's way (BallotWriter.writeBatchAsScript): the ballots' INSERT and their
 *   audit entries' INSERT with the values as literals (insertSql, AuditLog.appendSql), one script.
 * - `script, no audit rows`: the same without the audit entries (their hashes still taken): the
 *   database's cost of the audit trail.
 * - `bound`: the floor's way (test/bench/floor.ts): BEGIN, INSERTs of 200 rows each with bound
 *   parameters, COMMIT, one call each, for the same ballots and audit entries.
 * - `bound, no audit rows`: the floor's database work, but with Buurtjury's foreign keys.
 * The first fifth of the batches warms up and is not counted.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ballotHash, chainEntries, type AuditDetail } from '@buurtjury/shared';
import { AuditLog, entryId, type AuditRecord } from '../../backend/src/infrastructure/audit-log/audit-log.service';
import { insertSql } from '../../backend/src/infrastructure/database/batched-inserter';
import { sqliteOptions } from '../../backend/src/infrastructure/database/data-source';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema';
import { option } from './options';

const BATCH = option('batch', 1000);
const BATCHES = option('batches', 30);
const ATTENDEES = option('attendees', 10_000);
const REPEAT = option('repeat', 2);
const WARM_UP = Math.floor(BATCHES / 5);
const BOUND_ROWS_PER_STATEMENT = 200;

type Variant = 'script' | 'script, no audit rows' | 'bound' | 'bound, no audit rows';
const VARIANTS: Variant[] = ['script', 'script, no audit rows', 'bound', 'bound, no audit rows'];

interface Sqlite {
  run(sql: string, params: unknown[], callback: (error: Error | null) => void): void;
  exec(sql: string, callback: (error: Error | null) => void): void;
  all(sql: string, params: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
}

const call = (f: (done: (error: Error | null) => void) => void) => new Promise<void>((resolve, reject) => f((error) => (error ? reject(error) : resolve())));

/** A row for each table with only the columns that need a value (NOT NULL without a default) filled in. */
async function insertParent(db: Sqlite, table: string, values: Record<string, unknown>): Promise<void> {
  const columns = await new Promise<{ name: string; type: string; notnull: number; dflt_value: unknown }[]>((resolve, reject) =>
    db.all(`PRAGMA table_info("${table}")`, [], (error, rows) => (error ? reject(error) : resolve(rows as never))),
  );
  const row: Record<string, unknown> = {};
  for (const c of columns) {
    if (c.name in values) row[c.name] = values[c.name];
    else if (c.notnull && c.dflt_value === null) row[c.name] = /int|bool|real|num/i.test(c.type) ? 0 : /date|time/i.test(c.type) ? new Date().toISOString() : 'x';
  }
  const names = Object.keys(row);
  await call((done) => db.run(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, Object.values(row), done));
}

async function runVariant(variant: Variant): Promise<{ buildMicros: number; databaseMicros: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-sqlite-batch-'));
  const dataSource = new DataSource({ ...sqliteOptions(path.join(dir, 'bench.sqlite')), logging: false });
  await dataSource.initialize();
  try {
    const db = (dataSource.driver as unknown as { databaseConnection: Sqlite }).databaseConnection;
    const eveningId = randomUUID();
    const bidderIds = Array.from({ length: 6 }, () => randomUUID());
    const attendeeIds = Array.from({ length: ATTENDEES }, () => randomUUID());
    // The parents' own references (the evening's network and so on) are not what is measured: filled with placeholders, checked off.
    await call((done) => db.exec('PRAGMA foreign_keys = OFF; BEGIN', done));
    await insertParent(db, 'evening', { id: eveningId });
    for (const id of bidderIds) await insertParent(db, 'bidder', { id, eveningId });
    for (const id of attendeeIds) await insertParent(db, 'attendee', { id, eveningId });
    await call((done) => db.exec('COMMIT; PRAGMA foreign_keys = ON', done));

    const audit = new AuditLog();
    const auditRows = !variant.endsWith('no audit rows');
    let head: { sequence: number; hash: string } | null = null;
    let serial = 0;
    let build = 0;
    let database = 0;
    for (let b = 0; b < BATCHES; b++) {
      // What the intake hands the writer: rows, and audit records with the ballot's hash (taken as it arrives).
      const rows: BallotEntity[] = [];
      const records: AuditRecord[] = [];
      const at = new Date();
      for (let i = 0; i < BATCH; i++) {
        const row: BallotEntity = {
          id: randomUUID(),
          eveningId,
          bidderId: bidderIds[i % bidderIds.length]!,
          attendeeId: attendeeIds[(b * BATCH + i) % ATTENDEES]!,
          serial: ++serial,
          grades: { c1: 3, c2: 4, c3: 2, c4: 5 },
          remark: '',
          receipt: 'ABCD-EFGH',
          submittedAt: at,
        };
        rows.push(row);
        const detail: AuditDetail = { ballotId: row.id, bidderId: row.bidderId, serial: row.serial, ballotHash: ballotHash(row, audit.hash) };
        records.push({ type: 'ballot-accepted', actor: 'attendee', detail });
      }
      const t0 = performance.now();
      let work: () => Promise<void>;
      if (variant.startsWith('script')) {
        const statements = [insertSql(dataSource, BallotEntity, rows, 'fail')];
        const append = audit.appendSql(dataSource, head, eveningId, records);
        if (auditRows) statements.push(append.sql);
        head = append.head;
        const script = `BEGIN;\n${statements.join(';\n')};\nCOMMIT;`;
        work = () => call((done) => db.exec(script, done));
      } else {
        // The same chain as AuditLog.appendSql, as bound values.
        const atText = utcDatetime(at);
        const entries = chainEntries(head, records.map((r) => ({ eveningId, type: r.type, actor: r.actor, detail: r.detail, at: at.toISOString() })), audit.hash);
        head = entries.length > 0 ? { sequence: entries.at(-1)!.sequence, hash: entries.at(-1)!.hash } : head;
        const logRows = auditRows ? entries.map((e) => [entryId(), e.eveningId, e.sequence, e.type, e.actor, JSON.stringify(e.detail), atText, e.previousHash, e.hash]) : [];
        const parts: { sql: string; params: unknown[] }[] = [];
        for (const [table, columns, values] of [
          ['ballot', BALLOT_COLUMNS, rows.map((r) => BALLOT_COLUMNS.map((c) => (c === 'grades' ? JSON.stringify(r.grades) : c === 'submittedAt' ? utcDatetime(r.submittedAt) : r[c as keyof BallotEntity])))],
          ['evening_log', LOG_COLUMNS, logRows],
        ] as const) {
          for (let i = 0; i < values.length; i += BOUND_ROWS_PER_STATEMENT) {
            const part = values.slice(i, i + BOUND_ROWS_PER_STATEMENT);
            const tuple = `(${columns.map(() => '?').join(', ')})`;
            parts.push({ sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${part.map(() => tuple).join(', ')}`, params: part.flat() });
          }
        }
        work = async () => {
          await call((done) => db.run('BEGIN', [], done));
          for (const p of parts) await call((done) => db.run(p.sql, p.params, done));
          await call((done) => db.run('COMMIT', [], done));
        };
      }
      const t1 = performance.now();
      await work();
      const t2 = performance.now();
      if (b >= WARM_UP) {
        build += t1 - t0;
        database += t2 - t1;
      }
    }
    const counted = (BATCHES - WARM_UP) * BATCH;
    return { buildMicros: (build * 1000) / counted, databaseMicros: (database * 1000) / counted };
  } finally {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const BALLOT_COLUMNS = ['id', 'eveningId', 'bidderId', 'attendeeId', 'serial', 'grades', 'remark', 'receipt', 'submittedAt'];
const LOG_COLUMNS = ['id', 'eveningId', 'sequence', 'type', 'actor', 'detail', 'at', 'previousHash', 'hash'];

/** A Date as TypeORM's sqlite driver stores it (UTC, 'YYYY-MM-DD HH:MM:SS.SSS'). */
const utcDatetime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

async function main(): Promise<void> {
  console.log(`sqlite batches: ${BATCHES} of ${BATCH} ballots (first ${WARM_UP} not counted), ${ATTENDEES} attendees, each variant ${REPEAT}×, interleaved`);
  const results: { variant: Variant; buildMicros: number; databaseMicros: number }[] = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const variant of VARIANTS) {
      const result = await runVariant(variant);
      results.push({ variant, ...result });
      console.log(JSON.stringify({ variant, build: Number(result.buildMicros.toFixed(1)), database: Number(result.databaseMicros.toFixed(1)) }));
    }
  }
  console.log('\n| variant | main thread: build the batch, µs per ballot | database call, µs per ballot |\n| --- | --- | --- |');
  for (const variant of VARIANTS) {
    const mine = results.filter((x) => x.variant === variant);
    const span = (f: (x: (typeof mine)[number]) => number) => mine.map((x) => f(x).toFixed(1)).join(', ');
    console.log(`| ${variant} | ${span((x) => x.buildMicros)} | ${span((x) => x.databaseMicros)} |`);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
