/**
 * Load harness for the live evening (a benchmark, not a test): N simulated phones join one
 * evening and each sends a ballot for the open pitch at a random moment within a window of T
 * seconds. The server runs as a separate process on a fresh sqlite file; this process is the
 * phones, the host and the big screen.
 *
 *   npm run bench -- --phones 2000 --window 10
 *
 * Options: --phones N (500) --window T seconds (10) --resend fraction of phones that send their
 * ballot a second time with the same id (0.05) --connect-concurrency (200) --port (a free one)
 * --workers (0: the phones in this process; N: in N child processes, test/bench/phone-processes.ts)
 * --root DIR (another checkout's build as the server).
 * Prints connect time, acknowledgement latency percentiles, ballots per second, lost and
 * duplicate ballots, the server's CPU time during the burst per ballot (µs, all its threads, from
 * /proc), screen tally staleness and server memory per connected phone (V8 heap plus
 * external memory after a forced GC, read through the inspector, and the change in RSS).
 *
 * The phones' side lives in ./phones.ts and is shared with test/bench/floor.ts, which runs this
 * same burst against a bare socket.io + sqlite floor and against Buurtjury in one sitting.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { EveningDetail, JoinResponse, SessionResponse, Tally } from '@buurtjury/shared';
import { mergeQuestionRounds, now, PhoneProcess, phoneRound, shares, watchBoards, type Boards, type Burst, type Joined, type RoundRequest } from './phone-processes';
import { ballotsPerSecond, checkAuditTrail, checkStored, connect, connectPhones, cpuMicros, freePort, harness, ms, serverNodeFlags, percentile, pool, storedBallotIds, type BurstOutcome, type Client, type QuestionRoundOutcome } from './phones';
import { numberOption, textOption } from './options';

const ROOT = path.resolve(__dirname, '..', '..');

export interface LoadOptions {
  phones: number;
  windowS: number;
  resend: number;
  connectConcurrency: number;
  /** 0: a free one. */
  port: number;
  /** The checkout whose backend/dist/main.js is run (this one by default). */
  serverRoot: string;
  /** Read the server's memory around the connects (runs the server with --inspect). */
  measureMemory: boolean;
  /**
   * A question round in the same window as the ballots (test/bench/questions.ts): every phone asks
   * the bidder on stage one question and votes for `votesPerPhone` shown questions of others, at
   * random moments; questions show at once (pre-moderation off) and may be asked during the pitch.
   */
  questions?: { votesPerPhone: number };
  /** The phones in this many child processes (test/bench/phone-processes.ts); 0 or absent: in this process. */
  workers?: number;
}

/** The phones of a run, wherever they live. */
interface Phones {
  connected: { connectTimes: number[]; totalMs: number };
  burst(r: RoundRequest): Promise<{ ballots: BurstOutcome; questions: QuestionRoundOutcome | null; eventLoopDelay: { p99: number; max: number } }>;
  /** Counts the phones that receive a question board from now on; `wait` resolves with that count once all have one, or after `timeoutMs`. */
  watchBoards(): Promise<{ wait: (timeoutMs: number) => Promise<number> }>;
  close(): void;
}

const phoneAuths = (joinCode: string, tokens: string[]) => tokens.map((attendeeToken) => ({ role: 'attendee', joinCode, attendeeToken }));

/** All phones in this process: its event loop carries them all (a stall times every acknowledgement late). */
async function inThisProcess(joinCode: string, tokens: string[], concurrency: number): Promise<Phones> {
  const connected = await connectPhones(BASE, phoneAuths(joinCode, tokens), concurrency);
  return {
    connected,
    burst: (r) => phoneRound(connected.phones, r),
    watchBoards: () => Promise.resolve(watchBoards(connected.phones)),
    close: () => connected.phones.forEach((p) => p.close()),
  };
}

