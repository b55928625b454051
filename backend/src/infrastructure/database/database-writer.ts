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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.mutex.runExclusive(() => this.dataSource.transaction(work));
  }
}
