/**
 * The floor: how fast could a ballot be acknowledged on this machine at all? A bare socket.io
 * server with the same sqlite settings as Buurtjury (WAL, foreign keys on, busy timeout) and the
 * same Node.js flags (scripts/server-node-flags.js), the same
 * `ballot` table, batched multi-row inserts (`INSERT … ON CONFLICT DO NOTHING`, the next batch takes
 * whatever arrived during the previous commit) and the acknowledgement only after the commit,
 * and nothing else: no log-in, no checks, no audit trail, no tallies.
 *
 *   npm run bench:floor -- --phones 10000 --window 1 --rounds 2 [--also /path/to/other/checkout]
 *
 * runs, in one sitting and alternating, the floor and Buurtjury (this checkout's
 * backend/dist/main.js, built first if needed; `--also DIR` adds another checkout's build, for a
 * "before"), each as its own process on a fresh sqlite file, driven by the same phones
 * (test/bench/phones.ts, also used by test/bench/load.ts; light socket.io phones unless
 * BENCH_HARNESS=socket.io), and prints acknowledgement p50/p99,
 * ballots per second and the server's CPU time per ballot during the burst (µs; user + system of
 * all its threads, from /proc: far steadier than latency on a shared machine) and the phones' CPU
 * time per ballot (the harness's share of the machine) side by side. Buurtjury's phones join through the REST API first, as in
 * `npm run bench`; the floor's phones just connect. `--only floor|buurtjury` runs one of them.
 *
 * `node … floor.ts --serve` runs the floor server itself (PORT, DATABASE_PATH).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Server } from 'socket.io';
import { loadRun } from './load';
import { ballotsPerSecond, burst, checkStored, connectPhones, freePort, harness, measuredBurst, percentile, serverNodeFlags, storedBallotIds, type Phone } from './phones';
import { numberOption, textOption } from './options';

const ROOT = path.resolve(__dirname, '..', '..');

// ---------------------------------------------------------------- the floor server

interface Pending {
  params: unknown[];
  done: (ok: boolean) => void;
}

async function serve(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as typeof import('sqlite3');
  const db = new sqlite3.Database(process.env.DATABASE_PATH!);
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) => db.run(sql, params, (e: Error | null) => (e ? reject(e) : resolve())));
  // What TypeORM's sqlite driver sets for Buurtjury (enableWAL, busyTimeout 5000).
  await run('PRAGMA foreign_keys = ON');
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA busy_timeout = 5000');
  // Buurtjury's ballot table and indexes (migrations), without the foreign keys to tables the floor does not have.
  await run(
    'CREATE TABLE "ballot" ("id" varchar(36) PRIMARY KEY NOT NULL, "eveningId" varchar(36) NOT NULL, "bidderId" varchar(36) NOT NULL, ' +
      '"attendeeId" varchar(36) NOT NULL, "serial" integer NOT NULL, "grades" text NOT NULL, "remark" text NOT NULL, "receipt" varchar(12) NOT NULL, "submittedAt" datetime NOT NULL)',
  );
  await run('CREATE UNIQUE INDEX "IDX_ballot_evening_serial" ON "ballot" ("eveningId", "serial")');
  await run('CREATE INDEX "IDX_ballot_attendee_bidder" ON "ballot" ("attendeeId", "bidderId")');

  const ROWS_PER_STATEMENT = 200;
  const BATCH_MAX = 2000;
  const LINGER_MS = 4;
  const eveningId = randomUUID();
  let serial = 0;
  const queue: Pending[] = [];
  let writing = false;
  let timer: NodeJS.Timeout | null = null;

  const write = async (batch: Pending[]): Promise<void> => {
    let ok = true;
    try {
      await run('BEGIN');
      for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
        const part = batch.slice(i, i + ROWS_PER_STATEMENT);
        await run(
          `INSERT INTO "ballot" ("id", "eveningId", "bidderId", "attendeeId", "serial", "grades", "remark", "receipt", "submittedAt") VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
          part.flatMap((p) => p.params),
        );
      }
      await run('COMMIT');
    } catch {
      ok = false;
      await run('ROLLBACK').catch(() => undefined);
    }
    for (const p of batch) p.done(ok);
  };
  const pump = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (writing || queue.length === 0) return;
    writing = true;
    const batch = queue.splice(0, BATCH_MAX);
    void write(batch).then(() => {
      writing = false;
      if (queue.length > 0) pump();
    });
  };
  const insert = (params: unknown[], done: (ok: boolean) => void): void => {
    queue.push({ params, done });
    if (writing) return;
    if (queue.length >= BATCH_MAX) pump();
    else timer ??= setTimeout(pump, LINGER_MS);
  };

  const http = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
  io.on('connection', (socket) => {
    const attendeeId = String((socket.handshake.auth as { attendeeId?: unknown }).attendeeId);
    socket.on('ballot:submit', (ballot: { ballotId: string; bidderId: string; grades: Record<string, number> }, ack: (r: object) => void) => {
      const at = new Date();
      insert([ballot.ballotId, eveningId, ballot.bidderId, attendeeId, ++serial, JSON.stringify(ballot.grades), '', '', at.toISOString()], (ok) =>
        ack(ok ? { ok: true, ballotId: ballot.ballotId, bidderId: ballot.bidderId, receipt: '', acceptedAt: at.toISOString() } : { ok: false, code: 'SERVER_BUSY', message: 'not stored' }),
      );
    });
  });
  const stop = () => {
    const finish = () => (writing || queue.length > 0 ? setTimeout(finish, 10) : db.close(() => process.exit(0)));
    void io.close();
    pump();
    finish();
  };
  process.once('SIGTERM', stop);
  http.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('floor ready'));
}

// ---------------------------------------------------------------- the comparison


const PHONES = numberOption('phones', 10_000);
const WINDOW_S = numberOption('window', 1);
const RESEND = numberOption('resend', 0.05);
const ROUNDS = numberOption('rounds', 1);
const CONNECT_CONCURRENCY = numberOption('connect-concurrency', 200);

interface Row {
  round: number;
  server: string;
  p50: number;
  p99: number;
  max: number;
  ballotsPerSecond: number;
  /** The server process's CPU time (user + system, all threads) from the first ballot sent to the last acknowledgement, per acknowledged ballot. */
  cpuMicrosPerBallot: number;
  /** Of which its main thread's (the event loop: JavaScript and the sockets' writes). */
  mainThreadCpuMicrosPerBallot: number;
  /** The phones' CPU time (the harness process, all threads) in the same span, per acknowledged ballot. */
  harnessCpuMicrosPerBallot: number;
  accepted: number;
  lost: number;
  unanswered: number;
  duplicates: number;
  refused: number;
  load: string;
}

