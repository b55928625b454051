/**
 * Integrity signals. None of them deletes anything: declared ties are excluded from every count
 * (and listed), and flagged ballots are listed and left out only of the `withoutFlagged` section,
 * which is never the headline result. A signal is a reason to look, not proof of foul play: honest
 * residents can coincide. The thresholds are calibrated on simulated honest evenings
 * (`honest-evening.ts`, `test/bench/integrity.ts`); docs/methodology.md gives their false-positive rates.
 *
 * - Identical cluster: at least `clusterMinVoters` voters whose counted ballots are exactly the
 *   same (same bidders, same grade on every criterion, criteria not graded included), covering at
 *   least `clusterMinBidders` bidders and at least `clusterMinGrades` grades in all. All ballots of
 *   these voters are flagged.
 * - Top/bottom: a voter who gave exactly one bidder the highest grade of the scale on every
 *   criterion they graded, and every other bidder they scored (at least `topBottomMinOthers`) the
 *   lowest grade on every criterion they graded, with at least `topBottomMinGrades` grades in all.
 *   All ballots of the voter are flagged.
 * - Burst: per bidder, over the ballots with a time: a window of `burstWindowSeconds` seconds
 *   (both ends included) holding at least `burstMinBallots` ballots, where the count is improbable
 *   given the rate around the window. The expected count is the window's length times the higher
 *   of two rates: that of the `burstContextSeconds` before the window and that of the
 *   `burstContextSeconds` after it. The window is a burst when it holds at least
 *   `burstRateFactor` times the expected count and a Poisson count with that expectation reaches
 *   the window's count with probability at most `burstMaxProbability`. The
 *   busier side is used so that the rush when scoring opens (nothing before, many after) is judged
 *   against the rush itself. The ballots in such windows are flagged; overlapping windows form one
 *   burst.
 */

import { compareIds, type Prepared, type PreparedBallot } from './prepare';
import { FLAG_REASONS, type Burst, type FlagReason, type FlaggedBallot, type IdenticalCluster, type IntegrityReport } from './types';
import { round } from './numbers';

export interface IntegrityResult {
  report: IntegrityReport;
  /** Keys (`ballotId`) of the flagged counted ballots. */
  flagged: ReadonlySet<string>;
}

/** A stable key for one ballot (the voter's length first, so that no two pairs share a key). */
export function ballotId(b: Pick<PreparedBallot, 'voter' | 'bidderId'>): string {
  return `${b.voter.length}:${b.voter}${b.bidderId}`;
}

/** Counted ballots per voter, in voter-id order (the ballots come sorted by voter, then running order). */
function ballotsPerVoter(ballots: readonly PreparedBallot[]): PreparedBallot[][] {
  const groups: PreparedBallot[][] = [];
  for (const b of ballots) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0]!.voter === b.voter) last.push(b);
    else groups.push([b]);
  }
  return groups;
}

export function identicalClusters(prepared: Prepared): IdenticalCluster[] {
  const { clusterMinVoters, clusterMinBidders, clusterMinGrades } = prepared.settings.integrity;
  const bySignature = new Map<string, { voters: string[]; bidders: number }>();
  for (const group of ballotsPerVoter(prepared.counted)) {
    if (group.length < clusterMinBidders) continue;
    const grades = group.reduce((n, b) => n + Object.keys(b.grades).length, 0);
    if (grades < clusterMinGrades) continue;
    const signature = JSON.stringify(group.map((b) => [b.bidderId, prepared.criteria.map((c) => b.grades[c.id] ?? null)]));
    const entry = bySignature.get(signature);
    if (entry) entry.voters.push(group[0]!.voter);
    else bySignature.set(signature, { voters: [group[0]!.voter], bidders: group.length });
  }
  return [...bySignature.values()]
    .filter((c) => c.voters.length >= clusterMinVoters)
    .sort((a, b) => compareIds(a.voters[0]!, b.voters[0]!));
}

export function topBottomVoters(prepared: Prepared): string[] {
  const top = prepared.scale.levels[0]!.value;
  const bottom = prepared.scale.levels[prepared.scale.levels.length - 1]!.value;
  const { topBottomMinOthers: minOthers, topBottomMinGrades: minGrades } = prepared.settings.integrity;
  const everywhere = (b: PreparedBallot, value: number): boolean => Object.values(b.grades).every((g) => g === value);
  const voters: string[] = [];
  for (const group of ballotsPerVoter(prepared.counted)) {
    if (group.length < minOthers + 1) continue;
    if (group.reduce((n, b) => n + Object.keys(b.grades).length, 0) < minGrades) continue;
    const tops = group.filter((b) => everywhere(b, top)).length;
    const bottoms = group.filter((b) => everywhere(b, bottom)).length;
    if (tops === 1 && bottoms === group.length - 1) voters.push(group[0]!.voter);
  }
  return voters;
}

export interface BurstResult {
  bursts: Burst[];
  ballots: PreparedBallot[];
}

/** P(X >= k) for X Poisson with mean `expected` (k >= 1), summed from the top term down for accuracy. */
export function poissonTail(k: number, expected: number): number {
  if (k <= 0) return 1;
  if (expected <= 0) return 0;
  // P(X < k) = sum_{j < k} e^-m m^j / j!; the tail is 1 minus that, but for small tails sum upwards.
  let term = Math.exp(-expected);
  let below = 0;
  for (let j = 0; j < k; j++) {
    below += term;
    term *= expected / (j + 1);
  }
  if (below < 0.5) return 1 - below;
  // Upper tail directly: term is now P(X = k); add terms until they vanish.
  let tail = 0;
  for (let j = k; j < k + 10_000; j++) {
    tail += term;
    term *= expected / (j + 1);
    if (term < tail * 1e-17) break;
  }
  return Math.min(1, tail);
}

