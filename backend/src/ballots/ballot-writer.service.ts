import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ballotHash, type BallotAuditType } from '@buurtjury/shared';
import { AuditLog, type AuditRecord } from '../infrastructure/audit-log/audit-log.service';
import { insertRowsInChunks, WriteBatcher } from '../infrastructure/database/batched-inserter';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { BallotEntity } from '../infrastructure/database/schema/ballots';

/** An accepted ballot on its way to the database, with the audit entry it gets. */
interface BallotToStore {
  row: BallotEntity;
  audit: AuditRecord;
}

/** 9 columns x 200 rows per statement stays far below sqlite's limit on bound variables. */
const ROWS_PER_STATEMENT = 200;

/**
 * Stores accepted ballots in batches (WriteBatcher): one transaction per batch holds its ballots
 * and their audit entries (one per ballot: its hash, not who sent it), so they commit together or
 * not at all. A ballot's promise settles only once its batch is committed, so an acknowledgement
 * always means "stored"; a resend with the same id is stored once (ON CONFLICT DO NOTHING). On
 * shutdown, everything received is written before the process exits.
 */
@Injectable()
export class BallotWriter implements OnApplicationShutdown {
  private readonly batcher: WriteBatcher<BallotToStore>;

  constructor(
    private readonly db: DatabaseWriter,
    private readonly audit: AuditLog,
  ) {
    this.batcher = new WriteBatcher((batch) => this.writeBatch(batch), { batchMax: 2000, lingerMs: 4 }, BallotWriter.name);
  }

  /**
   * Resolves once the ballot is committed with its audit entry. The ballot's hash is taken here,
   * as it arrives, so the batch's transaction does not wait for it.
   */
  store(row: BallotEntity, type: BallotAuditType): Promise<void> {
    const detail = { ballotId: row.id, bidderId: row.bidderId, serial: row.serial, ballotHash: ballotHash(row, this.audit.hash) };
    return this.batcher.add({ row, audit: { type, actor: 'attendee', detail } });
  }

  /** Resolves once every ballot handed in before this call is committed. */
  flush(): Promise<void> {
    return this.batcher.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** One batch, one transaction: the ballots' rows, then their audit entries per evening, in arrival order. */
  private writeBatch(batch: readonly BallotToStore[]): Promise<void> {
    const perEvening = new Map<string, AuditRecord[]>();
    for (const { row, audit } of batch) {
      const records = perEvening.get(row.eveningId);
      if (records) records.push(audit);
      else perEvening.set(row.eveningId, [audit]);
    }
    return this.db.write(async (m) => {
      await insertRowsInChunks(
        m,
        BallotEntity,
        batch.map((b) => b.row),
        ROWS_PER_STATEMENT,
      );
      for (const [eveningId, records] of perEvening) await this.audit.append(m, eveningId, records);
    });
  }
}