/** The phones spread over child processes; their acknowledgement times brought to this process's clock. */
async function inWorkers(count: number, joinCode: string, tokens: string[], concurrency: number): Promise<Phones> {
  const workers = Array.from({ length: count }, () => new PhoneProcess());
  const close = () => workers.forEach((w) => w.stop());
  try {
    let first = 0;
    const parts = shares(tokens.length, count).map((n) => tokens.slice(first, (first += n)));
    const start = performance.now();
    const joined = await Promise.all(
      workers.map((w, i) => w.ask<Joined>({ type: 'join', bases: [BASE], joinCode, count: parts[i]!.length, concurrency: Math.max(1, Math.ceil(concurrency / count)), tokens: parts[i] })),
    );
    const connected = { connectTimes: joined.flatMap((j) => j.connectTimes).sort((a, b) => a - b), totalMs: performance.now() - start };
    const burst = async (r: RoundRequest) => {
      const outcomes = await Promise.all(workers.map((w) => w.ask<Burst>({ type: 'burst', startAt: now() + 1_000, ...r })));
      const here = (epochMs: number) => epochMs - performance.timeOrigin;
      const acked = new Map(outcomes.flatMap((o) => o.acked).map(([id, sentAt, ackedAt]) => [id, { sentAt: here(sentAt), ackedAt: here(ackedAt) }]));
      const ballots: BurstOutcome = {
        acked,
        refused: outcomes.flatMap((o) => o.refused),
        unanswered: outcomes.reduce((n, o) => n + o.unanswered, 0),
        windowStart: here(Math.min(...outcomes.map((o) => o.windowStart))),
        windowEnd: here(Math.max(...outcomes.map((o) => o.windowEnd))),
        latencies: [...acked.values()].map((a) => a.ackedAt - a.sentAt).sort((a, b) => a - b),
      };
      const rounds = outcomes.flatMap((o) => (o.questions ? [o.questions] : []));
      return {
        ballots,
        questions: rounds.length > 0 ? mergeQuestionRounds(rounds) : null,
        eventLoopDelay: { p99: Math.max(...outcomes.map((o) => o.eventLoopDelay.p99)), max: Math.max(...outcomes.map((o) => o.eventLoopDelay.max)) },
      };
    };
    const watch = async () => {
      await Promise.all(workers.map((w) => w.ask<Boards>({ type: 'watch-boards' })));
      return { wait: async (timeoutMs: number) => (await Promise.all(workers.map((w) => w.ask<Boards>({ type: 'boards', timeoutMs })))).reduce((n, b) => n + b.count, 0) };
    };
    return { connected, burst, watchBoards: watch, close };
  } catch (error) {
    close();
    throw error;
  }
}

let PORT = 0;
let BASE = '';
let INSPECTOR_PORT = 0;

