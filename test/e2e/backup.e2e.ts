import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { EveningDetail } from '@buurtjury/shared';
import { AuditService } from '../../backend/src/verification/audit.service';
import { BallotEntity } from '../../backend/src/infrastructure/database/schema/ballots';
import { backupDatabase, BackupError, formatBackupReport } from '../../backend/src/cli/backup';
import { sqliteOptions } from '../../backend/src/infrastructure/database/data-source';
import { completeEvening, organiser } from '../support/api';
import { startApp, type RunningApp } from '../support/app';
import { call, connect, ok, phone, type Client } from '../support/sockets';

/**
 * `npm run backup`: while the server runs (WAL mode, the newest ballots still in the -wal file),
 * sqlite's online backup makes a consistent copy with every acknowledged ballot, checks it and
 * only then puts it in place. Copying the main file alone would miss them.
 */
let running: RunningApp;
let evening: EveningDetail;
let dir: string;
const sockets: Client[] = [];
let acknowledged = 0;

beforeAll(async () => {
  running = await startApp();
  dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-backup-'));
  const host = await organiser(running.url, 'Host');
  const draft = await completeEvening(host);
  evening = (await host.post(`/api/evenings/${draft.id}/freeze`).expect(200)).body as EveningDetail;
  const h = await connect(running.url, { role: 'host', eveningId: evening.id, token: host.session.token });
  sockets.push(h);
  const phones: Client[] = [];
  for (let i = 0; i < 6; i++) {
    const p = await phone(running.url, evening.joinCode);
    sockets.push(p.socket);
    phones.push(p.socket);
  }
  const bidder = evening.bidders[0]!;
  ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: bidder.id }));
  ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
  for (const p of phones) {
    ok(await call(p, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: Object.fromEntries(evening.criteria.map((c) => [c.id, 4])) }));
    acknowledged++;
  }
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await running.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(file: string): Promise<DataSource> {
  const db = new DataSource({ ...sqliteOptions(file), migrationsRun: false, logging: ['error'] } as DataSourceOptions);
  await db.initialize();
  return db;
}

it('finds the newest ballots in the -wal file while the server runs: copying the main file alone loses them', async () => {
  expect(existsSync(`${running.databasePath}-wal`)).toBe(true);
  expect(statSync(`${running.databasePath}-wal`).size).toBeGreaterThan(0);
  const naive = path.join(dir, 'naive.sqlite');
  copyFileSync(running.databasePath, naive);
  const db = new DataSource({ type: 'sqlite', database: naive });
  await db.initialize();
  try {
    // Here even the schema is still in the -wal file: the copy is an empty database.
    const [{ n }] = (await db.query(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'ballot'`)) as [{ n: number }];
    const stored = n === 0 ? 0 : ((await db.query(`SELECT COUNT(*) AS n FROM ballot`)) as [{ n: number }])[0].n;
    expect(stored).toBeLessThan(acknowledged);
  } finally {
    await db.destroy();
  }
});

it('makes a consistent, checked copy with every acknowledged ballot while ballots keep arriving', async () => {
  const target = path.join(dir, 'backup.sqlite');
  // Another pitch takes ballots during the copy.
  const h = sockets[0]!;
  const bidder = evening.bidders[1]!;
  ok(await call(h, 'host:command', { type: 'start-pitch', bidderId: bidder.id, closeOpenScoring: true }));
  ok(await call(h, 'host:command', { type: 'open-scoring', bidderId: bidder.id }));
  const during = Promise.all(
    sockets.slice(1).map((p) => call(p, 'ballot:submit', { ballotId: randomUUID(), bidderId: bidder.id, grades: Object.fromEntries(evening.criteria.map((c) => [c.id, 2])) })),
  );
  const report = await backupDatabase(running.databasePath, target);
  for (const ack of await during) ok(ack);

  expect(report).toMatchObject({ target, integrity: 'ok', foreignKeyProblems: 0 });
  expect(existsSync(`${target}.partial`)).toBe(false);
  const ballots = report.counts.find((c) => c.table === 'ballot')!;
  // Every ballot acknowledged before the copy is in it; those arriving during it may or may not be.
  expect(ballots.copy).toBeGreaterThanOrEqual(acknowledged);
  expect(ballots.server).toBeGreaterThanOrEqual(ballots.copy);
  expect(ballots.server).toBeLessThanOrEqual(acknowledged + 6);
  expect(formatBackupReport(report)).toMatch(new RegExp(`integrity ok[\\s\\S]*ballot\\s+${ballots.copy} /\\s+${ballots.server}`));

  // The copy is a database the server (and `npm run verify`) can use: its trail verifies.
  const db = await open(target);
  try {
    expect(await db.manager.countBy(BallotEntity, { eveningId: evening.id })).toBe(ballots.copy);
    const verification = await AuditService.standalone(db).verifyEvening(evening.id);
    expect(verification).toMatchObject({ ok: true, firstMismatch: null });
  } finally {
    await db.destroy();
  }
});

it('never overwrites a file, and says why it cannot copy', async () => {
  const target = path.join(dir, 'backup.sqlite');
  await expect(backupDatabase(running.databasePath, target)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/exists already/) });
  await expect(backupDatabase(running.databasePath, running.databasePath)).rejects.toBeInstanceOf(BackupError);
  await expect(backupDatabase(path.join(dir, 'missing.sqlite'), path.join(dir, 'x.sqlite'))).rejects.toMatchObject({ message: expect.stringMatching(/There is no database/) });
  await expect(backupDatabase(running.databasePath, path.join(dir, 'no', 'such', 'folder.sqlite'))).rejects.toMatchObject({ message: expect.stringMatching(/does not exist/) });
});

it('on PostgreSQL (DATABASE_URL) points to pg_dump instead of copying a file, without the password', async () => {
  const root = path.resolve(__dirname, '..', '..');
  const run = promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', 'backend/src/cli/backup.ts', path.join(dir, 'pg.dump')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: 'postgres://bj:geheim@db.example.nl:5432/buurtjury', TS_NODE_PROJECT: 'backend/tsconfig.json' },
  });
  const failed = (await run.then(() => null, (error: unknown) => error)) as { code: number; stderr: string } | null;
  expect(failed?.code).toBe(2);
  expect(failed?.stderr).toContain('The data is in PostgreSQL (DATABASE_URL, db.example.nl:5432/buurtjury)');
  expect(failed?.stderr).toContain('pg_dump --format=custom');
  expect(failed?.stderr).not.toContain('geheim');
  expect(existsSync(path.join(dir, 'pg.dump'))).toBe(false);
});
