import type { ErrorParams } from '../api/errors';
import type { VerificationCheck, VerificationMismatch } from '../api/rest';
import { cardsBeforePitch } from '../live/paper';
import { ballotHash, checkChain, paperEntryHash, type AuditEntry, type HashedBallot, type HashedPaperEntry } from './chain';
import { ballotsDigest, paperEntriesDigest } from './retention';
import { verifyNote, type VerifyNote, type VerifyReason } from './verify-reasons';

/** What the verifier reads from the database for one evening. */
export interface VerifyInput {
  entries: AuditEntry[];
  ballots: (HashedBallot & { attendeeId: string })[];
  ties: { attendeeId: string; bidderId: string }[];
  paper: (HashedPaperEntry & { withdrawn: boolean })[];
  versions: { number: number; recordSha256: string; resultsSha256: string }[];
  /** The record and results recomputed from the ballots now, or null when the evening has not ended. */
  recomputed: { recordSha256: string; resultsSha256: string; ballotsDigest: string } | null;
  /**
   * The record stored with the latest issued version when it has an older format version than
   * the one recomputed now: its format version and `recordBallotsDigest`. Null otherwise.
   */
  olderRecord?: { formatVersion: number; ballotsDigest: string } | null;
  /** The notes of ballots that arrived after scoring for their pitch closed (none counted). */
  late?: { id: string; bidderId: string }[];
}

interface Problem {
  sequence: number;
  type: string;
  reason: VerifyReason;
  params?: ErrorParams;
}

/** A problem found at an entry (or, with sequence Number.MAX_SAFE_INTEGER, in rows that were never logged). */
const found = (sequence: number, type: string, reason: VerifyReason, params?: ErrorParams): Problem => ({ sequence, type, reason, ...(params ? { params } : {}) });
const noteOf = (p: Problem): VerifyNote => verifyNote(p.reason, p.params, p.sequence === Number.MAX_SAFE_INTEGER ? undefined : p.sequence);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Recomputes an evening's audit chain and, from the stored ballots, what the chain says about
 * them: each ballot's hash, the final phone tally per pitch, each paper entry, and the record
 * and results every issued advice version rests on. Returns the checks and the first entry that
 * does not match (rows that were never logged count after every entry). No database, no framework.
 */
