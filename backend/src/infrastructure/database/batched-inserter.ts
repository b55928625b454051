import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { DatabaseWriter } from './database-writer';

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface BatchTiming {
  /** Items per batch at most. */
  batchMax: number;
  /** How long the first item of a batch waits for company, when nothing is being written, before the batch is written. */
  lingerMs: number;
}

/**
 * Gathers items into batches for one write function: a batch takes everything that arrived while
 * the previous one was being written (or in the first few milliseconds when nothing was), so
 * batches grow with the load instead of commits piling up. Each item's promise settles once the
 * write of its batch has settled: resolved when it succeeded, rejected with its error when not.
 * One batch is written at a time.
 */
export class WriteBatcher<T> {
  private readonly logger: Logger;
  private queue: Pending<T>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing = false;
  /** Items handed in, and items whose batch has settled (written or failed); both only grow. */
  private received = 0;
  private settled = 0;
  private waiters: { upTo: number; resolve: () => void }[] = [];

  constructor(
    /** Writes a batch; may answer with items it refused to write (and why): those are rejected, the others resolved. */
    private readonly writeBatch: (batch: T[]) => Promise<void | ReadonlyMap<T, unknown>>,
    private readonly timing: BatchTiming,
    name: string,
  ) {
    this.logger = new Logger(name);
  }

  /** Resolves once the item's batch is written. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.received++;
      // While a batch is being written, items gather for the next one (it starts when that ends).
      if (this.writing) return;
      if (this.queue.length >= this.timing.batchMax) this.pump();
      else this.timer ??= setTimeout(() => this.pump(), this.timing.lingerMs);
    });
  }

  /** Resolves once every item handed in before this call has been written (or has failed). */
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
    const batch = this.queue.splice(0, this.timing.batchMax);
    void this.write(batch).then(() => {
      this.writing = false;
      this.settled += batch.length;
      this.waiters = this.waiters.filter((w) => (w.upTo <= this.settled ? (w.resolve(), false) : true));
      if (this.queue.length > 0) this.pump();
    });
  }

  private async write(batch: Pending<T>[]): Promise<void> {
    try {
      const refused = await this.writeBatch(batch.map((p) => p.item));
      for (const p of batch) {
        if (refused?.has(p.item)) p.reject(refused.get(p.item));
        else p.resolve();
      }
    } catch (error) {
      this.logger.error(`Storing ${batch.length} rows failed: ${error instanceof Error ? error.message : String(error)}`);
      for (const p of batch) p.reject(error);
    }
  }
}

export interface BatchOptions extends BatchTiming {
  /** Rows per INSERT statement (keep rows x columns well below sqlite's limit on bound variables). */
  rowsPerStatement: number;
}

/**
 * Inserts rows in batches (WriteBatcher) through the single database writer, one transaction per
 * batch. Each row's promise settles only once its batch is committed. With sqlite in WAL mode
 * this turns thousands of inserts per second into a handful of commits. Rows whose key already
 * exists are skipped (ON CONFLICT DO NOTHING, which sqlite and PostgreSQL both speak), which makes
 * a resend harmless.
 */
export class BatchedInserter<T extends ObjectLiteral> {
  private readonly batcher: WriteBatcher<T>;

  constructor(writer: DatabaseWriter, target: EntityTarget<T>, options: BatchOptions, name: string) {
    this.batcher = new WriteBatcher((rows) => writer.write((m) => insertRowsInChunks(m, target, rows, options.rowsPerStatement)), options, name);
  }

  /** Resolves once the row is committed (or was already stored under the same key). */
  insert(row: T): Promise<void> {
    return this.batcher.add(row);
  }

  /** Resolves once every row handed in before this call has been written (or has failed). */
  flush(): Promise<void> {
    return this.batcher.flush();
  }
}

