import canonicalize from 'canonicalize';
import { sha256Hex } from '../logic/fingerprint';

/**
 * The evening's audit trail is a hash chain: every entry holds the SHA-256 of its own content
 * and of the entry before it, so changing, removing or inserting an entry anywhere breaks every
 * hash after it. Plain functions, used by the server when appending and by the verifier.
 */

export type AuditDetail = Record<string, string | number | boolean | null>;

/** What an entry says; its hash covers exactly these fields. */
export interface AuditContent {
  eveningId: string;
  sequence: number;
  type: string;
  /** Organiser id, "system", or "attendee" for ballots (never the attendee's identity). */
  actor: string;
  detail: AuditDetail;
  /** ISO 8601 with milliseconds. */
  at: string;
}

export interface AuditEntry extends AuditContent {
  previousHash: string;
  hash: string;
}

/** The "previous hash" of an evening's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The types of entry the server appends; the verifier knows what each must match. */
export const AUDIT_TYPES = [
  'setup-frozen',
  'evening-started',
  'pitch-started',
  'pitch-skipped',
  'scoring-opened',
  'scoring-closed',
  'closed-with-next-pitch',
  'scoring-reopened',
  'screen-changed',
  'live-results',
  'place-revealed',
  'evening-ended',
  'pitch-tally',
  'ballot-accepted',
  'ballot-replaced',
  'tickets-created',
  'ticket-used',
  'ticket-released',
  'tickets-reissued',
  'paper-cards-printed',
  'paper-entry',
  'paper-entry-withdrawn',
  'paper-card-agreed',
  'advice-issued',
  'evening-details-changed',
  'evening-change-refused',
  'retention-applied',
  'expected-attendance-set',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('audit content cannot be serialised');
  return text;
}

/** SHA-256 over the previous hash and the canonical JSON (RFC 8785) of the entry's content. */
export function auditEntryHash(previousHash: string, content: AuditContent): string {
  const { eveningId, sequence, type, actor, detail, at } = content;
  return sha256Hex(`buurtjury-audit\n${previousHash}\n${canonical({ eveningId, sequence, type, actor, detail, at })}`);
}

/** Links new entries onto the chain whose last entry is `head` (null for an empty chain). */
export function chainEntries(head: { sequence: number; hash: string } | null, contents: Omit<AuditContent, 'sequence'>[]): AuditEntry[] {
  let sequence = head?.sequence ?? 0;
  let previousHash = head?.hash ?? GENESIS_HASH;
  return contents.map((c) => {
    sequence++;
    const content: AuditContent = { ...c, sequence };
    const hash = auditEntryHash(previousHash, content);
    const entry: AuditEntry = { ...content, previousHash, hash };
    previousHash = hash;
    return entry;
  });
}

export interface ChainProblem {
  sequence: number;
  type: string;
  problem: string;
}

/** Recomputes the chain (entries in any order) and returns the first entry that does not match, or null. */
export function checkChain(entries: readonly AuditEntry[]): ChainProblem | null {
  const sorted = [...entries].sort((a, b) => a.sequence - b.sequence);
  let previousHash = GENESIS_HASH;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (e.sequence !== i + 1) {
      return { sequence: e.sequence, type: e.type, problem: `expected entry ${i + 1} here: ${e.sequence < i + 1 ? 'a sequence number appears twice' : 'an entry is missing'}` };
    }
    if (e.previousHash !== previousHash) return { sequence: e.sequence, type: e.type, problem: 'its previous hash does not match the entry before it' };
    if (auditEntryHash(previousHash, e) !== e.hash) return { sequence: e.sequence, type: e.type, problem: 'its content does not match its hash (the entry was changed)' };
    previousHash = e.hash;
  }
  return null;
}

/** The parts of a phone ballot its hash covers: not who sent it, not when. */
export interface HashedBallot {
  id: string;
  bidderId: string;
  serial: number;
  grades: Record<string, number>;
  remark: string;
  receipt: string;
}

export function ballotHash(b: HashedBallot): string {
  return sha256Hex(`buurtjury-ballot\n${canonical({ id: b.id, bidderId: b.bidderId, serial: b.serial, grades: b.grades, remark: b.remark, receipt: b.receipt })}`);
}

/** The parts of one typed-in paper card entry its hash covers. */
export interface HashedPaperEntry {
  id: string;
  bidderId: string;
  cardNumber: number;
  grades: Record<string, number>;
  remark: string;
  enteredById: string;
}

export function paperEntryHash(e: HashedPaperEntry): string {
  return sha256Hex(
    `buurtjury-paper\n${canonical({ id: e.id, bidderId: e.bidderId, cardNumber: e.cardNumber, grades: e.grades, remark: e.remark, enteredById: e.enteredById })}`,
  );
}
