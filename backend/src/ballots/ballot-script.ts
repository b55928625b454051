import { ballotHash, type BallotAuditType, type TextHash } from '@buurtjury/shared';
import { appendByPlan, type AuditRecord, type ChainHead } from '../infrastructure/audit-log/chain-rows';
import { plannedInsertSql, type InsertPlan } from '../infrastructure/database/insert-plan';

/**
 * A batch of accepted ballots as one sqlite script's statements: the ballots' INSERT, then per
 * evening the INSERT of their audit entries (each with the ballot's hash), chained after the head
 * the writer read. Plain data in, plain data out, no database and no Nest: the BallotWriter runs it
 * on the main thread for a small batch and on a worker thread for a large one (BallotScriptThread),
 * and gets the same text either way.
 */

/** A ballot row as the `ballot` table has it (BallotEntity's columns). */
export interface BallotRow {
  id: string;
  eveningId: string;
  bidderId: string;
  attendeeId: string;
  serial: number;
  grades: Record<string, number>;
  remark: string;
  receipt: string;
  submittedAt: Date;
}

export interface BallotScriptJob {
  /** In arrival order. */
  ballots: readonly BallotRow[];
  /** Per ballot, its audit entry's type. */
  types: readonly BallotAuditType[];
  /** The chain's head of every evening in the batch, read (or kept) under the writer's lock. */
  heads: readonly (readonly [string, ChainHead])[];
  /** The entries' moment (ms since the epoch). */
  at: number;
  plans: { ballot: InsertPlan; log: InsertPlan };
}

export interface BallotScript {
  statements: string[];
  /** Each evening's head once the script ran. */
  heads: [string, ChainHead][];
}

/** A ballot's audit entry: its hash, id, pitch and serial, not who sent it. */
export function ballotAuditRecord(row: BallotRow, type: BallotAuditType, hash: TextHash): AuditRecord {
  return { type, actor: 'attendee', detail: { ballotId: row.id, bidderId: row.bidderId, serial: row.serial, ballotHash: ballotHash(row, hash) } };
}

export function buildBallotScript(job: BallotScriptJob, hash: TextHash): BallotScript {
  const perEvening = new Map<string, AuditRecord[]>();
  job.ballots.forEach((row, i) => {
    const record = ballotAuditRecord(row, job.types[i]!, hash);
    const records = perEvening.get(row.eveningId);
    if (records) records.push(record);
    else perEvening.set(row.eveningId, [record]);
  });
  const heads = new Map(job.heads);
  const statements = [plannedInsertSql(job.plans.ballot, job.ballots as unknown as Record<string, unknown>[], 'fail')];
  const at = new Date(job.at);
  for (const [eveningId, records] of perEvening) {
    if (!heads.has(eveningId)) throw new Error(`No chain head given for evening ${eveningId}`);
    const append = appendByPlan(job.plans.log, heads.get(eveningId)!, eveningId, records, at, hash);
    statements.push(append.sql);
    heads.set(eveningId, append.head);
  }
  return { statements, heads: [...heads] };
}