/** Inserts the rows with one multi-row INSERT per `rowsPerStatement` rows (see insertRows). */
export async function insertRowsInChunks<T extends ObjectLiteral>(
  m: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
  rowsPerStatement: number,
  onConflict: 'ignore' | 'fail' = 'ignore',
): Promise<void> {
  for (let i = 0; i < rows.length; i += rowsPerStatement) await insertRows(m, target, rows.slice(i, i + rowsPerStatement), onConflict);
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
  const table = tableName(m.connection, target);
  await m.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}${onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''}`, params);
}

/**
 * A value as an SQL literal, for a statement that runs without bound parameters (see
 * `insertSql`): NULL, a finite number, 1/0 for a boolean, a text in single quotes with each quote
 * doubled (sqlite's and PostgreSQL's only escape in a standard string literal), or, when the text
 * holds a NUL character, its UTF-8 bytes as a hex blob cast to text. Anything else is refused.
 */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`No SQL literal for the number ${value}`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? '1' : '0';
    case 'string':
      return value.includes('\0') ? `CAST(X'${Buffer.from(value, 'utf8').toString('hex')}' AS TEXT)` : `'${value.replaceAll("'", "''")}'`;
    default:
      if (Buffer.isBuffer(value)) return `X'${value.toString('hex')}'`;
      throw new Error(`No SQL literal for a value of type ${typeof value}`);
  }
}

/**
 * The multi-row `INSERT` that `insertRows` sends, with the values written into the statement as
 * literals (sqlLiteral) after the same conversion (TypeORM's `preparePersistentValue`), so the
 * stored values are the same. For sqlite, where a whole transaction can then run as one script
 * (DatabaseWriter.script): one call to the database instead of a round trip per statement.
 */
export function insertSql<T extends ObjectLiteral>(connection: DataSource, target: EntityTarget<T>, rows: readonly T[], onConflict: 'ignore' | 'fail' = 'ignore'): string {
  if (rows.length === 0) return '';
  const { head, literals } = compiledInsert(connection, connection.getMetadata(target));
  const tuples = new Array<string>(rows.length);
  const last = literals.length - 1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let tuple = '(';
    for (let c = 0; c < last; c++) tuple += `${literals[c]!(row)}, `;
    tuples[r] = `${tuple}${literals[last]!(row)})`;
  }
  return `${head}${tuples.join(', ')}${onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''}`;
}

/** Per entity and driver: the statement's head (`INSERT INTO … VALUES `) and, per column, its value as an SQL literal. */
const compiled = new WeakMap<EntityMetadata, { driver: Driver; head: string; literals: ((row: ObjectLiteral) => string)[] }>();

/**
 * Column types whose values sqlite's driver stores as they are (`preparePersistentValue` changes
 * only booleans, dates, times and the simple-json, simple-array and simple-enum types).
 */
const SQLITE_AS_IS = new Set<unknown>(['varchar', 'text', 'integer', 'int', 'real', 'numeric', 'character varying', 'varying character', 'nvarchar', 'character', 'char']);

function compiledInsert(connection: DataSource, meta: EntityMetadata): { head: string; literals: ((row: ObjectLiteral) => string)[] } {
  const driver = connection.driver;
  const known = compiled.get(meta);
  if (known && known.driver === driver) return known;
  const sqlite = driver.options.type === 'sqlite';
  const literals = meta.columns.map((column): ((row: ObjectLiteral) => string) => {
    const general = (row: ObjectLiteral) => sqlLiteral(driver.preparePersistentValue(column.getEntityValue(row), column));
    // A plain column (not in an embedded, not a relation, no transformer) reads as row[propertyName].
    const plain = !column.embeddedMetadata && !column.relationMetadata && !column.referencedColumn && !column.transformer;
    if (!sqlite || !plain) return general;
    const property = column.propertyName;
    if (SQLITE_AS_IS.has(column.type)) return (row) => sqlLiteral(row[property]);
    if (column.type === 'datetime' || column.type === Date) {
      // Rows of one batch often share the moment (an audit trail's entries: all of them): converted once.
      let lastTime = NaN;
      let lastLiteral = '';
      return (row) => {
        const value: unknown = row[property];
        if (!(value instanceof Date)) return general(row);
        const time = value.getTime();
        if (time !== lastTime) {
          lastLiteral = general(row);
          lastTime = time;
        }
        return lastLiteral;
      };
    }
    return general;
  });
  const names = meta.columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const table = tableName(connection, meta.target);
  const entry = { driver, head: `INSERT INTO ${table} (${names}) VALUES `, literals };
  compiled.set(meta, entry);
  return entry;
}

/** An entity's table as SQL: its path with the schema where one is configured (PostgreSQL), escaped part by part. */
export function tableName<T extends ObjectLiteral>(connection: DataSource, target: EntityTarget<T>): string {
  const driver = connection.driver;
  return connection
    .getMetadata(target)
    .tablePath.split('.')
    .map((part) => driver.escape(part))
    .join('.');
}
