/**
 * The phones in child processes (test/bench/nodes.ts, and test/bench/load.ts with --workers): each
 * process connects its share of the phones and runs the burst (and the question round) for them,
 * reporting its acknowledgements back with epoch-based times (performance.timeOrigin based,
 * comparable across processes). So one process's stall (parsing boards pushed to all its phones
 * at once, or a limit of 20,000 open files per process) no longer times every phone late, and the
 * harness's own event-loop delay is measured per process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { JoinResponse } from '@buurtjury/shared';
import { burst, connectPhone, pool, questionRound, type BurstOutcome, type Phone, type QuestionRoundOutcome } from './phones';

const ROOT = path.resolve(__dirname, '..', '..');

export const now = (): number => performance.timeOrigin + performance.now();

export type ToWorker =
  /** Join (REST) `count` phones and connect them; with `tokens`, only connect the phones of those attendee tokens. */
  | { type: 'join'; bases: string[]; joinCode: string; count: number; concurrency: number; tokens?: string[] }
  | ({ type: 'burst'; startAt: number } & RoundRequest)
  /** Start counting the phones that receive a question board (answered 'boards' with 0 at once). */
  | { type: 'watch-boards' }
  /** Answered 'boards' once every phone has received one since 'watch-boards', or after `timeoutMs`. */
  | { type: 'boards'; timeoutMs: number }
  | { type: 'close' };
export interface Joined {
  type: 'joined';
  retries: { join: number; connect: number };
  joinMs: number;
  connectMs: number;
  connectTimes: number[];
}
export interface Burst {
  type: 'burst';
  /** [ballot id, sent at, acknowledged at] in epoch ms. */
  acked: [string, number, number][];
  refused: string[];
  unanswered: number;
  windowStart: number;
  windowEnd: number;
  /** With a question round: its outcome in this process (latencies are durations, comparable as they are). */
  questions: QuestionRoundOutcome | null;
  /** How late this process ran its callbacks during the window (ms). */
  eventLoopDelay: { p99: number; max: number };
}
export interface Boards {
  type: 'boards';
  /** Phones that received a question board since 'watch-boards'. */
  count: number;
}
type FromWorker = Joined | Burst | Boards | { type: 'error'; message: string };

/**
 * Counts the phones that receive a question board from now on; `wait` resolves with that count
 * once every phone has one, or after `timeoutMs`.
 */
export function watchBoards(phones: readonly Phone[]): { wait: (timeoutMs: number) => Promise<number> } {
  let count = 0;
  let all: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (all = resolve));
  if (phones.length === 0) all();
  for (const phone of phones) {
    phone.once('question:board', () => {
      if (++count === phones.length) all();
    });
  }
  return {
    wait: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([arrived, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      return count;
    },
  };
}

/** Retries counted in this process (a real phone tries again by itself too); reported, not hidden. */
const retries = { join: 0, connect: 0 };

/**
 * A POST; a request the network dropped or the balancer answered 502/503 (no node took it, e.g. a
 * node out of the balancer for a moment) is sent again, at most 5 times, as a phone would.
 */
export async function post<T>(base: string, url: string, body: unknown, token?: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((error: unknown) => (attempt >= 5 ? Promise.reject(error) : null));
    if (!res || ((res.status === 502 || res.status === 503) && attempt < 5)) {
      retries.join++;
      await new Promise((r) => setTimeout(r, 200 * attempt));
      continue;
    }
    if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** Connects the phones `concurrency` at a time; a failed connect is tried again (at most 5 times), as a phone would. */
async function connectAll(base: string, auths: Record<string, unknown>[], concurrency: number): Promise<{ phones: Phone[]; connectTimes: number[] }> {
  const phones: Phone[] = new Array(auths.length);
  const connectTimes: number[] = [];
  await pool(auths.length, concurrency, async (i) => {
    for (let attempt = 1; ; attempt++) {
      const started = now();
      try {
        phones[i] = await connectPhone(base, auths[i]!);
        connectTimes.push(now() - started);
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        retries.connect++;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  });
  return { phones, connectTimes };
}

export interface RoundRequest {
  bidderId: string;
  criteria: string[];
  windowS: number;
  resend: number;
  /** With a question round in the same window (test/bench/questions.ts). */
  questions?: { votesPerPhone: number };
}

/** The burst, with a question round if asked, for these phones; and how late this process ran its callbacks meanwhile (ms). */
export async function phoneRound(
  phones: Phone[],
  r: RoundRequest,
): Promise<{ ballots: BurstOutcome; questions: QuestionRoundOutcome | null; eventLoopDelay: { p99: number; max: number } }> {
  // An acknowledgement that arrives while this process is busy (parsing boards pushed to its phones) is timed that much later.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const [ballots, questions] = await Promise.all([
    burst(phones, r.bidderId, r.criteria, r.windowS, r.resend),
    r.questions ? questionRound(phones, r.bidderId, r.windowS, r.questions.votesPerPhone) : Promise.resolve(null),
  ]);
  delay.disable();
  return { ballots, questions, eventLoopDelay: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } };
}

