import canonicalize from 'canonicalize';
import type { ErrorParams } from '../api/errors';
import { sha256Hex } from '../logic/fingerprint';
import { verifyNote, type VerifyReason } from './verify-reasons';

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
  'scoring-close-announced',
  'scoring-reopened',
  'screen-changed',
  'live-results',
  'place-revealed',
  'evening-ended',
  'pitch-tally',
  'ballot-accepted',
  'ballot-replaced',
  'ballot-too-late',
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
  'incident-recorded',
  'incident-changed',
  'incident-removed',
  'draw-committed',
  'draw-contribution-added',
  'draw-revealed',
  'bidder-invited',
  'bidder-link-revoked',
  'bidder-page-opened',
  'bidder-responded',
  'bidder-details-changed',
  'evening-copied',
  'committee-link-created',
  'committee-link-revoked',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

/**
 * SHA-256 of a text's UTF-8 bytes, as lower-case hex. The default everywhere is the portable
 * implementation (`sha256Hex`, pure JavaScript: the browser and the verifier use it); the server
 * passes node:crypto's, which gives the same digests (a unit test shows it) many times faster.
 */
export type TextHash = (text: string) => string;

function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('audit content cannot be serialised');
  return text;
}

/**
 * The canonical JSON (RFC 8785) of a flat record (string, finite number, boolean or null values),
 * written directly; anything else goes through the general `canonicalize`, so the text is always
 * the same as canonicalize's (a property test compares them). Strings and numbers are written by
 * JSON.stringify, exactly as canonicalize writes them.
 */
function canonicalFlat(record: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = record[key];
    let written: string;
    if (typeof value === 'string' || value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) written = JSON.stringify(value);
    else return canonical(record);
    text += i === 0 ? keyText(key) + written : `,${keyText(key)}${written}`;
  }
  return `${text}}`;
}

/** A key as canonical JSON writes it, with its colon; the few keys that recur (criteria ids, detail fields) are kept. */
const keyTexts = new Map<string, string>();
function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (keyTexts.size < 10_000) keyTexts.set(key, text);
  }
  return text;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/** canonical({ eveningId, sequence, type, actor, detail, at }), its keys in sorted order; other shapes through `canonical`. */
function canonicalContent(content: AuditContent): string {
  const { eveningId, sequence, type, actor, detail, at } = content;
  if (typeof eveningId !== 'string' || typeof type !== 'string' || typeof actor !== 'string' || typeof at !== 'string' || !Number.isFinite(sequence) || !isPlainRecord(detail)) {
    return canonical({ eveningId, sequence, type, actor, detail, at });
  }
  const s = JSON.stringify;
  return `{"actor":${s(actor)},"at":${s(at)},"detail":${canonicalFlat(detail)},"eveningId":${s(eveningId)},"sequence":${s(sequence)},"type":${s(type)}}`;
}

/** SHA-256 over the previous hash and the canonical JSON (RFC 8785) of the entry's content. */
export function auditEntryHash(previousHash: string, content: AuditContent, hash: TextHash = sha256Hex): string {
  return hash(`buurtjury-audit\n${previousHash}\n${canonicalContent(content)}`);
}

/** Links new entries onto the chain whose last entry is `head` (null for an empty chain). */
export function chainEntries(
  head: { sequence: number; hash: string } | null,
  contents: Omit<AuditContent, 'sequence'>[],
  hash: TextHash = sha256Hex,
): AuditEntry[] {
  let sequence = head?.sequence ?? 0;
  let previousHash = head?.hash ?? GENESIS_HASH;
  return contents.map((c) => {
    sequence++;
    // Written out rather than spread: a ballot burst chains thousands at a time.
    const content: AuditContent = { eveningId: c.eveningId, sequence, type: c.type, actor: c.actor, detail: c.detail, at: c.at };
    const entryHash = auditEntryHash(previousHash, content, hash);
    const entry: AuditEntry = { eveningId: c.eveningId, sequence, type: c.type, actor: c.actor, detail: c.detail, at: c.at, previousHash, hash: entryHash };
    previousHash = entryHash;
    return entry;
  });
}

export interface ChainProblem {
  sequence: number;
  type: string;
  /** In English (for API clients and `npm run verify`); `reason` and `params` give it in the UI's language. */
  problem: string;
  reason: VerifyReason;
  params?: ErrorParams;
}

const chainProblem = (e: AuditEntry, reason: VerifyReason, params?: ErrorParams): ChainProblem => {
  const note = verifyNote(reason, params);
  return { sequence: e.sequence, type: e.type, problem: note.message, reason, ...(params ? { params } : {}) };
};

/** Recomputes the chain (entries in any order) and returns the first entry that does not match, or null. */
export function checkChain(entries: readonly AuditEntry[], hash: TextHash = sha256Hex): ChainProblem | null {
  const sorted = [...entries].sort((a, b) => a.sequence - b.sequence);
  let previousHash = GENESIS_HASH;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    if (e.sequence !== i + 1) return chainProblem(e, e.sequence < i + 1 ? 'chainDuplicate' : 'chainMissing', { expected: i + 1 });
    if (e.previousHash !== previousHash) return chainProblem(e, 'chainPreviousHash');
    if (auditEntryHash(previousHash, e, hash) !== e.hash) return chainProblem(e, 'chainContent');
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

/** canonical({ id, bidderId, serial, grades, remark, receipt }), its keys in sorted order; other shapes through `canonical`. */
function canonicalBallot(b: HashedBallot): string {
  const { id, bidderId, serial, grades, remark, receipt } = b;
  if (typeof id !== 'string' || typeof bidderId !== 'string' || typeof remark !== 'string' || typeof receipt !== 'string' || !Number.isFinite(serial) || !isPlainRecord(grades)) {
    return canonical({ id, bidderId, serial, grades, remark, receipt });
  }
  const s = JSON.stringify;
  return `{"bidderId":${s(bidderId)},"grades":${canonicalFlat(grades)},"id":${s(id)},"receipt":${s(receipt)},"remark":${s(remark)},"serial":${s(serial)}}`;
}

export function ballotHash(b: HashedBallot, hash: TextHash = sha256Hex): string {
  return hash(`buurtjury-ballot\n${canonicalBallot(b)}`);
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

export function paperEntryHash(e: HashedPaperEntry, hash: TextHash = sha256Hex): string {
  return hash(
    `buurtjury-paper\n${canonical({ id: e.id, bidderId: e.bidderId, cardNumber: e.cardNumber, grades: e.grades, remark: e.remark, enteredById: e.enteredById })}`,
  );
}