/** Bursts for one bidder's timed ballots, sorted by time (then voter id). */
function burstsOfBidder(timed: readonly PreparedBallot[], prepared: Prepared): BurstResult {
  const { burstWindowSeconds, burstMinBallots, burstContextSeconds, burstRateFactor, burstMaxProbability } = prepared.settings.integrity;
  const n = timed.length;
  if (n < burstMinBallots) return { bursts: [], ballots: [] };
  const time = (i: number): number => timed[i]!.submittedAt as number;
  const windowMs = burstWindowSeconds * 1000;
  const contextMs = burstContextSeconds * 1000;
  const marked = new Uint8Array(n);
  const peakFrom = new Int32Array(n);
  const expectedFrom = new Float64Array(n);
  let end = 0;
  let beforeStart = 0;
  let afterEnd = 0;
  for (let start = 0; start < n; start++) {
    // One window per distinct time: ballots with the same time as the one before are in its window.
    if (start > 0 && time(start) === time(start - 1)) continue;
    if (end < start) end = start;
    while (end < n && time(end) - time(start) <= windowMs) end++;
    const count = end - start;
    if (count < burstMinBallots) continue;
    // Context before: [t - context, t), the ballots from beforeStart up to start; after:
    // (t + window, t + window + context], the ballots from end up to afterEnd.
    while (time(beforeStart) < time(start) - contextMs) beforeStart++;
    if (afterEnd < end) afterEnd = end;
    while (afterEnd < n && time(afterEnd) - time(start) <= windowMs + contextMs) afterEnd++;
    const before = start - beforeStart;
    const after = afterEnd - end;
    const expected = (Math.max(before, after) * windowMs) / contextMs;
    if (count >= burstRateFactor * expected - 1e-9 && poissonTail(count, expected) <= burstMaxProbability) {
      for (let k = start; k < end; k++) marked[k] = 1;
      peakFrom[start] = count;
      expectedFrom[start] = expected;
    }
  }
  const bursts: Burst[] = [];
  const ballots: PreparedBallot[] = [];
  for (let i = 0; i < n; ) {
    if (marked[i] === 0) {
      i++;
      continue;
    }
    let j = i;
    let peak = 0;
    let expected = 0;
    while (j < n && marked[j] === 1) {
      if (peakFrom[j]! > peak) {
        peak = peakFrom[j]!;
        expected = expectedFrom[j]!;
      }
      j++;
    }
    const run = timed.slice(i, j);
    ballots.push(...run);
    bursts.push({
      bidderId: run[0]!.bidderId,
      ballots: run.length,
      peak,
      expected: round(expected),
      voters: run.map((b) => b.voter).sort(compareIds),
    });
    i = j;
  }
  return { bursts, ballots };
}

export function bursts(prepared: Prepared): BurstResult {
  if (prepared.burstCheck !== null) {
    const given = prepared.burstCheck.bursts;
    const keys = new Set(given.flatMap((burst) => burst.voters.map((voter) => ballotId({ voter, bidderId: burst.bidderId }))));
    return { bursts: given, ballots: prepared.counted.filter((b) => keys.has(ballotId(b))) };
  }
  const result: BurstResult = { bursts: [], ballots: [] };
  prepared.bidders.forEach((_, index) => {
    const timed = prepared.counted
      .filter((b) => b.bidderIndex === index && b.submittedAt !== null)
      .sort((a, b) => (a.submittedAt as number) - (b.submittedAt as number) || compareIds(a.voter, b.voter));
    const own = burstsOfBidder(timed, prepared);
    result.bursts.push(...own.bursts);
    result.ballots.push(...own.ballots);
  });
  return result;
}

/** All integrity signals of the counted ballots, and the set of flagged ballots. */
export function integritySignals(prepared: Prepared): IntegrityResult {
  const clusters = identicalClusters(prepared);
  const topBottom = topBottomVoters(prepared);
  const burst = bursts(prepared);

  const reasonsByBallot = new Map<string, Set<FlagReason>>();
  const flag = (b: PreparedBallot, reason: FlagReason): void => {
    const key = ballotId(b);
    const set = reasonsByBallot.get(key) ?? new Set<FlagReason>();
    set.add(reason);
    reasonsByBallot.set(key, set);
  };
  const clusterVoters = new Set(clusters.flatMap((c) => c.voters));
  const topBottomSet = new Set(topBottom);
  for (const b of prepared.counted) {
    if (clusterVoters.has(b.voter)) flag(b, 'identical-cluster');
    if (topBottomSet.has(b.voter)) flag(b, 'top-bottom');
  }
  for (const b of burst.ballots) flag(b, 'burst');

  // Counted ballots are in canonical order (voter id, then running order), so this list is too.
  const flaggedBallots: FlaggedBallot[] = [];
  for (const b of prepared.counted) {
    const reasons = reasonsByBallot.get(ballotId(b));
    if (reasons) flaggedBallots.push({ voter: b.voter, bidderId: b.bidderId, reasons: FLAG_REASONS.filter((r) => reasons.has(r)) });
  }

  return {
    report: {
      tiesDeclared: prepared.tiesDeclared,
      tiedVoters: prepared.tiedVoters.size,
      tiedVotersBallots: prepared.counted.filter((b) => prepared.tiedVoters.has(b.voter)).length,
      excludedForTies: prepared.excluded.map((b) => ({ voter: b.voter, bidderId: b.bidderId })),
      identicalClusters: clusters,
      topBottomVoters: topBottom,
      bursts: burst.bursts,
      flaggedBallots,
      ballotsWithTime: prepared.burstCheck?.ballotsWithTime ?? prepared.counted.filter((b) => b.submittedAt !== null).length,
    },
    flagged: new Set(reasonsByBallot.keys()),
  };
}
