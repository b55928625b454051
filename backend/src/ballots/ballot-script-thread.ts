import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextHash } from '@buurtjury/shared';
import { nodeSha256Hex } from '../infrastructure/audit-log/chain-rows';
import { buildBallotScript, type BallotScript, type BallotScriptJob } from './ballot-script';

/** Ballots in a batch from which its script is built on the worker thread; a smaller batch is built at once, on the main thread. */
export const WORKER_MIN_BATCH = 100;

/**
 * How long a batch waits for the worker's script before it is built on the main thread instead
 * (and the worker is given up): a hung worker must not hold ballots' acknowledgements.
 */
export const WORKER_TIMEOUT_MS = 5000;

/** The compiled worker in the built app; from the sources (tests, dev), a bootstrap that loads it with ts-node. */
function entryFile(): string {
  const compiled = path.join(__dirname, 'ballot-script.worker.js');
  return existsSync(compiled) ? compiled : path.join(__dirname, 'ballot-script.worker.dev.js');
}

type Reply = { ready: true } | { id: number; ok: true; script: BallotScript } | { id: number; ok: false; message: string };

/**
 * Builds a batch's script (buildBallotScript: each ballot's hash, the audit entries' chain and the
 * SQL text) on a worker thread, so that under a burst the main thread spends its time on the
 * phones' messages (docs/performance.md, issue 13). The worker starts with the first large batch,
 * and until it has loaded, batches are built on the main thread: no batch waits for it to start.
 * The outcome is the same text as on the main thread (a test compares them): the job is plain data
 * and the function pure. Should the worker fail, exit or not answer within WORKER_TIMEOUT_MS, the
 * batch's script is built on the main thread and the worker is not used again: a ballot never
 * waits on it for good.
 */
export class BallotScriptThread {
  private readonly logger = new Logger(BallotScriptThread.name);
  private worker: Worker | null = null;
  private givenUp = false;
  private ready = false;
  private readonly readyWaiters: ((ready: boolean) => void)[] = [];
  private nextId = 0;
  /** Batches whose script came from the worker. */
  answered = 0;
  private readonly pending = new Map<number, { settle: (script: BallotScript | null) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly minBatch = WORKER_MIN_BATCH,
    private readonly timeoutMs = WORKER_TIMEOUT_MS,
    private readonly file = entryFile(),
  ) {}

  /** Whether batches are still sent to the worker (false once it failed). */
  get usable(): boolean {
    return !this.givenUp;
  }

  /** The batch's script: from the worker for a large batch hashed with node:crypto's SHA-256, else built here. */
  async build(job: BallotScriptJob, hash: TextHash): Promise<BallotScript> {
    if (job.ballots.length < this.minBatch || hash !== nodeSha256Hex || this.givenUp) return buildBallotScript(job, hash);
    const worker = this.started();
    if (!worker || !this.ready) return buildBallotScript(job, hash);
    return (await this.onWorker(worker, job)) ?? buildBallotScript(job, hash);
  }

  /** Starts the worker if it has not started; true once it has loaded, false if it was given up. */
  whenReady(): Promise<boolean> {
    if (this.ready || this.givenUp) return Promise.resolve(this.ready && !this.givenUp);
    this.started();
    return new Promise((resolve) => (this.givenUp ? resolve(false) : this.readyWaiters.push(resolve)));
  }

  /** Stops the worker (at shutdown, after the last batch). */
  async stop(): Promise<void> {
    this.givenUp = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll();
    if (worker) await worker.terminate();
  }

  /** The worker's script, or null when it failed or took too long. */
  private onWorker(worker: Worker, job: BallotScriptJob): Promise<BallotScript | null> {
    const id = ++this.nextId;
    return new Promise<BallotScript | null>((resolve) => {
      const timer = setTimeout(() => this.giveUp(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
      this.pending.set(id, { settle: resolve, timer });
      try {
        worker.postMessage({ id, job });
      } catch (error) {
        this.giveUp(error instanceof Error ? error.message : String(error));
      }
    });
  }

  private started(): Worker | null {
    if (this.worker || this.givenUp) return this.worker;
    try {
      const worker = new Worker(this.file);
      worker.unref();
      worker.on('message', (reply: Reply) => {
        if ('ready' in reply) {
          this.ready = true;
          for (const wake of this.readyWaiters.splice(0)) wake(true);
          return;
        }
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        clearTimeout(waiting.timer);
        if (reply.ok) {
          this.answered++;
          waiting.settle(reply.script);
        }
        else {
          this.logger.warn(`The ballot script worker failed on a batch (${reply.message}); that batch is built on the main thread.`);
          waiting.settle(null);
        }
      });
      worker.on('error', (error) => this.giveUp(error.message));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.giveUp(`exited with code ${code}`);
      });
      this.worker = worker;
      return worker;
    } catch (error) {
      this.giveUp(error instanceof Error ? error.message : String(error));
      return null;
    }
  }

  /** The worker is not used again; every batch waiting for it is built on the main thread. */
  private giveUp(reason: string): void {
    if (!this.givenUp) this.logger.warn(`The ballot script worker stopped (${reason}); batches are built on the main thread from now on.`);
    this.givenUp = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll();
    if (worker) void worker.terminate();
  }

  private failAll(): void {
    for (const wake of this.readyWaiters.splice(0)) wake(false);
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      this.pending.delete(id);
      waiting.settle(null);
    }
  }
}
