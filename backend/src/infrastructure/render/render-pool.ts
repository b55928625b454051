/**
 * Renders documents in separate processes, so that no PDF or DOCX, however large, holds up the
 * server's event loop (ballots, host commands, every other evening).
 *
 * - At most `workers` renders run at once, each in a render process of its own; up to `queue`
 *   more wait their turn, and a request beyond that is refused at once with 429 RENDER_BUSY and
 *   `Retry-After` (429, not 503: the server is fine, only its document queue is full).
 * - Each render has a time budget (from when it starts, not while it waits) and a memory budget
 *   (the render process's V8 heap limit). A render that exceeds either is stopped (its process is
 *   ended; the next render starts a new one) and refused with 422 RENDER_TOO_LARGE, saying which
 *   budget it exceeded. The server process is never affected: a render process's death is one
 *   refused request.
 * - Render processes run at a lower CPU priority (nice 10, all their threads, garbage collection
 *   included), so that the event loop gets the CPU whenever it needs it: a worker thread would
 *   share V8's garbage-collection threads with the event loop at full priority (about a third of a
 *   render's CPU time here). They start with the first render, keep pdfmake, docx and the fonts
 *   loaded between renders, and end after some idle minutes.
 */

import { Logger } from '@nestjs/common';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import * as path from 'node:path';
import { retryAfterSeconds, TooManyRequests, unprocessable } from '../../platform/common/app-error';
import type { RenderJob, RenderReply, RenderResult } from './render-job';

export interface RenderLimits {
  /** Renders at once (one render process each). */
  workers: number;
  /** Renders that may wait for a render process; more are refused with RENDER_BUSY. */
  queue: number;
  /** Time one render may take, from its start. */
  timeoutMs: number;
  /** Heap (V8 old generation) one render process may use, in MB. */
  memoryMb: number;
}

/** Render processes end after this long without work (they come back with the next render). */
const IDLE_MS = 5 * 60_000;
/** Niceness of the render processes. */
const NICE = 10;
/** What a refused request is told to wait before trying again. */
const BUSY_RETRY_MS = 15_000;
/** How V8 says it ran out of heap when it ends a process. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit/i;
const NICE_BIN = '/usr/bin/nice';

/**
 * The compiled render process in the built app; from the sources (tests, dev), a bootstrap that
 * loads it with ts-node. It lives in backend/src/render, the top layer (it runs every feature's
 * document builder); the pool only starts it by path.
 */
const PROCESS_DIR = path.join(__dirname, '..', '..', 'render');
function entryFile(): string {
  const compiled = path.join(PROCESS_DIR, 'render-process.js');
  return existsSync(compiled) ? compiled : path.join(PROCESS_DIR, 'render-process.dev.js');
}

/** One render process and what it said on stderr lately (to tell running out of memory from a crash). */
class RenderProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderrTail = '';
  private idleTimer: NodeJS.Timeout | null = null;
  alive = true;

  constructor(memoryMb: number) {
    const nodeArgs = [`--max-old-space-size=${memoryMb}`];
    const options = { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] as ('ignore' | 'inherit' | 'pipe' | 'ipc')[], serialization: 'advanced' as const };
    // `nice` starts the process at a lower priority, so all its threads have it; elsewhere only the main thread is lowered.
    const niced = process.platform !== 'win32' && existsSync(NICE_BIN);
    this.child = niced ? spawn(NICE_BIN, ['-n', String(NICE), process.execPath, ...nodeArgs, entryFile()], options) : fork(entryFile(), [], { ...options, execArgv: nodeArgs });
    if (!niced && this.child.pid !== undefined) {
      try {
        setPriority(this.child.pid, NICE);
      } catch {
        // not allowed here: the render still runs, at normal priority
      }
    }
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4096);
    });
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': stderr has been read to its end by then.
      this.child.once('close', (code, signal) => {
        this.alive = false;
        resolve({ code, signal });
      });
      this.child.once('error', () => {
        this.alive = false;
        resolve({ code: null, signal: null });
      });
    });
    this.idle();
  }

  get ranOutOfMemory(): boolean {
    return OUT_OF_MEMORY.test(this.stderrTail);
  }

  get lastWords(): string {
    return this.stderrTail.trim().split('\n').slice(-3).join(' | ');
  }

  /** Waiting for work: does not keep the server running, and ends after a while. */
  idle(onTimeout?: () => void): void {
    this.child.unref();
    (this.child.channel as { unref?: () => void } | undefined)?.unref?.();
    if (onTimeout) this.idleTimer = setTimeout(onTimeout, IDLE_MS).unref();
  }

  busy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    (this.child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  kill(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.alive) this.child.kill('SIGKILL');
  }
}

