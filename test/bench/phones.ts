/**
 * The phones' side of the load benchmarks (test/bench/load.ts and test/bench/floor.ts): connect N
 * phones (light socket.io clients, test/bench/light-phone.ts; BENCH_HARNESS=socket.io for
 * socket.io-client) a bounded number at a time, then let each send one ballot at a random moment
 * within a window (some send it twice, with the same id) and time each acknowledgement. Whatever
 * server is measured, the phones do exactly the same work.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { LightPhone, type Phone } from './light-phone';
import { applyBoardVotes, ballotHash, checkChain, type Ack, type BallotReceipt, type BallotSubmission, type ClientToServerEvents, type OwnQuestion, type QuestionBoard, type QuestionBoardVotes, type ServerToClientEvents } from '@buurtjury/shared';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type { Phone } from './light-phone';

/** A port that is free now: any (the system's choice), or with BENCH_PORTS=lo-hi one of that range (for a shared machine). */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS ?? '');
  if (!range) return probe(0);
  const [lo, hi] = [Number(range[1]), Number(range[2])];
  const start = lo + Math.floor(Math.random() * (hi - lo + 1));
  for (let i = 0; i <= hi - lo; i++) {
    const port = lo + ((start - lo + i) % (hi - lo + 1));
    const free = await probe(port).catch(() => null);
    if (free !== null) return free;
  }
  throw new Error(`No free port in BENCH_PORTS ${lo}-${hi}`);
}

function probe(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * The Node.js flags a checkout's server is started with (its scripts/server-node-flags.js, as
 * `npm start` and the Docker image use them); none for a checkout from before that file existed.
 */
export function serverNodeFlags(serverRoot: string): string[] {
  const file = path.join(serverRoot, 'scripts', 'server-node-flags.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return existsSync(file) ? (require(file) as { SERVER_NODE_FLAGS: string[] }).SERVER_NODE_FLAGS : [];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`;

/**
 * One phone's connection, resolved once connected: a LightPhone (the socket.io protocol over `ws`,
 * far cheaper per message than socket.io-client, see test/bench/light-phone.ts), or with
 * BENCH_HARNESS=socket.io a socket.io-client socket, as the benchmarks used before 2026-12-05.
 */
export function connectPhone(base: string, auth: Record<string, unknown>): Promise<Phone> {
  return harness() === 'socket.io' ? connect(base, auth) : LightPhone.connect(base, auth);
}

/** Which client the phones use: 'light' (the default) or 'socket.io' (BENCH_HARNESS). */
export function harness(): 'light' | 'socket.io' {
  const chosen = process.env.BENCH_HARNESS ?? 'light';
  if (chosen !== 'light' && chosen !== 'socket.io') throw new Error(`BENCH_HARNESS must be light or socket.io, not ${chosen}`);
  return chosen;
}

/** One socket.io connection over websocket, resolved once connected (the host's and the screen's; phones: connectPhone). */
export function connect(base: string, auth: Record<string, unknown>): Promise<Client> {
  const socket: Client = io(base, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => reject(e));
  });
}

/** Runs `work(i)` for i = 0..count-1, at most `concurrency` at a time. */
export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (nextIndex < count) await work(nextIndex++);
    }),
  );
}

/** Connects one phone per auth, `concurrency` at a time; returns the phones and each one's connect time. */
export async function connectPhones(
  base: string,
  auths: Record<string, unknown>[],
  concurrency: number,
): Promise<{ phones: Phone[]; connectTimes: number[]; totalMs: number }> {
  const phones: Phone[] = new Array(auths.length);
  const connectTimes: number[] = [];
  const start = performance.now();
  await pool(auths.length, concurrency, async (i) => {
    const started = performance.now();
    phones[i] = await connectPhone(base, auths[i]!);
    connectTimes.push(performance.now() - started);
  });
  connectTimes.sort((a, b) => a - b);
  return { phones, connectTimes, totalMs: performance.now() - start };
}

export interface BurstOutcome {
  /** Per distinct ballot id, when it was (last) sent and when it was first acknowledged. */
  acked: Map<string, { sentAt: number; ackedAt: number }>;
  refused: string[];
  /** Sends not answered within 60 s. */
  unanswered: number;
  windowStart: number;
  windowEnd: number;
  /** Acknowledgement latencies in ms, sorted. */
  latencies: number[];
}

/**
 * Every phone sends one ballot for `bidderId` (a random grade 1-5 per criterion) at a uniformly
 * random moment within `windowS` seconds; a fraction `resend` of them sends the same ballot (same
 * id) again once it is answered.
 */
