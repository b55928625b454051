import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way to write. TypeORM shares a single connection for sqlite, so two transactions at
 * once fail ("cannot start a transaction within a transaction"). Every write runs here, one
 * transaction at a time, in arrival order.
 */
@Injectable()
export class DatabaseWriter {
  private readonly mutex = new Mutex();
  /** Writes and scripts begun so far (each gets the next number as its turn). */
  private turns = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(() => {
      this.turns++;
      return this.dataSource.transaction(work);
    });
  }

  /** Whether `script` can be used: sqlite, whose driver runs several statements in one call. */
  get scripts(): boolean {
    return this.dataSource.options.type === 'sqlite';
  }

  /**
   * sqlite only: under the same lock as `write`, `work` may read (through `manager`, outside a
   * transaction: no other write can run meanwhile) and then run one transaction as a single
   * script (`transaction(statements)`: BEGIN, the statements, COMMIT in one call to the driver,
   * rolled back if any statement or the commit fails). Each statement sent separately costs a few
   * turns of the event loop between the driver's thread and the main thread, and under a burst of
   * ballots each turn waits behind the queued messages; a script is one. The statements carry
   * their values as literals (insertSql). `turn`: this script's place among the writes and
   * scripts of this process, so a script whose turn follows the previous script's directly knows
   * nothing was written in between.
   */
  script<T>(work: (tools: { manager: EntityManager; transaction: (statements: readonly string[]) => Promise<void>; turn: number }) => Promise<T>): Promise<T> {
    if (!this.scripts) throw new Error('DatabaseWriter.script is for sqlite only');
    return this.mutex.runExclusive(() => work({ manager: this.dataSource.manager, transaction: (statements) => this.runScript(statements), turn: ++this.turns }));
  }

  private runScript(statements: readonly string[]): Promise<void> {
    const db = (this.dataSource.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
    const body = statements.filter((s) => s !== '').join(';\n');
    return new Promise<void>((resolve, reject) =>
      db.exec(`BEGIN;\n${body};\nCOMMIT;`, (error) => {
        if (!error) return resolve();
        // Whatever failed (a statement, or the commit), nothing of the script stays. ROLLBACK
        // fails harmlessly when the transaction is gone already (BEGIN itself failed).
        db.exec('ROLLBACK;', () => reject(error));
      }),
    );
  }
}

/** The part of the sqlite3 driver's connection that `script` uses. */
interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}
