import type { VerificationCheck } from '../api/rest';
import { cardsBeforePitch } from '../live/paper';
import { ballotHash, checkChain, paperEntryHash, type AuditEntry, type HashedBallot, type HashedPaperEntry } from './chain';
import { ballotsDigest, paperEntriesDigest } from './retention';

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
}

interface Problem {
  sequence: number;
  type: string;
  problem: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Recomputes an evening's audit chain and, from the stored ballots, what the chain says about
 * them: each ballot's hash, the final phone tally per pitch, each paper entry, and the record
 * and results every issued advice version rests on. Returns the checks and the first entry that
 * does not match (rows that were never logged count after every entry). No database, no framework.
 */
export function verifyEvening(input: VerifyInput): { checks: VerificationCheck[]; firstMismatch: Problem | null } {
  const entries = [...input.entries].sort((a, b) => a.sequence - b.sequence);
  const problems: Problem[] = [];
  const checks: VerificationCheck[] = [];
  const check = (name: string, found: Problem[], okText: string) => {
    problems.push(...found);
    checks.push({ name, ok: found.length === 0, detail: found.length === 0 ? okText : found.map((p) => (p.sequence > 0 ? `entry ${p.sequence}: ${p.problem}` : p.problem)).join('; ') });
  };

  const chain = checkChain(entries);
  check('chain', chain ? [chain] : [], `${entries.length} entries, each linked to the one before and matching its hash`);

  // Retention deleted the raw remarks: from then on rows are checked against the digest it logged (shared/src/audit/retention.ts).
  const retention = entries.find((e) => e.type === 'retention-applied' && typeof e.detail.ballotsDigest === 'string');
  const retentionProblems = (rows: readonly { id: string; remark: string }[], digest: string, expected: unknown, mismatched: unknown, what: string): Problem[] => {
    if (!retention) return [];
    const found: Problem[] = [];
    if (mismatched !== 0) found.push({ sequence: retention.sequence, type: retention.type, problem: `${String(mismatched)} ${what} did not match their logged hash when retention deleted the remarks` });
    if (digest !== expected) found.push({ sequence: retention.sequence, type: retention.type, problem: `the stored ${what} no longer match the digest logged when retention deleted the remarks (a ${what.replace(/s$/, '')} was changed)` });
    for (const r of rows) if (r.remark !== '') found.push({ sequence: Number.MAX_SAFE_INTEGER, type: what, problem: `${what.replace(/s$/, '')} ${r.id} has a remark again after retention deleted them` });
    return found;
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
    if (!row) ballotProblems.push({ sequence: e.sequence, type: e.type, problem: `ballot ${id} is missing from the ballot table` });
    else if (!retention && ballotHash(row) !== e.detail.ballotHash) {
      ballotProblems.push({ sequence: e.sequence, type: e.type, problem: `the stored ballot ${id} does not match the hash logged when it was accepted (the ballot was changed)` });
    }
  }
  for (const b of input.ballots) {
    if (!logged.has(b.id)) ballotProblems.push({ sequence: Number.MAX_SAFE_INTEGER, type: 'ballot', problem: `ballot ${b.id} is stored but was never logged` });
  }
  if (retention) ballotProblems.push(...retentionProblems(input.ballots, ballotsDigest(input.ballots), retention.detail.ballotsDigest, retention.detail.ballotsMismatched, 'ballots'));
  check(
    'ballots',
    ballotProblems,
    retention
      ? `${input.ballots.length} stored ballots; retention deleted their remarks (entry ${retention.sequence}) after checking each against the hash logged when it was accepted, and they match the digest logged then`
      : `${input.ballots.length} stored ballots, each matching the hash logged when it was accepted`,
  );

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
    .map((e) => ({
      sequence: e.sequence,
      type: e.type,
      problem: `the ballots give ${counted.get(str(e.detail.bidderId)) ?? 0} counted phone ballots for bidder ${str(e.detail.bidderId)}, the log says ${String(e.detail.phone)}`,
    }));
  check('tally', tallyProblems, tallyEntries.length > 0 ? `the final phone tally of ${tallyEntries.length} pitches recomputes from the ballots` : 'the evening has not ended: no final tally logged yet');

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
      paperProblems.push({
        sequence: e.sequence,
        type: e.type,
        problem: `${e.type === 'paper-entry' ? `card ${str(e.detail.card)} was typed in` : 'a paper entry was withdrawn'} after the evening ended (entry ${ended.sequence}), when the results could be known`,
      });
    }
    if (e.type === 'paper-entry') {
      const id = str(e.detail.entryId);
      paperLogged.add(id);
      const row = paperById.get(id);
      if (!row) paperProblems.push({ sequence: e.sequence, type: e.type, problem: `paper entry ${id} is missing` });
      else if (!retention && paperEntryHash(row) !== e.detail.entryHash) paperProblems.push({ sequence: e.sequence, type: e.type, problem: `paper entry ${id} was changed after it was typed in` });
      if (row) {
        const printed = cardsAtStart.get(row.bidderId) ?? null;
        if (printed !== null && row.cardNumber > printed) {
          paperProblems.push({ sequence: e.sequence, type: e.type, problem: `card ${str(e.detail.card)} was typed in, but only ${printed} cards existed when its pitch started` });
        }
      }
    } else if (e.type === 'paper-entry-withdrawn') withdrawnLogged.add(str(e.detail.entryId));
  }
  if (retention) paperProblems.push(...retentionProblems(input.paper, paperEntriesDigest(input.paper), retention.detail.paperDigest, retention.detail.paperMismatched, 'paper entries'));
  for (const p of input.paper) {
    if (!paperLogged.has(p.id)) paperProblems.push({ sequence: Number.MAX_SAFE_INTEGER, type: 'paper-entry', problem: `paper entry ${p.id} is stored but was never logged` });
    else if (p.withdrawn !== withdrawnLogged.has(p.id)) {
      paperProblems.push({ sequence: Number.MAX_SAFE_INTEGER, type: 'paper-entry', problem: `paper entry ${p.id} is ${p.withdrawn ? 'withdrawn without a logged withdrawal' : 'logged as withdrawn but counts again'}` });
    }
  }
  check('paper', paperProblems, `${input.paper.length} paper card entries, each matching its logged hash, all typed before the evening ended, on cards that existed when their pitch started`);

  // Advice: each issued version's hashes are the ones logged, and the ballots still give the latest one's record.
  const versions = new Map(input.versions.map((v) => [v.number, v]));
  const adviceProblems: Problem[] = [];
  const issued = entries.filter((e) => e.type === 'advice-issued');
  for (const e of issued) {
    const v = versions.get(Number(e.detail.version));
    if (!v) adviceProblems.push({ sequence: e.sequence, type: e.type, problem: `advice version ${String(e.detail.version)} is missing` });
    else if (v.recordSha256 !== e.detail.recordSha256 || v.resultsSha256 !== e.detail.resultsSha256) {
      adviceProblems.push({ sequence: e.sequence, type: e.type, problem: `advice version ${v.number} lists other record or results hashes than were logged when it was issued` });
    }
  }
  const last = issued.at(-1);
  // An advice issued under an older record format: the record's text differs by format, so compare what it says about the ballots.
  const older = input.olderRecord ?? null;
  const formatOnly = older !== null && input.recomputed !== null && older.ballotsDigest === input.recomputed.ballotsDigest;
  if (last && input.recomputed && input.recomputed.recordSha256 !== last.detail.recordSha256 && !formatOnly) {
    adviceProblems.push({
      sequence: last.sequence,
      type: last.type,
      problem: `the stored ballots no longer give the record advice version ${String(last.detail.version)} was issued with (record SHA-256 now ${input.recomputed.recordSha256.slice(0, 16)}…)`,
    });
  }
  const adviceOk =
    issued.length === 0
      ? 'no advice issued yet'
      : formatOnly
        ? `${issued.length} issued version(s) match their logged hashes; the latest record has format version ${String(older!.formatVersion)}, and the ballots it holds are exactly the stored ballots`
        : `${issued.length} issued version(s) match their logged hashes and the ballots still give the latest record`;
  check('advice', adviceProblems, adviceOk);

  const first = problems.reduce<Problem | null>((a, p) => (a === null || p.sequence < a.sequence ? p : a), null);
  return { checks, firstMismatch: first ? { ...first, sequence: first.sequence === Number.MAX_SAFE_INTEGER ? 0 : first.sequence } : null };
}
