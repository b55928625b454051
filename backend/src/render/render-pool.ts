/**
 * Renders documents in worker threads, so that no PDF or DOCX, however large, holds up the
 * server's event loop (ballots, host commands, every other evening).
 *
 * - At most `workers` renders run at once; up to `queue` more wait their turn, and a request
 *   beyond that is refused at once with 503 RENDER_BUSY and `Retry-After`.
 * - Each render has a time budget (from when it starts, not while it waits) and a memory budget
 *   (the worker's V8 heap limit). A render that exceeds either is stopped (its worker is ended
 *   and replaced) and refused with 422 RENDER_TOO_LARGE, saying which budget it exceeded. The
 *   main process is never affected: a worker's death is one rejected task.
 * - Workers start on the first render, run at a lower CPU priority than the main thread (nice),
 *   keep pdfmake, docx and the fonts loaded between renders and end after some idle minutes.
 */

import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import { retryAfterSeconds, ServiceBusy, unprocessable } from '../common/app-error';
import type { RenderJob, RenderResult } from './render-jobs';

export interface RenderLimits {
  /** Renders at once (one worker thread each). */
  workers: number;
  /** Renders that may wait for a worker; more are refused with RENDER_BUSY. */
  queue: number;
  /** Time one render may take, from its start. */
  timeoutMs: number;
  /** Heap (V8 old generation) one worker may use, in MB. */
  memoryMb: number;
}

/** Worker threads end after this long without work (they come back with the next render). */
const IDLE_MS = 5 * 60_000;
/** Niceness added to the worker threads (Linux), so the event loop wins the CPU when it needs it. */
const NICE_INCREMENT = 10;
/** What a refused request is told to wait before trying again. */
const BUSY_RETRY_MS = 15_000;

/** The compiled worker in the built app; from the sources (tests, dev), a bootstrap that loads it with ts-node. */
function workerFile(): string {
  const compiled = path.join(__dirname, 'render-worker.js');
  return existsSync(compiled) ? compiled : path.join(__dirname, 'render-worker.dev.js');
}

export class RenderPool {
  private readonly logger = new Logger('Render');
  private pool: Piscina<RenderJob, RenderResult> | null = null;
  private running = 0;
  /** Renders waiting for a worker, first come first served; each is started by the render that ends before it. */
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(readonly limits: RenderLimits) {}

  /** Renders the job in a worker within the budgets, or refuses it with RENDER_BUSY / RENDER_TOO_LARGE. */
  async run(job: RenderJob): Promise<RenderResult> {
    await this.acquire();
    try {
      return await this.runInWorker(job);
    } finally {
      this.release();
    }
  }

  /** Renders running and waiting now (for tests and diagnostics). */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Ends the workers; renders still running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    if (pool) await pool.destroy();
  }

  private async acquire(): Promise<void> {
    if (this.running < this.limits.workers) {
      this.running++;
      return;
    }
    if (this.waiting.length >= this.limits.queue) {
      throw new ServiceBusy(
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

  private workers(): Piscina<RenderJob, RenderResult> {
    if (this.closed) throw new Error('The render pool is closed.');
    this.pool ??= new Piscina<RenderJob, RenderResult>({
      filename: workerFile(),
      minThreads: 0,
      maxThreads: this.limits.workers,
      // `acquire` already bounds the renders; piscina itself never has to queue.
      maxQueue: this.limits.workers,
      idleTimeout: IDLE_MS,
      niceIncrement: NICE_INCREMENT,
      // Not the main thread's flags (ts-node, --watch, inspector): a worker gets only what it needs.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    });
    return this.pool;
  }

  private async runInWorker(job: RenderJob): Promise<RenderResult> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.limits.timeoutMs);
    try {
      return await this.workers().run(job, { signal: abort.signal });
    } catch (error) {
      const budget = abort.signal.aborted ? 'time' : isOutOfMemory(error) ? 'memory' : null;
      if (budget === null) throw error;
      const limit = budget === 'time' ? `${Math.round(this.limits.timeoutMs / 1000)} seconds` : `${this.limits.memoryMb} MB of memory`;
      this.logger.warn(`Stopped rendering a ${job.kind} document: it exceeded the ${budget} budget (${limit}).`);
      throw unprocessable(
        'RENDER_TOO_LARGE',
        `This document is too large to make on this server: it needed more than ${limit}. Make it smaller (fewer cards, or shorter texts) and try again.`,
        [`${budget} budget exceeded: ${limit}`],
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

function isOutOfMemory(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}
