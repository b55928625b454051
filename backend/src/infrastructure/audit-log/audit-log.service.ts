import { Inject, Injectable, Optional } from '@nestjs/common';
import { hash as oneShotHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as timeOrderedUuid } from 'uuid';
import { chainEntries, type AuditDetail, type AuditEntry, type AuditType, type TextHash } from '@buurtjury/shared';
import { insertRowsInChunks, insertSql, tableName } from '../database/batched-inserter';
import { lockEvening } from '../database/evening-lock';
import { EveningLogEntity } from '../database/schema/live';

export interface AuditRecord {
  type: AuditType;
  /** Organiser id, "system", or "attendee" (ballots carry no identity). */
  actor: string;
  detail: AuditDetail;
}

/**
 * Entries per INSERT: 9 columns x 2,000 = 18,000 bound values, below sqlite's limit (32,766) and
 * PostgreSQL's (65,535); a batch of 2,000 ballots logs its entries in one statement.
 */
const ENTRIES_PER_STATEMENT = 2000;

/**
 * SHA-256 (hex) of a text's UTF-8 bytes through node:crypto: the same digests as the shared
 * portable one, many times faster. The one-shot `crypto.hash` (Node 20.12+) takes about a quarter
 * of `createHash().update().digest()`'s time for a ballot-sized text (no Hash object per call).
 */
export const nodeSha256Hex: TextHash = (text) => oneShotHash('sha256', text, 'hex');

/**
 * An entry's row id: a time-ordered UUID (version 7, monotonic within the process), so each batch's
 * entries go to the end of the table's primary-key index instead of random places in it. With
 * random ids sqlite spent about twice as long on a 2,000-entry insert once the table held some
 * tens of thousands of entries (docs/performance.md). The id is not part of what an entry's hash
 * covers; the chain's order is its sequence.
 */
export const entryId = (): string => timeOrderedUuid();

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
    const table = tableName(m.connection, EveningLogEntity);
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
   * For a script (DatabaseWriter.script, sqlite): the statement that appends these records after
   * `head`, which the caller read under the writer's lock, and the chain's head once it ran. It
   * must run in the same script as the change the entries describe.
   */
  appendSql(
    connection: DataSource,
    head: { sequence: number; hash: string } | null,
    eveningId: string,
    records: readonly AuditRecord[],
    at = new Date(),
  ): { sql: string; head: { sequence: number; hash: string } | null } {
    const { entries, rows } = this.chain(head, eveningId, records, at);
    const last = entries[entries.length - 1];
    return { sql: insertSql(connection, EveningLogEntity, rows, 'fail'), head: last ? { sequence: last.sequence, hash: last.hash } : head };
  }

  private chain(head: { sequence: number; hash: string } | null, eveningId: string, records: readonly AuditRecord[], at: Date): { entries: AuditEntry[]; rows: EveningLogEntity[] } {
    const iso = at.toISOString();
    const entries = chainEntries(
      head,
      records.map((r) => ({ eveningId, type: r.type, actor: r.actor, detail: r.detail, at: iso })),
      this.hash,
    );
    // Every row of one append has the same moment: one Date for all (rows are written, never changed).
    const moment = new Date(iso);
    return {
      entries,
      rows: entries.map((e) => ({ id: entryId(), eveningId: e.eveningId, sequence: e.sequence, type: e.type, actor: e.actor, detail: e.detail, at: moment, previousHash: e.previousHash, hash: e.hash })),
    };
  }
}