async function api<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const request = () =>
    fetch(`${BASE}${url}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // On a busy machine a kept-alive connection the server closes just as it is reused fails with
  // "other side closed": such a request is sent again, a few times (a repeated join at most adds an
  // attendee who never votes). An answer with an error status is not repeated.
  let res: Response | undefined;
  for (let attempt = 1; !res; attempt++) {
    res = await request().catch((error: unknown) => {
      if (attempt >= 5) throw error;
      return new Promise<undefined>((resolve) => setTimeout(resolve, 100 * attempt));
    });
  }
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * The server's memory after a full garbage collection, read through Node's inspector (the server
 * runs with --inspect on loopback for the benchmark): V8 heap in use plus memory held outside
 * the heap (socket buffers), so the per-phone figure is not blurred by garbage not yet collected.
 */
async function inspector(inspectorPort: number): Promise<{ send: (method: string, params?: object) => Promise<{ result?: Record<string, unknown> }>; close: () => void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const send = (method: string, params: object = {}) =>
    new Promise<{ result?: Record<string, unknown> }>((resolve) => {
      const myId = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id === myId) {
          ws.off('message', onMessage);
          resolve(message as { result?: Record<string, unknown> });
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: myId, method, params }));
    });
  return { send, close: () => ws.close() };
}

export async function liveMemoryKb(inspectorPort: number): Promise<number> {
  const session = await inspector(inspectorPort);
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const usage = await session.send('Runtime.evaluate', {
    expression: 'JSON.stringify(process.memoryUsage())',
    returnByValue: true,
  });
  session.close();
  const m = JSON.parse(String((usage.result?.result as { value?: unknown } | undefined)?.value)) as { heapUsed: number; external: number; arrayBuffers: number };
  return (m.heapUsed + m.external) / 1024;
}

/**
 * BENCH_PROFILE=file.cpuprofile: the server's CPU profile of the burst alone (from the first
 * ballot sent to the last acknowledged), taken through the inspector; open it in Chrome's DevTools
 * or summarise it with test/bench/profile-summary.ts.
 */
async function profileBurst<T>(inspectorPort: number, work: () => Promise<T>): Promise<T> {
  const file = process.env.BENCH_PROFILE;
  if (!file) return work();
  const session = await inspector(inspectorPort);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  const result = await work();
  const { result: stopped } = await session.send('Profiler.stop');
  session.close();
  writeFileSync(file, JSON.stringify(stopped?.profile));
  console.log(`burst profile written to ${file}`);
  return result;
}

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

async function startServer(o: LoadOptions, databasePath: string): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = [...(o.measureMemory || process.env.BENCH_PROFILE ? [`--inspect=127.0.0.1:${INSPECTOR_PORT}`] : []), ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const server = spawn(process.execPath, [...serverNodeFlags(o.serverRoot), ...nodeArgs, path.join(o.serverRoot, 'backend', 'dist', 'main.js')], {
    cwd: o.serverRoot,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: BASE,
      SOCKET_RATE_LIMIT: '1000',
      // All 10,000 phones join and connect from 127.0.0.1, at once.
      JOIN_RATE_LIMIT: '1000000',
      JOIN_CEILING_MIN: '100000',
      HALF_OPEN_PER_ADDRESS: '100000',
      ANONYMOUS_RATE_LIMIT: '1000000',
      MAX_CONNECTIONS: '19500',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      await api('GET', '/api/meta');
      return server;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  server.kill('SIGKILL');
  throw new Error('server did not start');
}

/** One evening on a fresh Buurtjury server: the phones join, connect, and send their ballots in one burst. Returns the report. */
export async function loadRun(o: LoadOptions): Promise<Record<string, unknown>> {
  PORT = o.port || (await freePort());
  INSPECTOR_PORT = await freePort();
  BASE = `http://127.0.0.1:${PORT}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'buurtjury-bench-'));
  const databasePath = path.join(dir, 'bench.sqlite');
  const server = await startServer(o, databasePath);
  const sockets: Client[] = [];
  let stopPhones = (): void => undefined;
  try {
    // The evening: three bidders, four criteria, frozen.
    const session = await api<SessionResponse>('POST', '/api/auth/signup', {
      email: 'bench@example.nl',
      password: 'benchmark password',
      displayName: 'Bench',
      networkName: 'Bench',
    });
    const t = session.token;
    let evening = await api<EveningDetail>('POST', '/api/evenings', { title: 'Bench', tender: { municipality: 'Eemhoven', name: 'Tender' } }, t);
    for (const name of ['Alfa', 'Beta', 'Gamma']) evening = await api('POST', `/api/evenings/${evening.id}/bidders`, { name, pitchMinutes: 10 }, t);
    for (const [name, weight] of [['A', 40], ['B', 30], ['C', 20], ['D', 10]] as const) {
      evening = await api('POST', `/api/evenings/${evening.id}/criteria`, { name, weight }, t);
    }
    evening = await api('POST', `/api/evenings/${evening.id}/freeze`, undefined, t);
    const bidderId = evening.bidders[0]!.id;

    const host = await connect(BASE, { role: 'host', eveningId: evening.id, token: t });
    const screen = await connect(BASE, { role: 'screen', joinCode: evening.joinCode });
    sockets.push(host, screen);
    const tallies: { at: number; ballots: number }[] = [];
    screen.on('live:tally', (tally: Tally) => tallies.push({ at: performance.now(), ballots: tally.pitches[0]!.ballots }));

    // Phones join (REST), then connect (websocket), a bounded number at a time. Server memory is
    // read around the websocket phase only, so it measures what a connected phone costs.
    const tokens: string[] = new Array(o.phones);
    const joinStart = performance.now();
    await pool(o.phones, o.connectConcurrency, async (i) => {
      tokens[i] = (await api<JoinResponse>('POST', '/api/join', { joinCode: evening.joinCode })).attendeeToken;
    });
    const joinTotal = performance.now() - joinStart;
    const liveBefore = o.measureMemory ? await liveMemoryKb(INSPECTOR_PORT) : NaN;
    const rssBefore = rssKb(server.pid!);
    const phones = o.workers ? await inWorkers(o.workers, evening.joinCode, tokens, o.connectConcurrency) : await inThisProcess(evening.joinCode, tokens, o.connectConcurrency);
    stopPhones = () => phones.close();
    const connected = phones.connected;
    const liveAfter = o.measureMemory ? await liveMemoryKb(INSPECTOR_PORT) : NaN;
    const rssAfter = rssKb(server.pid!);

    // A new pitch on stage sends every phone the question board for it (within a second). In an
    // evening scoring opens minutes later, at the pitch's end; here it would open at once and the
    // 10,000 board pushes would fall in the ballots' burst. So the burst waits for the boards
    // (bounded: a phone that never gets one does not hold the run up for more than 30 s).
    const boards = await phones.watchBoards();
    await new Promise<void>((resolve, reject) =>
      host.emit('host:command', { type: 'next-pitch' }, (r) => (r.ok ? resolve() : reject(new Error(r.message)))),
    );
    const withBoard = await boards.wait(30_000);
    if (withBoard < o.phones) console.warn(`only ${withBoard} of ${o.phones} phones got the new pitch's question board within 30 s`);
    await new Promise<void>((resolve, reject) =>
      host.emit('host:command', { type: 'open-scoring', bidderId }, (r) => (r.ok ? resolve() : reject(new Error(r.message)))),
    );

    if (o.questions) {
      await new Promise<void>((resolve, reject) =>
        host.emit('question:settings', { preModeration: false, duringPitch: true }, (r) => (r.ok ? resolve() : reject(new Error(r.message)))),
      );
    }

    // Every phone sends one ballot at a random moment in the window; some send it twice. With
    // questions, in the same window every phone also asks one and votes for others'.
    const cpuBefore = cpuMicros(server.pid!);
    const mainCpuBefore = cpuMicros(server.pid!, server.pid!);
    const harnessCpuBefore = process.cpuUsage();
    const round = await profileBurst(INSPECTOR_PORT, () =>
      phones.burst({ bidderId, criteria: evening.criteria.map((c) => c.id), windowS: o.windowS, resend: o.resend, questions: o.questions }),
    );
    // The server's CPU time (all threads) from the first ballot sent to the last acknowledgement;
    // with questions it includes theirs.
    const cpuUsed = cpuMicros(server.pid!) - cpuBefore;
    const mainCpuUsed = cpuMicros(server.pid!, server.pid!) - mainCpuBefore;
    const harnessCpu = process.cpuUsage(harnessCpuBefore);
    const outcome = round.ballots;
    const acked = outcome.acked;
    // Wait for the screen to show every ballot (bounded).
    const deadline = performance.now() + 10_000;
    while ((tallies.at(-1)?.ballots ?? 0) < acked.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    // Staleness: for each acknowledged ballot, the first tally received after its acknowledgement
    // that counts at least as many ballots as had been acknowledged by then.
    const ackTimes = [...acked.values()].map((a) => a.ackedAt).sort((a, b) => a - b);
    const staleness: number[] = [];
    let ti = 0;
    for (const [rank, at] of ackTimes.entries()) {
      while (ti < tallies.length && (tallies[ti]!.at < at || tallies[ti]!.ballots < rank + 1)) ti++;
      if (ti < tallies.length) staleness.push(tallies[ti]!.at - at);
    }
    staleness.sort((a, b) => a - b);

    const latencies = outcome.latencies;
    const connectTimes = connected.connectTimes;

    // Compare with the database.
    stopPhones();
    for (const s of sockets) s.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const stored = await storedBallotIds(databasePath, 'WHERE eveningId = ?', [evening.id]);
    const { ackedButNotStored, duplicatesInDatabase } = checkStored(outcome, stored);
    const auditTrail = (await checkAuditTrail(databasePath, evening.id)) ?? 'intact: every stored ballot has one entry with its hash';

    return {
      phones: o.phones,
      windowSeconds: o.windowS,
      resendFraction: o.resend,
      joinSeconds: +(joinTotal / 1000).toFixed(2),
      connect: { totalSeconds: +(connected.totalMs / 1000).toFixed(2), p50: ms(percentile(connectTimes, 50)), p99: ms(percentile(connectTimes, 99)) },
      ack: {
        p50: ms(percentile(latencies, 50)),
        p95: ms(percentile(latencies, 95)),
        p99: ms(percentile(latencies, 99)),
        max: ms(latencies.at(-1) ?? NaN),
      },
      ballotsPerSecond: ballotsPerSecond(outcome),
      serverCpuMicrosPerBallot: +(cpuUsed / Math.max(1, acked.size)).toFixed(0),
      // Of which the main thread's (JavaScript, the sockets' writes; the rest: sqlite in libuv's pool, V8's helper threads).
      serverMainThreadCpuMicrosPerBallot: +(mainCpuUsed / Math.max(1, acked.size)).toFixed(0),
      // The phones' CPU time in this process (all threads) during the same span; with --workers, only the parent's share.
      harness: { client: harness(), cpuMicrosPerBallot: +((harnessCpu.user + harnessCpu.system) / Math.max(1, acked.size)).toFixed(0) },
      // The worst of the phone processes' (with --workers), each during its window.
      harnessEventLoopDelay: { p99: ms(round.eventLoopDelay.p99), max: ms(round.eventLoopDelay.max), processes: o.workers || 1 },
      accepted: acked.size,
      refused: outcome.refused.length,
      firstRefusals: outcome.refused.slice(0, 3),
      lost: { ackedButNotStored, sentButNeverAcked: outcome.unanswered },
      duplicatesInDatabase,
      storedRows: stored.length,
      auditTrail,
      tallyStaleness: { p50: ms(percentile(staleness, 50)), p99: ms(percentile(staleness, 99)), max: ms(staleness.at(-1) ?? NaN), measured: staleness.length },
      ...(o.measureMemory
        ? {
            serverMemoryPerPhoneKB: +((liveAfter - liveBefore) / o.phones).toFixed(1),
            serverLiveMemoryMB: { beforeConnects: +(liveBefore / 1024).toFixed(0), afterConnects: +(liveAfter / 1024).toFixed(0) },
          }
        : {}),
      serverRssPerPhoneKB: +((rssAfter - rssBefore) / o.phones).toFixed(1),
      ...(round.questions ? { questions: questionReport(round.questions) } : {}),
      // For the floor comparison (test/bench/floor.ts); not printed by `npm run bench`.
      latencies,
    };
  } finally {
    stopPhones();
    for (const s of sockets) s?.close();
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

function questionReport(q: QuestionRoundOutcome): Record<string, unknown> {
  return {
    asked: q.asked.length,
    askRefused: q.askRefused.length,
    askP50: ms(percentile(q.asked, 50)),
    askP99: ms(percentile(q.asked, 99)),
    votes: q.votes.length,
    voteRefused: q.voteRefused.length,
    voteP50: ms(percentile(q.votes, 50)),
    voteP99: ms(percentile(q.votes, 99)),
    unanswered: q.unanswered,
    boardsReceived: q.boards,
    firstRefusals: [...q.askRefused, ...q.voteRefused].slice(0, 3),
  };
}

async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(ROOT, 'scripts', 'build-if-needed.js')).buildIfNeeded({ log: () => undefined });
  const { latencies: _forFloor, firstRefusals, ...report } = await loadRun({
    phones: numberOption('phones', 500),
    windowS: numberOption('window', 10),
    resend: numberOption('resend', 0.05),
    connectConcurrency: numberOption('connect-concurrency', 200),
    port: numberOption('port', 0),
    // --root DIR: another checkout's build (with its node_modules and backend/dist), for a "before".
    serverRoot: path.resolve(textOption('root') ?? ROOT),
    measureMemory: true,
    workers: numberOption('workers', 0),
  });
  console.log(JSON.stringify(report, null, 2));
  if (report.refused !== 0) console.log('first refusals:', firstRefusals);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