export async function burst(phones: Phone[], bidderId: string, criteria: string[], windowS: number, resend: number): Promise<BurstOutcome> {
  const acked = new Map<string, { sentAt: number; ackedAt: number }>();
  const refused: string[] = [];
  let unanswered = 0;
  const windowStart = performance.now();
  await Promise.all(
    phones.map(
      (socket) =>
        new Promise<void>((resolve) => {
          const ballot: BallotSubmission = {
            ballotId: randomUUID(),
            bidderId,
            grades: Object.fromEntries(criteria.map((c) => [c, 1 + Math.floor(Math.random() * 5)])),
          };
          const send = (): Promise<void> =>
            new Promise((done) => {
              const sentAt = performance.now();
              const timer = setTimeout(() => {
                unanswered++;
                done();
              }, 60_000);
              socket.emit('ballot:submit', ballot, (r: Ack<BallotReceipt>) => {
                clearTimeout(timer);
                if (r.ok) {
                  if (!acked.has(ballot.ballotId)) acked.set(ballot.ballotId, { sentAt, ackedAt: performance.now() });
                } else refused.push(`${r.code}: ${r.message}`);
                done();
              });
            });
          setTimeout(
            () => {
              void send()
                .then(() => (Math.random() < resend ? send() : undefined))
                .then(resolve);
            },
            Math.random() * windowS * 1000,
          );
        }),
    ),
  );
  const windowEnd = performance.now();
  const latencies = [...acked.values()].map((a) => a.ackedAt - a.sentAt).sort((a, b) => a - b);
  return { acked, refused, unanswered, windowStart, windowEnd, latencies };
}

let clockTicksPerSecond = 0;

/**
 * A process's CPU time so far in µs: user plus system time of all its threads (the event loop and
 * libuv's pool, where sqlite runs), from /proc/<pid>/stat (Linux; in clock ticks, 10 ms each); with
 * `thread`, that thread's alone (the process's id is its main thread, the event loop's).
 */
export function cpuMicros(pid: number, thread?: number): number {
  clockTicksPerSecond ||= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, so split after its closing parenthesis): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond) * 1e6;
}

/**
 * `burst` with the server's CPU time during it (from before the first ballot is sent to the last
 * acknowledgement), per acknowledged ballot: how much work the server does per ballot, a figure
 * far steadier than latency on a busy machine; and the phones' (this process's) in the same span.
 */
export async function measuredBurst(
  serverPid: number,
  run: () => Promise<BurstOutcome>,
): Promise<BurstOutcome & { serverCpuMicrosPerBallot: number; serverMainThreadCpuMicrosPerBallot: number; harnessCpuMicrosPerBallot: number }> {
  const before = cpuMicros(serverPid);
  const mainBefore = cpuMicros(serverPid, serverPid);
  const harnessBefore = process.cpuUsage();
  const outcome = await run();
  const used = cpuMicros(serverPid) - before;
  const mainUsed = cpuMicros(serverPid, serverPid) - mainBefore;
  const harnessUsed = process.cpuUsage(harnessBefore);
  const perBallot = (micros: number) => +(micros / Math.max(1, outcome.acked.size)).toFixed(0);
  return {
    ...outcome,
    serverCpuMicrosPerBallot: perBallot(used),
    serverMainThreadCpuMicrosPerBallot: perBallot(mainUsed),
    harnessCpuMicrosPerBallot: perBallot(harnessUsed.user + harnessUsed.system),
  };
}

/** Acknowledged ballots per second: from the window's start to the last acknowledgement. */
export function ballotsPerSecond(outcome: BurstOutcome): number {
  return +(outcome.acked.size / ((outcome.windowEnd - outcome.windowStart) / 1000)).toFixed(0);
}

/** The ballot ids stored in a sqlite file (read after the server has stopped), with repeats. */
export async function storedBallotIds(databasePath: string, where = '', params: unknown[] = []): Promise<string[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as typeof import('sqlite3');
  const db = new sqlite3.Database(databasePath, sqlite3.OPEN_READONLY);
  try {
    const rows = await new Promise<{ id: string }[]>((resolve, reject) =>
      db.all(`SELECT id FROM ballot ${where}`, params, (e, r: { id: string }[]) => (e ? reject(e) : resolve(r))),
    );
    return rows.map((r) => r.id);
  } finally {
    db.close();
  }
}

/**
 * The evening's audit trail as stored, checked as the verifier would: the chain intact, and every
 * stored ballot with exactly one entry carrying its hash (recomputed with the portable SHA-256).
 * Returns what is wrong, or null.
 */