export function verifyEvening(input: VerifyInput): { checks: VerificationCheck[]; firstMismatch: VerificationMismatch | null } {
  const entries = [...input.entries].sort((a, b) => a.sequence - b.sequence);
  const problems: Problem[] = [];
  const checks: VerificationCheck[] = [];
  const check = (name: string, foundHere: Problem[], okNote: VerifyNote) => {
    problems.push(...foundHere);
    const notes = foundHere.length === 0 ? [okNote] : foundHere.map(noteOf);
    const detail = notes.map((n) => (n.sequence ? `entry ${n.sequence}: ${n.message}` : n.message)).join('; ');
    checks.push({ name, ok: foundHere.length === 0, detail, notes });
  };

  const chain = checkChain(entries);
  check('chain', chain ? [found(chain.sequence, chain.type, chain.reason, chain.params)] : [], verifyNote('chainOk', { count: entries.length }));

  // Retention deleted the raw remarks: from then on rows are checked against the digest it logged (shared/src/audit/retention.ts).
  const retention = entries.find((e) => e.type === 'retention-applied' && typeof e.detail.ballotsDigest === 'string');
  const retentionProblems = (rows: readonly { id: string; remark: string }[], digest: string, expected: unknown, mismatched: unknown, what: 'ballots' | 'paper'): Problem[] => {
    if (!retention) return [];
    const list: Problem[] = [];
    const [mismatchedReason, digestReason, remarkReason, type] =
      what === 'ballots'
        ? (['retentionBallotsMismatched', 'retentionBallotsDigest', 'ballotRemarkAgain', 'ballots'] as const)
        : (['retentionPaperMismatched', 'retentionPaperDigest', 'paperRemarkAgain', 'paper entries'] as const);
    const count = Number(mismatched);
    if (mismatched !== 0) list.push(found(retention.sequence, retention.type, mismatchedReason, { count: Number.isFinite(count) ? count : String(mismatched) }));
    if (digest !== expected) list.push(found(retention.sequence, retention.type, digestReason));
    for (const r of rows) if (r.remark !== '') list.push(found(Number.MAX_SAFE_INTEGER, type, remarkReason, { id: r.id }));
    return list;
  };

  // Ballots: every logged ballot is stored unchanged, and every stored ballot was logged.
  const ballotsById = new Map(input.ballots.map((b) => [b.id, b]));
  const logged = new Set<string>();
  const ballotProblems: Problem[] = [];
  for (const e of entries) {
    if (e.type !== 'ballot-accepted' && e.type !== 'ballot-replaced') continue;
    const id = str(e.detail.ballotId);
    logged.add(id);
    const row = ballotsById.get(id);
    if (!row) ballotProblems.push(found(e.sequence, e.type, 'ballotMissing', { id }));
    else if (!retention && ballotHash(row) !== e.detail.ballotHash) ballotProblems.push(found(e.sequence, e.type, 'ballotChanged', { id }));
  }
  for (const b of input.ballots) {
    if (!logged.has(b.id)) ballotProblems.push(found(Number.MAX_SAFE_INTEGER, 'ballot', 'ballotNotLogged', { id: b.id }));
  }
  if (retention) ballotProblems.push(...retentionProblems(input.ballots, ballotsDigest(input.ballots), retention.detail.ballotsDigest, retention.detail.ballotsMismatched, 'ballots'));
  check(
    'ballots',
    ballotProblems,
    retention ? verifyNote('ballotsOkAfterRetention', { count: input.ballots.length, entry: retention.sequence }) : verifyNote('ballotsOk', { count: input.ballots.length }),
  );

  // Ballots that arrived after their pitch's scoring closed: each note was logged when it arrived,
  // at a moment the trail shows that scoring closed, and none of them is stored as a counted ballot.
  const late = input.late ?? [];
  const lateById = new Map(late.map((l) => [l.id, l]));
  const lateLogged = new Set<string>();
  const open = new Set<string>();
  const lateProblems: Problem[] = [];
  for (const e of entries) {
    const bidderId = str(e.detail.bidderId);
    if (e.type === 'scoring-opened' || e.type === 'scoring-reopened') open.add(bidderId);
    else if (e.type === 'scoring-closed' || e.type === 'closed-with-next-pitch') open.delete(bidderId);
    else if (e.type === 'evening-ended') open.clear();
    else if (e.type === 'ballot-too-late') {
      const id = str(e.detail.ballotId);
      lateLogged.add(id);
      if (lateById.get(id)?.bidderId !== bidderId) lateProblems.push(found(e.sequence, e.type, 'lateMissing', { id }));
      if (open.has(bidderId)) lateProblems.push(found(e.sequence, e.type, 'lateWhileOpen', { id }));
      if (ballotsById.has(id)) lateProblems.push(found(e.sequence, e.type, 'lateCounted', { id }));
    }
  }
  for (const l of late) if (!lateLogged.has(l.id)) lateProblems.push(found(Number.MAX_SAFE_INTEGER, 'late ballot', 'lateNotLogged', { id: l.id }));
  check('late', lateProblems, verifyNote('lateOk', { count: late.length }));

  // The final phone tally per pitch, logged when the evening ended, recomputed from the ballots.
  const latest = new Map<string, HashedBallot & { attendeeId: string }>();
  for (const b of input.ballots) {
    const key = `${b.attendeeId}\n${b.bidderId}`;
    const known = latest.get(key);
    if (!known || known.serial < b.serial) latest.set(key, b);
  }
  const tied = new Set(input.ties.map((t) => `${t.attendeeId}\n${t.bidderId}`));
  const counted = new Map<string, number>();
  for (const [key, b] of latest) if (!tied.has(key)) counted.set(b.bidderId, (counted.get(b.bidderId) ?? 0) + 1);
  const tallyEntries = entries.filter((e) => e.type === 'pitch-tally');
  const tallyProblems: Problem[] = tallyEntries
    .filter((e) => (counted.get(str(e.detail.bidderId)) ?? 0) !== e.detail.phone)
    .map((e) => found(e.sequence, e.type, 'tallyDiffers', { counted: counted.get(str(e.detail.bidderId)) ?? 0, bidder: str(e.detail.bidderId), logged: String(e.detail.phone) }));
  check('tally', tallyProblems, tallyEntries.length > 0 ? verifyNote('tallyOk', { count: tallyEntries.length }) : verifyNote('tallyNotYet'));

  // Paper entries: each typed card entry is stored unchanged, withdrawals were logged, nothing was
  // typed or withdrawn after the evening ended, and no card was entered that did not exist when its pitch started.
  const paperById = new Map(input.paper.map((p) => [p.id, p]));
  const paperLogged = new Set<string>();
  const withdrawnLogged = new Set<string>();
  const paperProblems: Problem[] = [];
  const ended = entries.find((e) => e.type === 'evening-ended');
  const paperBidders = new Set(input.paper.map((p) => p.bidderId));
  const cardsAtStart = new Map([...paperBidders].map((b) => [b, cardsBeforePitch(entries, b)]));
  for (const e of entries) {
    if ((e.type === 'paper-entry' || e.type === 'paper-entry-withdrawn') && ended && e.sequence > ended.sequence) {
      paperProblems.push(
        e.type === 'paper-entry'
          ? found(e.sequence, e.type, 'paperTypedAfterEnd', { card: str(e.detail.card), ended: ended.sequence })
          : found(e.sequence, e.type, 'paperWithdrawnAfterEnd', { ended: ended.sequence }),
      );
    }
    if (e.type === 'paper-entry') {
      const id = str(e.detail.entryId);
      paperLogged.add(id);
      const row = paperById.get(id);
      if (!row) paperProblems.push(found(e.sequence, e.type, 'paperMissing', { id }));
      else if (!retention && paperEntryHash(row) !== e.detail.entryHash) paperProblems.push(found(e.sequence, e.type, 'paperChanged', { id }));
      if (row) {
        const printed = cardsAtStart.get(row.bidderId) ?? null;
        if (printed !== null && row.cardNumber > printed) {
          paperProblems.push(found(e.sequence, e.type, 'paperCardNotPrinted', { card: str(e.detail.card), printed }));
        }
      }
    } else if (e.type === 'paper-entry-withdrawn') withdrawnLogged.add(str(e.detail.entryId));
  }
  if (retention) paperProblems.push(...retentionProblems(input.paper, paperEntriesDigest(input.paper), retention.detail.paperDigest, retention.detail.paperMismatched, 'paper'));
  for (const p of input.paper) {
    if (!paperLogged.has(p.id)) paperProblems.push(found(Number.MAX_SAFE_INTEGER, 'paper-entry', 'paperNotLogged', { id: p.id }));
    else if (p.withdrawn !== withdrawnLogged.has(p.id)) {
      paperProblems.push(found(Number.MAX_SAFE_INTEGER, 'paper-entry', p.withdrawn ? 'paperWithdrawnUnlogged' : 'paperCountsAgain', { id: p.id }));
    }
  }
  check('paper', paperProblems, verifyNote('paperOk', { count: input.paper.length }));

  // Advice: each issued version's hashes are the ones logged, and the ballots still give the latest one's record.
  const versions = new Map(input.versions.map((v) => [v.number, v]));
  const adviceProblems: Problem[] = [];
  const issued = entries.filter((e) => e.type === 'advice-issued');
  for (const e of issued) {
    const v = versions.get(Number(e.detail.version));
    if (!v) adviceProblems.push(found(e.sequence, e.type, 'adviceVersionMissing', { version: String(e.detail.version) }));
    else if (v.recordSha256 !== e.detail.recordSha256 || v.resultsSha256 !== e.detail.resultsSha256) {
      adviceProblems.push(found(e.sequence, e.type, 'adviceHashesDiffer', { version: v.number }));
    }
    // The head the document printed: an entry of this chain, with that hash, before the version was issued.
    if (typeof e.detail.printedHeadSequence === 'number') {
      const printed = entries.find((x) => x.sequence === e.detail.printedHeadSequence);
      if (!printed || printed.hash !== e.detail.printedHeadHash || printed.sequence >= e.sequence) {
        adviceProblems.push(found(e.sequence, e.type, 'advicePrintedHead', { version: String(e.detail.version), printed: e.detail.printedHeadSequence }));
      }
    }
  }
  const heads = issued.some((e) => typeof e.detail.printedHeadSequence === 'number');
  const last = issued.at(-1);
  // An advice issued under an older record format: the record's text differs by format, so compare what it says about the ballots.
  const older = input.olderRecord ?? null;
  const formatOnly = older !== null && input.recomputed !== null && older.ballotsDigest === input.recomputed.ballotsDigest;
  if (last && input.recomputed && input.recomputed.recordSha256 !== last.detail.recordSha256 && !formatOnly) {
    adviceProblems.push(found(last.sequence, last.type, 'adviceRecordChanged', { version: String(last.detail.version), sha: `${input.recomputed.recordSha256.slice(0, 16)}…` }));
  }
  const adviceOk =
    issued.length === 0
      ? verifyNote('adviceNone')
      : formatOnly
        ? verifyNote('adviceOkOlderFormat', { count: issued.length, format: String(older!.formatVersion) })
        : verifyNote(heads ? 'adviceOkWithHeads' : 'adviceOk', { count: issued.length });
  check('advice', adviceProblems, adviceOk);

  const first = problems.reduce<Problem | null>((a, p) => (a === null || p.sequence < a.sequence ? p : a), null);
  if (!first) return { checks, firstMismatch: null };
  const note = noteOf(first);
  return {
    checks,
    firstMismatch: { sequence: first.sequence === Number.MAX_SAFE_INTEGER ? 0 : first.sequence, type: first.type, problem: note.message, reason: note.reason, ...(note.params ? { params: note.params } : {}) },
  };
}