function worker(): void {
  let phones: Phone[] = [];
  let boards = watchBoards([]);
  const send = (m: FromWorker) => process.send!(m);
  process.on('message', (m: ToWorker) => {
    const work = async () => {
      if (m.type === 'join') {
        // Phone i joins and connects through balancer i mod B: the phones of one process are spread over all of them.
        const joinStart = now();
        const tokens: string[] = m.tokens ?? new Array(m.count);
        if (!m.tokens) {
          await pool(m.count, m.concurrency, async (i) => {
            tokens[i] = (await post<JoinResponse>(m.bases[i % m.bases.length]!, '/api/join', { joinCode: m.joinCode })).attendeeToken;
          });
        }
        const joinMs = now() - joinStart;
        const byBase = m.bases.map((base, b) => ({ base, idx: tokens.map((_, i) => i).filter((i) => i % m.bases.length === b) }));
        const connectStart = now();
        const results = await Promise.all(
          byBase.map((g) =>
            connectAll(
              g.base,
              g.idx.map((i) => ({ role: 'attendee', joinCode: m.joinCode, attendeeToken: tokens[i] })),
              Math.max(1, Math.ceil(m.concurrency / m.bases.length)),
            ),
          ),
        );
        phones = results.flatMap((r) => r.phones);
        send({ type: 'joined', retries: { ...retries }, joinMs, connectMs: now() - connectStart, connectTimes: results.flatMap((r) => r.connectTimes) });
      } else if (m.type === 'burst') {
        await new Promise((r) => setTimeout(r, Math.max(0, m.startAt - now())));
        const { ballots: outcome, questions, eventLoopDelay } = await phoneRound(phones, m);
        const offset = performance.timeOrigin;
        send({
          type: 'burst',
          acked: [...outcome.acked].map(([id, a]) => [id, a.sentAt + offset, a.ackedAt + offset]),
          refused: outcome.refused,
          unanswered: outcome.unanswered,
          windowStart: outcome.windowStart + offset,
          windowEnd: outcome.windowEnd + offset,
          questions,
          eventLoopDelay,
        });
      } else if (m.type === 'watch-boards') {
        boards = watchBoards(phones);
        send({ type: 'boards', count: 0 });
      } else if (m.type === 'boards') {
        send({ type: 'boards', count: await boards.wait(m.timeoutMs) });
      } else {
        for (const p of phones) p.close();
        process.exit(0);
      }
    };
    work().catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  });
}

/** One child process of phones, asked one thing at a time. */
export class PhoneProcess {
  private readonly child: ChildProcess;
  private waiting: ((m: FromWorker) => void) | null = null;

  constructor() {
    this.child = fork(__filename, ['--phone-worker'], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'test', 'tsconfig.json') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: FromWorker) => {
      const w = this.waiting;
      this.waiting = null;
      w?.(m);
    });
  }

  ask<T extends FromWorker>(m: ToWorker): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting = (answer) => (answer.type === 'error' ? reject(new Error(answer.message)) : resolve(answer as T));
      this.child.once('exit', (code) => reject(new Error(`phone process exited with ${code}`)));
      this.child.send(m);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.send({ type: 'close' } satisfies ToWorker);
    setTimeout(() => this.child.kill('SIGKILL'), 5_000).unref();
  }
}

/** `total` split over `parts` as evenly as can be. */
export function shares(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

/** The question rounds of several processes as one. */
export function mergeQuestionRounds(rounds: QuestionRoundOutcome[]): QuestionRoundOutcome {
  const sorted = (pick: (r: QuestionRoundOutcome) => number[]) => rounds.flatMap(pick).sort((a, b) => a - b);
  return {
    asked: sorted((r) => r.asked),
    askRefused: rounds.flatMap((r) => r.askRefused),
    votes: sorted((r) => r.votes),
    voteRefused: rounds.flatMap((r) => r.voteRefused),
    unanswered: rounds.reduce((n, r) => n + r.unanswered, 0),
    boards: rounds.reduce((n, r) => n + r.boards, 0),
  };
}

if (require.main === module && process.argv.includes('--phone-worker')) worker();