const loadAverage = () =>
  loadavg()
    .slice(0, 1)
    .map((l) => l.toFixed(1))
    .join('');

async function startFloor(port: number, databasePath: string): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The same Node.js flags as Buurtjury's server (scripts/server-node-flags.js): the same runtime, so the difference is the work.
  const server = spawn(process.execPath, [...serverNodeFlags(ROOT), ...nodeArgs, '-r', 'ts-node/register/transpile-only', __filename, '--serve'], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json'), PORT: String(port), DATABASE_PATH: databasePath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('floor ready')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the floor exited (${code}) before it was ready`)));
  });
  return server;
}

async function floorRun(round: number): Promise<Row> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-floor-'));
  const databasePath = path.join(dir, 'floor.sqlite');
  const server = await startFloor(port, databasePath);
  let phones: Phone[] = [];
  try {
    const load = loadAverage();
    const connected = await connectPhones(
      `http://127.0.0.1:${port}`,
      Array.from({ length: PHONES }, () => ({ attendeeId: randomUUID() })),
      CONNECT_CONCURRENCY,
    );
    phones = connected.phones;
    const outcome = await measuredBurst(server.pid!, () => burst(phones, randomUUID(), [randomUUID(), randomUUID(), randomUUID(), randomUUID()], WINDOW_S, RESEND));
    for (const p of phones) p.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const stored = await storedBallotIds(databasePath);
    const check = checkStored(outcome, stored);
    const l = outcome.latencies;
    return {
      round,
      server: 'floor',
      p50: percentile(l, 50),
      p99: percentile(l, 99),
      max: l.at(-1) ?? NaN,
      ballotsPerSecond: ballotsPerSecond(outcome),
      cpuMicrosPerBallot: outcome.serverCpuMicrosPerBallot,
      mainThreadCpuMicrosPerBallot: outcome.serverMainThreadCpuMicrosPerBallot,
      harnessCpuMicrosPerBallot: outcome.harnessCpuMicrosPerBallot,
      accepted: outcome.acked.size,
      lost: check.ackedButNotStored,
      unanswered: outcome.unanswered,
      duplicates: check.duplicatesInDatabase,
      refused: outcome.refused.length,
      load,
    };
  } finally {
    for (const p of phones) p?.close();
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function buurtjuryRun(round: number, label: string, serverRoot: string): Promise<Row> {
  const load = loadAverage();
  const r = await loadRun({ phones: PHONES, windowS: WINDOW_S, resend: RESEND, connectConcurrency: CONNECT_CONCURRENCY, port: 0, serverRoot, measureMemory: false });
  const l = r.latencies as number[];
  const lost = r.lost as { ackedButNotStored: number; sentButNeverAcked: number };
  return {
    round,
    server: label,
    p50: percentile(l, 50),
    p99: percentile(l, 99),
    max: l.at(-1) ?? NaN,
    ballotsPerSecond: r.ballotsPerSecond as number,
    cpuMicrosPerBallot: r.serverCpuMicrosPerBallot as number,
    mainThreadCpuMicrosPerBallot: r.serverMainThreadCpuMicrosPerBallot as number,
    harnessCpuMicrosPerBallot: (r.harness as { cpuMicrosPerBallot: number }).cpuMicrosPerBallot,
    accepted: r.accepted as number,
    lost: lost.ackedButNotStored,
    unanswered: lost.sentButNeverAcked,
    duplicates: r.duplicatesInDatabase as number,
    refused: r.refused as number,
    load,
  };
}

async function compare(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(ROOT, 'scripts', 'build-if-needed.js')).buildIfNeeded({ log: () => undefined });
  const only = textOption('only');
  const also = textOption('also');
  const servers: { label: string; run: (round: number) => Promise<Row> }[] = [];
  if (only !== 'buurtjury') servers.push({ label: 'floor', run: floorRun });
  if (only !== 'floor') servers.push({ label: 'buurtjury', run: (round) => buurtjuryRun(round, 'buurtjury', ROOT) });
  if (also) servers.push({ label: `buurtjury@${path.basename(also)}`, run: (round) => buurtjuryRun(round, `buurtjury@${path.basename(also)}`, path.resolve(also)) });

  console.log(`${PHONES} phones (${harness()} client), ${WINDOW_S} s burst, ${RESEND * 100} % resend, ${ROUNDS} round(s); started ${new Date().toISOString()}`);
  const rows: Row[] = [];
  const failed: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const s of servers) {
      try {
        const row = await s.run(round);
        rows.push(row);
        console.log(JSON.stringify(row));
      } catch (error) {
        // One failed run (a busy machine) does not end the sitting; it is listed as failed.
        console.error(`round ${round}, ${s.label}: failed:`, error);
        failed.push(`round ${round}, ${s.label}`);
      }
    }
  }
  const f = (n: number) => `${n.toFixed(0)} ms`;
  console.log('\n| round | server | ack p50 | ack p99 | ack max | ballots/s | server CPU µs per ballot (of which main thread) | phones (harness) CPU µs per ballot | accepted | lost (acked, not stored) | unanswered | duplicates | refused | load avg (1 min) at start |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.round} | ${r.server} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${r.ballotsPerSecond} | ${r.cpuMicrosPerBallot} (${r.mainThreadCpuMicrosPerBallot}) | ${r.harnessCpuMicrosPerBallot} | ${r.accepted} | ${r.lost} | ${r.unanswered} | ${r.duplicates} | ${r.refused} | ${r.load} |`,
    );
  }
  if (failed.length > 0) console.log(`failed runs: ${failed.join('; ')}`);
  for (const round of new Set(rows.map((r) => r.round))) {
    const floor = rows.find((r) => r.round === round && r.server === 'floor');
    if (!floor) continue;
    for (const r of rows.filter((x) => x.round === round && x.server !== 'floor')) {
      console.log(`round ${round}: ${r.server} p99 / floor p99 = ${(r.p99 / floor.p99).toFixed(2)}×, ballots/s ${r.ballotsPerSecond} vs ${floor.ballotsPerSecond}, server CPU µs per ballot ${r.cpuMicrosPerBallot} vs ${floor.cpuMicrosPerBallot} (${(r.cpuMicrosPerBallot / floor.cpuMicrosPerBallot).toFixed(2)}×)`);
    }
  }
}

if (require.main === module) {
  (process.argv.includes('--serve') ? serve() : compare()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