export class RenderPool {
  private readonly logger = new Logger('Render');
  private readonly idleProcesses: RenderProcess[] = [];
  private readonly all = new Set<RenderProcess>();
  private running = 0;
  /** Renders waiting for a render process, first come first served; each is started by the render that ends before it. */
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;
  private closed = false;

  constructor(readonly limits: RenderLimits) {}

  /** Renders the job in a render process within the budgets, or refuses it with RENDER_BUSY / RENDER_TOO_LARGE. */
  async run(job: RenderJob): Promise<RenderResult> {
    await this.acquire();
    try {
      return await this.runInProcess(job);
    } finally {
      this.release();
    }
  }

  /** Renders running and waiting now (for tests and diagnostics). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Process ids of the render processes (their memory is the server's too). */
  pids(): number[] {
    return [...this.all].filter((p) => p.alive && p.child.pid !== undefined).map((p) => p.child.pid!);
  }

  /** Ends the render processes; renders still running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.all];
    for (const p of all) p.kill();
    await Promise.all(all.map((p) => p.exited));
  }

  private async acquire(): Promise<void> {
    if (this.running < this.limits.workers) {
      this.running++;
      return;
    }
    if (this.waiting.length >= this.limits.queue) {
      throw new TooManyRequests(
        'RENDER_BUSY',
        `The server is already making ${this.running + this.waiting.length} documents; try again in a moment.`,
        retryAfterSeconds(BUSY_RETRY_MS),
      );
    }
    // The slot is handed over by `release`, so `running` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private process(): RenderProcess {
    if (this.closed) throw new Error('The render pool is closed.');
    let p = this.idleProcesses.pop();
    while (p && !p.alive) p = this.idleProcesses.pop();
    if (p) return p;
    p = new RenderProcess(this.limits.memoryMb);
    this.all.add(p);
    const created = p;
    void created.exited.then(() => {
      this.all.delete(created);
      const i = this.idleProcesses.indexOf(created);
      if (i >= 0) this.idleProcesses.splice(i, 1);
    });
    return p;
  }

  private runInProcess(job: RenderJob): Promise<RenderResult> {
    const p = this.process();
    const id = ++this.nextId;
    p.busy();
    return new Promise<RenderResult>((resolve, reject) => {
      let done = false;
      const finish = (error: Error | null, result?: RenderResult): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        p.child.off('message', onMessage);
        if (error) reject(error);
        else resolve(result!);
      };
      const overBudget = (budget: 'time' | 'memory'): Error => {
        const limit = budget === 'time' ? `${Math.round(this.limits.timeoutMs / 1000)} seconds` : `${this.limits.memoryMb} MB of memory`;
        this.logger.warn(`Stopped rendering a ${job.kind} document: it exceeded the ${budget} budget (${limit}).`);
        return unprocessable(
          'RENDER_TOO_LARGE',
          `This document is too large to make on this server: it needed more than ${limit}. Make it smaller (fewer cards, or shorter texts) and try again.`,
          [`${budget} budget exceeded: ${limit}`],
        );
      };
      const timer = setTimeout(() => {
        finish(overBudget('time'));
        p.kill();
      }, this.limits.timeoutMs);
      const onMessage = (reply: RenderReply): void => {
        if (reply.id !== id) return;
        if (reply.ok) {
          finish(null, reply.result);
          if (!this.closed && p.alive) {
            p.idle(() => p.kill());
            this.idleProcesses.push(p);
          }
        } else {
          // The renderer threw: a fault in our code, not the document's size (500, logged).
          finish(new Error(`Rendering a ${job.kind} document failed: ${reply.message}`));
          p.idle(() => p.kill());
          this.idleProcesses.push(p);
        }
      };
      p.child.on('message', onMessage);
      void p.exited.then(({ code, signal }) => {
        if (done) return;
        if (p.ranOutOfMemory) finish(overBudget('memory'));
        else finish(new Error(`The render process ended unexpectedly (${signal ?? `exit code ${code}`}): ${p.lastWords}`));
      });
      p.child.send({ id, job }, (error) => {
        if (error) finish(error);
      });
    });
  }
}
