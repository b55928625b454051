import { Inject, Injectable, Optional } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditEntry, TextHash } from '@buurtjury/shared';
import { insertPlan, insertRowsInChunks } from '../database/batched-inserter';
import type { InsertPlan } from '../database/insert-plan';
import { lockEvening } from '../database/evening-lock';
import { EveningLogEntity } from '../database/schema/live';
import { chainRows, nodeSha256Hex, type AuditRecord } from './chain-rows';

export { entryId, nodeSha256Hex, type AuditRecord } from './chain-rows';

/**
 * Entries per INSERT: 9 columns x 2,000 = 18,000 bound values, below sqlite's limit (32,766) and
 * PostgreSQL's (65,535); a batch of 2,000 ballots logs its entries in one statement.
 */
const ENTRIES_PER_STATEMENT = 2000;

/** The hash the server's audit chain uses (node:crypto's SHA-256 unless a module provides another). */
export const TEXT_HASH = Symbol('TEXT_HASH');

/**
 * Appends to an evening's hash-chained audit trail. Always inside the caller's write transaction
 * (DatabaseWriter), so an entry commits together with the change it describes, and entries are
 * chained in commit order: the head is read in the same transaction, under the evening's lock
 * (which matters on PostgreSQL, where other nodes append to the same chain).
 */
@Injectable()
export class AuditLog {
  constructor(@Optional() @Inject(TEXT_HASH) readonly hash: TextHash = nodeSha256Hex) {}

  /**
   * The chain's last entry (sequence and hash), or null for an evening without entries. Plain SQL:
   * the ballots' batches read it whenever another script ran on the writer since their last one
   * (in a round of questions, nearly every batch).
   */
  async head(m: EntityManager, eveningId: string): Promise<{ sequence: number; hash: string } | null> {
    const p = m.connection.options.type === 'postgres' ? '$1' : '?';
    // The table's path as TypeORM has it: with its schema where one is configured (PostgreSQL).
    const driver = m.connection.driver;
    const table = m.connection
      .getMetadata(EveningLogEntity)
      .tablePath.split('.')
      .map((part) => driver.escape(part))
      .join('.');
    const rows = (await m.query(`SELECT "sequence", "hash" FROM ${table} WHERE "eveningId" = ${p} ORDER BY "sequence" DESC LIMIT 1`, [eveningId])) as { sequence: number | string; hash: string }[];
    const head = rows[0];
    return head ? { sequence: Number(head.sequence), hash: head.hash } : null;
  }

  async append(m: EntityManager, eveningId: string, records: readonly AuditRecord[], at = new Date()): Promise<AuditEntry[]> {
    if (records.length === 0) return [];
    await lockEvening(m, eveningId);
    const { entries, rows } = this.chain(await this.head(m, eveningId), eveningId, records, at);
    await insertRowsInChunks(m, EveningLogEntity, rows, ENTRIES_PER_STATEMENT, 'fail');
    return entries;
  }

  /**
   * The plan of the audit rows' INSERT on sqlite, or null: for a script (DatabaseWriter.script),
   * whose statement appending entries after a head read under the writer's lock is written by
   * chain-rows' appendByPlan (the ballots' batches, on a worker thread or not).
   */
  plan(connection: DataSource): InsertPlan | null {
    return insertPlan(connection, EveningLogEntity);
  }

  private chain(head: { sequence: number; hash: string } | null, eveningId: string, records: readonly AuditRecord[], at: Date): { entries: AuditEntry[]; rows: EveningLogEntity[] } {
    return chainRows(head, eveningId, records, at, this.hash);
  }
}
