import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { BatchedInserter } from '../database/batched-inserter';
import { DatabaseWriter } from '../database/database-writer';
import { BallotEntity } from './entities';

/**
 * Stores ballots in batches (see BatchedInserter). A ballot's promise settles only once its
 * batch is committed, so an acknowledgement always means "stored"; a resend with the same id is
 * stored once. On shutdown, everything received is written before the process exits.
 */
@Injectable()
export class BallotWriter implements OnApplicationShutdown {
  private readonly inserter: BatchedInserter<BallotEntity>;

  constructor(writer: DatabaseWriter) {
    // 9 columns x 200 rows per statement stays far below sqlite's limit on bound variables.
    this.inserter = new BatchedInserter(writer, BallotEntity, { rowsPerStatement: 200, batchMax: 2000, lingerMs: 4 }, BallotWriter.name);
  }

  store(row: BallotEntity): Promise<void> {
    return this.inserter.insert(row);
  }

  /** Resolves once every ballot handed in before this call is committed. */
  flush(): Promise<void> {
    return this.inserter.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
