import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ballotHash } from '@buurtjury/shared';
import { AuditLog, type AuditRecord } from '../infrastructure/audit-log/audit-log.service';
import { BatchedInserter } from '../infrastructure/database/batched-inserter';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { BallotEntity } from '../infrastructure/database/schema/ballots';

/**
 * Stores ballots in batches (see BatchedInserter). A ballot's promise settles only once its
 * batch is committed, so an acknowledgement always means "stored"; a resend with the same id is
 * stored once. Each batch appends one audit entry per ballot (its hash, not who sent it) in the
 * same transaction. On shutdown, everything received is written before the process exits.
 */
/** The audit entry a stored ballot gets: the first for its attendee and pitch, or one that replaces an earlier one. */
export type BallotAuditType = 'ballot-accepted' | 'ballot-replaced';

@Injectable()
export class BallotWriter implements OnApplicationShutdown {
  private readonly inserter: BatchedInserter<BallotEntity, BallotAuditType>;

  constructor(
    writer: DatabaseWriter,
    private readonly audit: AuditLog,
  ) {
    // 9 columns x 200 rows per statement stays far below sqlite's limit on bound variables.
    this.inserter = new BatchedInserter(
      writer,
      BallotEntity,
      { rowsPerStatement: 200, batchMax: 2000, lingerMs: 4, afterInsert: (m, rows, types) => this.log(m, rows, types) },
      BallotWriter.name,
    );
  }

  store(row: BallotEntity, type: BallotAuditType): Promise<void> {
    return this.inserter.insert(row, type);
  }

  /** Resolves once every ballot handed in before this call is committed. */
  flush(): Promise<void> {
    return this.inserter.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async log(m: EntityManager, rows: BallotEntity[], types: BallotAuditType[]): Promise<void> {
    const perEvening = new Map<string, AuditRecord[]>();
    for (const [i, row] of rows.entries()) {
      const type = types[i]!;
      const records = perEvening.get(row.eveningId) ?? [];
      records.push({ type, actor: 'attendee', detail: { ballotId: row.id, bidderId: row.bidderId, serial: row.serial, ballotHash: ballotHash(row, this.audit.hash) } });
      perEvening.set(row.eveningId, records);
    }
    for (const [eveningId, records] of perEvening) await this.audit.append(m, eveningId, records);
  }
}
