import { hash as oneShotHash } from 'node:crypto';
import { v7 as timeOrderedUuid } from 'uuid';
import { chainEntries, type AuditDetail, type AuditEntry, type AuditType, type TextHash } from '@buurtjury/shared';
import { plannedInsertSql, type InsertPlan } from '../database/insert-plan';

/**
 * The audit trail's rows, made without the database or Nest: what AuditLog appends, and what a
 * worker thread builds for a batch of ballots (BallotScriptThread), the same way.
 */

export interface AuditRecord {
  type: AuditType;
  /** Organiser id, "system", or "attendee" (ballots carry no identity). */
  actor: string;
  detail: AuditDetail;
}

/** An `evening_log` row (its columns, as EveningLogEntity has them). */
export interface LogRow {
  id: string;
  eveningId: string;
  sequence: number;
  type: string;
  actor: string;
  detail: AuditDetail;
  at: Date;
  previousHash: string;
  hash: string;
}

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

/** The chain's last entry, or null for an evening without entries. */
export type ChainHead = { sequence: number; hash: string } | null;

/** Links the records onto the chain after `head`, at one moment: the entries and their rows. */
export function chainRows(head: ChainHead, eveningId: string, records: readonly AuditRecord[], at: Date, hash: TextHash): { entries: AuditEntry[]; rows: LogRow[] } {
  const iso = at.toISOString();
  const entries = chainEntries(
    head,
    records.map((r) => ({ eveningId, type: r.type, actor: r.actor, detail: r.detail, at: iso })),
    hash,
  );
  // Every row of one append has the same moment: one Date for all (rows are written, never changed).
  const moment = new Date(iso);
  return {
    entries,
    rows: entries.map((e) => ({ id: entryId(), eveningId: e.eveningId, sequence: e.sequence, type: e.type, actor: e.actor, detail: e.detail, at: moment, previousHash: e.previousHash, hash: e.hash })),
  };
}

/** The statement that appends the records after `head` by the table's plan, and the chain's head once it ran. */
export function appendByPlan(plan: InsertPlan, head: ChainHead, eveningId: string, records: readonly AuditRecord[], at: Date, hash: TextHash): { sql: string; head: ChainHead } {
  const { entries, rows } = chainRows(head, eveningId, records, at, hash);
  const last = entries[entries.length - 1];
  return { sql: plannedInsertSql(plan, rows as unknown as Record<string, unknown>[], 'fail'), head: last ? { sequence: last.sequence, hash: last.hash } : head };
}
