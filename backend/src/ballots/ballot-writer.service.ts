import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DatabaseWriter } from '../database/database-writer';
import { BallotEntity } from './entities';

interface Pending {
  row: BallotEntity;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Rows per INSERT statement: 9 columns each keeps us far below sqlite's limit on bound variables. */
const ROWS_PER_STATEMENT = 200;
/** Rows per transaction. */
const BATCH_MAX = 2000;
/** How long the first ballot of a batch waits for company before the batch is written. */
const LINGER_MS = 4;

/**
 * Writes ballots in batches: one transaction for everything that arrived in the last few
 * milliseconds, through the single database writer. Each ballot's promise settles only once its
 * batch is committed, so an acknowledgement always means "stored". With sqlite in WAL mode this
 * turns thousands of ballots per second into a handful of commits.
 */
@Injectable()
export class BallotWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(BallotWriter.name);
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly writer: DatabaseWriter) {}

  /** Resolves once the ballot is committed (or was already stored under the same id). */
  store(row: BallotEntity): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.queue.length >= BATCH_MAX) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), LINGER_MS);
    });
  }

  /** Resolves once every ballot handed in before this call is committed. */
  flush(): Promise<void> {
    this.kick();
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.running = this.running.then(() => this.write(batch));
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      await this.writer.write(async (m) => {
        for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
          await m
            .createQueryBuilder()
            .insert()
            .into(BallotEntity)
            .values(batch.slice(i, i + ROWS_PER_STATEMENT).map((p) => p.row))
            .orIgnore()
            .execute();
        }
      });
      for (const p of batch) p.resolve();
    } catch (error) {
      this.logger.error(`Storing ${batch.length} ballots failed: ${error instanceof Error ? error.message : String(error)}`);
      for (const p of batch) p.reject(error);
    }
  }
}