export async function checkAuditTrail(databasePath: string, eveningId: string): Promise<string | null> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as typeof import('sqlite3');
  const db = new sqlite3.Database(databasePath, sqlite3.OPEN_READONLY);
  const all = <T>(sql: string): Promise<T[]> => new Promise((resolve, reject) => db.all(sql, [eveningId], (e, r: T[]) => (e ? reject(e) : resolve(r))));
  try {
    type LogRow = { sequence: number; type: string; actor: string; detail: string; at: string; previousHash: string; hash: string };
    const log = await all<LogRow>('SELECT "sequence", "type", "actor", "detail", "at", "previousHash", "hash" FROM evening_log WHERE "eveningId" = ? ORDER BY "sequence"');
    const entries = log.map((r) => ({ ...r, eveningId, detail: JSON.parse(r.detail) as Record<string, string | number | boolean | null>, at: new Date(`${r.at.replace(' ', 'T')}Z`).toISOString() }));
    const broken = checkChain(entries);
    if (broken) return `chain broken at entry ${broken.sequence}: ${broken.problem}`;
    const ballots = await all<{ id: string; bidderId: string; serial: number; grades: string; remark: string; receipt: string }>('SELECT id, "bidderId", serial, grades, remark, receipt FROM ballot WHERE "eveningId" = ?');
    const logged = new Map<string, number>();
    for (const e of entries) if (e.type === 'ballot-accepted' || e.type === 'ballot-replaced') logged.set(String(e.detail.ballotId), (logged.get(String(e.detail.ballotId)) ?? 0) + 1);
    const hashes = new Map(entries.filter((e) => e.type.startsWith('ballot-')).map((e) => [String(e.detail.ballotId), String(e.detail.ballotHash)]));
    for (const b of ballots) {
      if (logged.get(b.id) !== 1) return `ballot ${b.id} has ${logged.get(b.id) ?? 0} audit entries`;
      if (hashes.get(b.id) !== ballotHash({ ...b, grades: JSON.parse(b.grades) as Record<string, number> })) return `ballot ${b.id}: its entry's hash is not the stored ballot's`;
    }
    if (logged.size !== ballots.length) return `${logged.size} ballots logged, ${ballots.length} stored`;
    return null;
  } finally {
    db.close();
  }
}

/** Acknowledged but not stored, and stored rows beyond the distinct ids. */
export function checkStored(outcome: BurstOutcome, stored: string[]): { ackedButNotStored: number; duplicatesInDatabase: number } {
  const ids = new Set(stored);
  return {
    ackedButNotStored: [...outcome.acked.keys()].filter((id) => !ids.has(id)).length,
    duplicatesInDatabase: stored.length - ids.size,
  };
}

export interface QuestionRoundOutcome {
  /** Acknowledgement latencies (ms, sorted) of the questions stored. */
  asked: number[];
  askRefused: string[];
  /** Acknowledgement latencies (ms, sorted) of the votes counted. */
  votes: number[];
  voteRefused: string[];
  /** Questions and votes not answered within 60 s. */
  unanswered: number;
  /** Board pushes the phones received in all. */
  boards: number;
}

/**
 * A question round: every phone asks the bidder on stage one question at a random moment within
 * `windowS` seconds, and votes for up to `votesPerPhone` questions of others it saw on the board
 * (pushed by the server), at random moments in the window's second half. Needs questions that show
 * at once and may be asked during the pitch (the host's settings).
 */
export async function questionRound(phones: Phone[], bidderId: string, windowS: number, votesPerPhone: number): Promise<QuestionRoundOutcome> {
  const asked: number[] = [];
  const votes: number[] = [];
  const askRefused: string[] = [];
  const voteRefused: string[] = [];
  let unanswered = 0;
  let boards = 0;
  const emit = <T extends object>(send: (ack: (r: Ack<T>) => void) => void, into: number[], refusals: string[]): Promise<void> =>
    new Promise((done) => {
      const sentAt = performance.now();
      const timer = setTimeout(() => {
        unanswered++;
        done();
      }, 60_000);
      send((r) => {
        clearTimeout(timer);
        if (r.ok) into.push(performance.now() - sentAt);
        else refusals.push(`${r.code}: ${r.message}`);
        done();
      });
    });
  const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    phones.map(async (socket, i) => {
      let board: QuestionBoard | null = null;
      const mine = new Set<string>();
      socket.on('question:board', (b: QuestionBoard) => {
        boards++;
        if (!board || b.version >= board.version) board = b;
      });
      // Between full boards only the ids and counts (a phone that cannot apply them asks for the board, as the app does).
      socket.on('question:votes', (v: QuestionBoardVotes) => {
        boards++;
        const current = board as QuestionBoard | null;
        if (current && v.version < current.version) return;
        const next = applyBoardVotes(current, v);
        if (next) board = next;
        else socket.emit('question:board', (r: Ack<{ board: QuestionBoard }>) => {
          if (r.ok && (!board || r.board.version >= board.version)) board = r.board;
        });
      });
      const ask = (async () => {
        await later(Math.random() * windowS * 1000);
        const questionId = randomUUID();
        mine.add(questionId);
        await emit<{ question: OwnQuestion }>((ack) => socket.emit('question:ask', { questionId, bidderId, text: `Vraag ${i} over de aanpak in de wijk?` }, ack), asked, askRefused);
      })();
      const vote = (async () => {
        for (let v = 0; v < votesPerPhone; v++) {
          await later(((0.5 + Math.random() * 0.5) * windowS * 1000) / votesPerPhone);
          const current = board as QuestionBoard | null;
          const choices = (current?.questions ?? []).filter((q) => !mine.has(q.id) && q.status === 'approved');
          const pick = choices[Math.floor(Math.random() * choices.length)];
          if (!pick) continue;
          mine.add(pick.id);
          await emit<{ votes: number }>((ack) => socket.emit('question:vote', { questionId: pick.id }, ack), votes, voteRefused);
        }
      })();
      await Promise.all([ask, vote]);
    }),
  );
  asked.sort((a, b) => a - b);
  votes.sort((a, b) => a - b);
  return { asked, askRefused, votes, voteRefused, unanswered, boards };
}
