import { Logger } from '@nestjs/common';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { DatabaseWriter } from './database-writer';

interface Pending<T, N> {
  row: T;
  note: N;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface BatchOptions<T, N> {
  /** Rows per INSERT statement (keep rows x columns well below sqlite's limit on bound variables). */
  rowsPerStatement: number;
  /** Rows per transaction. */
  batchMax: number;
  /** How long the first row of a batch waits for company before the batch is written. */
  lingerMs: number;
  /**
   * Runs in the batch's transaction after its rows are inserted (for example to log them): they
   * commit together or not at all. `notes[i]` is what the caller handed in with `rows[i]`.
   */
  afterInsert?: (m: EntityManager, rows: T[], notes: N[]) => Promise<void>;
}

/**
 * Inserts rows in batches through the single database writer: one transaction for everything
 * that arrived while the previous batch was being written (or in the first few milliseconds when
 * the writer was idle), so batches grow with the load instead of commits piling up. Each row's promise settles only once its
 * batch is committed. With sqlite in WAL mode this turns thousands of inserts per second into a
 * handful of commits. Rows whose key already exists are skipped (ON CONFLICT DO NOTHING, which
 * sqlite and PostgreSQL both speak), which makes a resend harmless.
 *
 * The INSERT is built from TypeORM's own entity metadata and driver (column names, value
 * conversion such as simple-json, parameter style), not its query builder, which cost more than
 * the database itself in the load benchmark.
 */
export class BatchedInserter<T extends ObjectLiteral, N = undefined> {
  private readonly logger: Logger;
  private queue: Pending<T, N>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing = false;
  /** Rows handed in, and rows whose batch has settled (committed or failed); both only grow. */
  private received = 0;
  private settled = 0;
  private waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(
    private readonly writer: DatabaseWriter,
    private readonly target: EntityTarget<T>,
    private readonly options: BatchOptions<T, N>,
    name: string,
  ) {
    this.logger = new Logger(name);
  }

  /**
   * Resolves once the row is committed (or was already stored under the same key). The note
   * travels with the row to `afterInsert` (for example the kind of audit entry it gets).
   */
  insert(row: T, ...[note]: N extends undefined ? [] : [note: N]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, note: note as N, resolve, reject });
      this.received++;
      // While a batch is being written, rows gather for the next one (it starts when that ends).
      if (this.writing) return;
      if (this.queue.length >= this.options.batchMax) this.pump();
      else this.timer ??= setTimeout(() => this.pump(), this.options.lingerMs);
    });
  }

  /** Resolves once every row handed in before this call has been written (or has failed). */
  flush(): Promise<void> {
    const upTo = this.received;
    if (this.settled >= upTo) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ upTo, resolve }));
    this.pump();
    return done;
  }

  /** Writes the next batch unless one is being written; the batch takes whatever has gathered. */
  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const batch = this.queue.splice(0, this.options.batchMax);
    void this.write(batch).then(() => {
      this.writing = false;
      this.settled += batch.length;
      this.waiters = this.waiters.filter((w) => (w.upTo <= this.settled ? (w.resolve(), false) : true));
      if (this.queue.length > 0) this.pump();
    });
  }

  private async write(batch: Pending<T, N>[]): Promise<void> {
    const { rowsPerStatement } = this.options;
    try {
      await this.writer.write(async (m) => {
        for (let i = 0; i < batch.length; i += rowsPerStatement) {
          await insertRows(m, this.target, batch.slice(i, i + rowsPerStatement).map((p) => p.row));
        }
        await this.options.afterInsert?.(
          m,
          batch.map((p) => p.row),
          batch.map((p) => p.note),
        );
      });
      for (const p of batch) p.resolve();
    } catch (error) {
      this.logger.error(`Storing ${batch.length} rows failed: ${error instanceof Error ? error.message : String(error)}`);
      for (const p of batch) p.reject(error);
    }
  }
}

/**
 * One multi-row `INSERT`, built from TypeORM's entity metadata and driver (column names, value
 * conversion such as simple-json, parameter style). With `onConflict: 'ignore'` (the default) a
 * row whose key exists is skipped (`ON CONFLICT DO NOTHING`, which sqlite and PostgreSQL both
 * speak); with 'fail' the statement fails, and its transaction with it.
 */
export async function insertRows<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: T[], onConflict: 'ignore' | 'fail' = 'ignore'): Promise<void> {
  if (rows.length === 0) return;
  const driver = m.connection.driver;
  const meta = m.connection.getMetadata(target);
  const columns = meta.columns;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = columns.map((column) => {
      params.push(driver.preparePersistentValue(column.getEntityValue(row), column));
      return driver.createParameter(`p${params.length}`, params.length - 1);
    });
    return `(${placeholders.join(', ')})`;
  });
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  // The table path includes the schema where one is configured (PostgreSQL), escaped part by part.
  const table = meta.tablePath
    .split('.')
    .map((part) => driver.escape(part))
    .join('.');
  await m.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}${onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''}`, params);
}
