import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { ballotHash, type BallotAuditType } from '@buurtjury/shared';
import { AuditLog, type AuditRecord } from '../infrastructure/audit-log/audit-log.service';
import { insertRowsInChunks, insertSql, WriteBatcher } from '../infrastructure/database/batched-inserter';
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

/**
 * A ballot whose id is stored already for another phone or evening: not stored, and the stored
 * one is not told to the sender.
 */
export class BallotIdTaken extends Error {
  constructor(readonly ballotId: string) {
    super('This ballot id is already used.');
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
  /**
   * sqlite, one node: each evening's chain head after the last script this writer committed, in
   * `headsTurn` (DatabaseWriter.script's turn). Only a script in the very next turn uses them:
   * any other write in between (whatever it appended to an audit chain, or changed) makes the next
   * script read the heads again.
   */
  private readonly heads = new Map<string, { sequence: number; hash: string } | null>();
  private headsTurn = -1;

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
   * A ballot whose id is stored already (a resend that reached another node than the one that
   * stored it, before that node learnt of it) is not stored again and gets no second audit entry:
   * its row takes the stored values, so the phone is answered with the stored receipt. An id
   * stored for another phone or evening is refused (BallotIdTaken).
   */
  private async storedAlready(m: EntityManager, batch: readonly BallotToStore[], refused: Map<BallotToStore, unknown>): Promise<BallotToStore[]> {
    const stored = new Map((await m.findBy(BallotEntity, { id: In(batch.map((b) => b.row.id)) })).map((row) => [row.id, row]));
    if (stored.size === 0) return [...batch];
    return batch.filter((b) => {
      const row = stored.get(b.row.id);
      if (!row) return true;
      if (row.eveningId !== b.row.eveningId || row.attendeeId !== b.row.attendeeId) refused.set(b, new BallotIdTaken(b.row.id));
      else Object.assign(b.row, row);
      return false;
    });
  }

  /**
   * One batch, one transaction: the ballots' rows, then their audit entries per evening, in
   * arrival order; only rows not stored yet are inserted and logged (storedAlready). Where the database decides (PostgreSQL, several nodes), the transaction first
   * takes each evening's lock (in a fixed order) and stores only ballots whose pitch's scoring is
   * open there; the others are answered with ScoringClosedInDatabase. A close takes the same lock,
   * so it waits for this batch, and a batch after it sees the pitch closed.
   */
  private async writeBatch(batch: readonly BallotToStore[]): Promise<ReadonlyMap<BallotToStore, unknown>> {
    if (!this.registry.databaseDecides && this.db.scripts && (await this.writeBatchAsScript(batch))) return new Map();
    return this.writeBatchInTransaction(batch);
  }

  /**
   * The single-node fast path (sqlite): the chain's heads are read under the writer's lock (or
   * kept from this writer's previous script when no other write came in between), then
   * the batch's ballots and audit entries go to the database as one script, one transaction
   * (DatabaseWriter.script). Both INSERTs are plain: should any ballot id (or serial) be stored
   * already, the script fails, nothing of it stays, and the batch is written again the careful way
   * (writeBatchInTransaction, which sorts out resends and ids taken). Answers whether it was stored.
   */
  private writeBatchAsScript(batch: readonly BallotToStore[]): Promise<boolean> {
    return this.db.script(async ({ manager, transaction, turn }) => {
      const perEvening = new Map<string, AuditRecord[]>();
      for (const { row, audit } of batch) {
        const records = perEvening.get(row.eveningId);
        if (records) records.push(audit);
        else perEvening.set(row.eveningId, [audit]);
      }
      const statements: string[] = [];
      for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
        statements.push(
          insertSql(
            manager.connection,
            BallotEntity,
            batch.slice(i, i + ROWS_PER_STATEMENT).map((b) => b.row),
            'fail',
          ),
        );
      }
      // The heads kept are good only right after this writer's last script; until this one is known to be committed, none is.
      if (this.headsTurn !== turn - 1) this.heads.clear();
      this.headsTurn = -1;
      for (const [eveningId, records] of perEvening) {
        const head = this.heads.has(eveningId) ? this.heads.get(eveningId)! : await this.audit.head(manager, eveningId);
        const append = this.audit.appendSql(manager.connection, head, eveningId, records);
        statements.push(append.sql);
        this.heads.set(eveningId, append.head);
      }
      try {
        await transaction(statements);
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
      this.headsTurn = turn;
      return true;
    });
  }

  private writeBatchInTransaction(batch: readonly BallotToStore[]): Promise<ReadonlyMap<BallotToStore, unknown>> {
    return this.db.write(async (m) => {
      const refused = new Map<BallotToStore, unknown>();
      const scoring = new Map<string, Map<string, { open: boolean; closedAt: Date | null }>>();
      // The evenings' locks first, so no other node's batch stores one of these ids meanwhile.
      if (this.registry.databaseDecides) {
        for (const eveningId of [...new Set(batch.map((b) => b.row.eveningId))].sort()) scoring.set(eveningId, await this.registry.scoringUnderLock(m, eveningId));
      }
      let accepted = await this.storedAlready(m, batch, refused);
      if (this.registry.databaseDecides) {
        accepted = accepted.filter((b) => {
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

/** sqlite's error for a UNIQUE or PRIMARY KEY constraint. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/.test(message);
}
