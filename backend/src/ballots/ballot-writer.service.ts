import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ballotHash, type BallotAuditType } from '@buurtjury/shared';
import { AuditLog, type AuditRecord } from '../infrastructure/audit-log/audit-log.service';
import { insertRowsInChunks, WriteBatcher } from '../infrastructure/database/batched-inserter';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { BallotEntity } from '../infrastructure/database/schema/ballots';
import { LiveRegistry } from '../live/live-registry.service';

/**
 * A ballot the database refused because its pitch's scoring had closed there (on another node,
 * or before this node learnt of it): not stored, answered as late.
 */
export class ScoringClosedInDatabase extends Error {
  constructor(
    readonly bidderId: string,
    readonly closedAt: Date | null,
  ) {
    super('Scoring for this pitch closed before the ballot was stored.');
  }
}

/** An accepted ballot on its way to the database, with the audit entry it gets. */
interface BallotToStore {
  row: BallotEntity;
  audit: AuditRecord;
}

/** Ballots per transaction at most. */
const BATCH_MAX = 2000;
/**
 * A whole batch in one INSERT: 9 columns x 2,000 rows = 18,000 bound values, below sqlite's limit
 * (32,766 since 3.32) and PostgreSQL's (65,535). Each statement of a transaction waits for the
 * event loop to come round between its callback and the next statement; under a burst that turn
 * is the costly part, so a batch is a few statements: BEGIN, the ballots, the chain's head, the
 * audit entries, COMMIT.
 */
const ROWS_PER_STATEMENT = BATCH_MAX;

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
    private readonly registry: LiveRegistry,
  ) {
    this.batcher = new WriteBatcher((batch) => this.writeBatch(batch), { batchMax: BATCH_MAX, lingerMs: 4 }, BallotWriter.name);
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

  /**
   * Several nodes number ballots each in their own memory, and an evening's serials must be
   * unique and in commit order (the latest serial of a phone for a pitch is the ballot that
   * counts). Under the evening's lock the batch's ballots are numbered on from the highest stored
   * serial, in arrival order, and their audit entries hashed with the new serial.
   */
  private async numberAcrossNodes(m: EntityManager, batch: readonly BallotToStore[]): Promise<void> {
    const next = new Map<string, number>();
    for (const b of batch) {
      let serial = next.get(b.row.eveningId);
      if (serial === undefined) {
        const [{ max }] = (await m.query('SELECT MAX("serial") AS "max" FROM "ballot" WHERE "eveningId" = $1', [b.row.eveningId])) as [{ max: number | string | null }];
        serial = Number(max ?? 0) + 1;
      }
      b.row.serial = serial;
      b.audit.detail = { ...b.audit.detail, serial, ballotHash: ballotHash(b.row, this.audit.hash) };
      next.set(b.row.eveningId, serial + 1);
    }
  }

  /**
   * One batch, one transaction: the ballots' rows, then their audit entries per evening, in
   * arrival order. Where the database decides (PostgreSQL, several nodes), the transaction first
   * takes each evening's lock (in a fixed order) and stores only ballots whose pitch's scoring is
   * open there; the others are answered with ScoringClosedInDatabase. A close takes the same lock,
   * so it waits for this batch, and a batch after it sees the pitch closed.
   */
  private writeBatch(batch: readonly BallotToStore[]): Promise<ReadonlyMap<BallotToStore, unknown>> {
    return this.db.write(async (m) => {
      const refused = new Map<BallotToStore, unknown>();
      let accepted = batch;
      if (this.registry.databaseDecides) {
        const scoring = new Map<string, Map<string, { open: boolean; closedAt: Date | null }>>();
        for (const eveningId of [...new Set(batch.map((b) => b.row.eveningId))].sort()) scoring.set(eveningId, await this.registry.scoringUnderLock(m, eveningId));
        accepted = batch.filter((b) => {
          const pitch = scoring.get(b.row.eveningId)?.get(b.row.bidderId);
          if (pitch?.open) return true;
          refused.set(b, new ScoringClosedInDatabase(b.row.bidderId, pitch?.closedAt ?? null));
          return false;
        });
      }
      if (this.registry.databaseDecides) await this.numberAcrossNodes(m, accepted);
      const perEvening = new Map<string, AuditRecord[]>();
      for (const { row, audit } of accepted) {
        const records = perEvening.get(row.eveningId);
        if (records) records.push(audit);
        else perEvening.set(row.eveningId, [audit]);
      }
      await insertRowsInChunks(
        m,
        BallotEntity,
        accepted.map((b) => b.row),
        ROWS_PER_STATEMENT,
      );
      for (const [eveningId, records] of perEvening) await this.audit.append(m, eveningId, records);
      return refused;
    });
  }
}
