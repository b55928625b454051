/**
 * Benchmark of heavy documents during a live evening (a benchmark, not a test; the same scenario
 * as test/e2e/render.e2e.ts, see test/support/render-load.ts). The built server runs as its own
 * process on a fresh sqlite file. One evening's phones keep sending ballots (each a new ballot
 * every --every ms) while an organiser of another network asks at once for the advice preview PDF
 * of a draft with five runs of --draft characters without a space, issues that advice, and prints
 * --bidders × --cards score cards with --criteria × --levels boxes and --tickets ticket cards.
 *
 *   npm run bench:render
 *   npm run bench:render -- --server /path/to/another/checkout   (an older build, for "before")
 *
 * Options: --phones (30) --every ms (400) --bidders (20) --cards per pitch (50) --criteria (12)
 * --levels (10) --tickets (2000) --draft (20000) --max-seconds (900: then the server is killed)
 * --server (this checkout; its backend/dist/main.js is run, `npm run build` first)
 * --ballots-only seconds (0): no documents, the phones only vote for that long: the baseline of
 * the acknowledgement times on this machine at this moment (other processes share the cores).
 * Prints the acknowledgement times (p50, p99, max), the ballots refused or unanswered, each
 * document's answer and time, and the resident memory of the server and its render processes
 * together (sampled every 100 ms), with the largest kernel peak (VmHWM) of one of them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPitchWithCrowd } from '../support/crowd';
import { heavyEvening, keepVoting, percentile, renderAll } from '../support/render-load';
import { freePort } from '../support/server-process';
import { serverNodeFlags } from './phones';
import { option, textOption } from './options';

const SERVER_ROOT = path.resolve(textOption('server') ?? path.join(__dirname, '..', '..'));

const PHONES = option('phones', 30);
const EVERY_MS = option('every', 400);
const MAX_SECONDS = option('max-seconds', 900);
const BALLOTS_ONLY = process.argv.includes('--ballots-only') ? option('ballots-only', 60) : 0;
const SETUP = {
  bidders: option('bidders', 20),
  cardsPerPitch: option('cards', 50),
  criteria: option('criteria', 12),
  levels: option('levels', 10),
  tickets: option('tickets', 2000),
  draftChars: option('draft', 20_000),
};

/** A process and all its descendants (the server and its render processes). */
function processTree(pid: number): number[] {
  const out = [pid];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(' ') : []) out.push(...processTree(Number(child)));
    }
  } catch {
    // ended meanwhile
  }
  return out;
}

/** Resident memory in MB of the server with its render processes: now (summed), and the largest kernel peak (VmHWM) of one of them. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  let rss = 0;
  let peak = 0;
  for (const p of processTree(pid)) {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      rss += kb('VmRSS') / 1024;
      peak = Math.max(peak, kb('VmHWM') / 1024);
    } catch {
      if (p === pid) return null;
    }
  }
  return { rss, peak };
}

async function startServer(port: number, databasePath: string): Promise<ChildProcess> {
  const main = path.join(SERVER_ROOT, 'backend', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} does not exist: run \`npm run build\` there first.`);
  // BENCH_SERVER_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(process.execPath, [...serverNodeFlags(SERVER_ROOT), ...nodeArgs, main], {
    cwd: SERVER_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Buurtjury is running.')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
  });
  return server;
}

async function main(): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-bench-render-'));
  const server = await startServer(port, path.join(dir, 'bench.sqlite'));
  const exited = new Promise<string>((resolve) => server.once('exit', (code, signal) => resolve(`server exited: ${signal ?? code}`)));
  try {
    console.log(`render benchmark: server ${SERVER_ROOT}, ${PHONES} phones each sending a ballot every ${EVERY_MS} ms; documents: ${JSON.stringify(SETUP)}`);
    const heavy = await heavyEvening(url, SETUP);
    const live = await openPitchWithCrowd(url, PHONES);
    const idle = memoryOf(server.pid!)!;

    let peakSampled = idle.rss;
    let peakKernel = idle.peak;
    const sampler = setInterval(() => {
      const m = memoryOf(server.pid!);
      if (m) {
        peakSampled = Math.max(peakSampled, m.rss);
        peakKernel = Math.max(peakKernel, m.peak);
      }
    }, 100);
    const started = performance.now();
    const documents = BALLOTS_ONLY
      ? new Promise<{ answers: null; why: string }>((resolve) => setTimeout(() => resolve({ answers: null, why: `ballots only, ${BALLOTS_ONLY} s` }), BALLOTS_ONLY * 1000))
      : renderAll(url, heavy).then((answers) => ({ answers, why: 'all documents answered' }));
    const finished = Promise.race([
      documents,
      exited.then((why) => ({ answers: null, why })),
      new Promise<{ answers: null; why: string }>((resolve) => setTimeout(() => resolve({ answers: null, why: `not done after ${MAX_SECONDS} s` }), MAX_SECONDS * 1000).unref()),
    ]);
    const [load, outcome] = await Promise.all([keepVoting(live.phones, live.evening, EVERY_MS, finished), finished]);
    clearInterval(sampler);
    const failures: Record<string, number> = {};
    for (const f of load.failures) failures[f] = (failures[f] ?? 0) + 1;
    console.log(
      JSON.stringify(
        {
          outcome: outcome.why,
          seconds: Math.round((performance.now() - started) / 100) / 10,
          ballotsAcknowledged: load.latencies.length,
          ballotsFailed: failures,
          ackMs: { p50: Math.round(percentile(load.latencies, 50)), p99: Math.round(percentile(load.latencies, 99)), max: Math.round(Math.max(...load.latencies)) },
          documents: outcome.answers?.map((a) => `${a.what}: HTTP ${a.status}${a.code ? ` ${a.code}` : ''}, ${Math.round(a.bytes / 1024)} KB, ${(a.ms / 1000).toFixed(1)} s`) ?? [],
          loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
          // The server process and its render processes together (sampled every 100 ms), and the largest peak of one process.
          serverMemoryMb: { beforeDocuments: Math.round(idle.rss), peakSampled: Math.round(peakSampled), peakOfOneProcess: Math.round(peakKernel) },
        },
        null,
        2,
      ),
    );
    for (const p of live.phones) p.socket.close();
    live.hostSocket.close();
  } finally {
    // SIGTERM: the server stops in order (and writes a CPU profile when asked to).
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
