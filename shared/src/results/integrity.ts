/**
 * Integrity signals. None of them deletes anything: declared ties are excluded from every count
 * (and listed), and flagged ballots are listed and left out only of the `withoutFlagged` section.
 * A signal is a reason to look, not proof of foul play: honest residents can coincide.
 *
 * - Identical cluster: at least `clusterMinVoters` voters whose counted ballots are exactly the
 *   same (same bidders, same grade on every criterion, criteria not graded included), covering at
 *   least `clusterMinBidders` bidders. All ballots of these voters are flagged.
 * - Top/bottom: a voter who gave exactly one bidder the highest grade of the scale on every
 *   criterion they graded, and every other bidder they scored (at least `topBottomMinOthers`) the
 *   lowest grade on every criterion they graded. All ballots of the voter are flagged.
 * - Burst: per bidder, over the ballots with a time: a window of `burstWindowSeconds` seconds
 *   holding at least `burstMinBallots` ballots and at least `burstRateFactor` times as many as the
 *   bidder's average rate predicts for such a window. The average rate is the bidder's timed
 *   ballots divided by the time from its first to its last timed ballot; the prediction for a
 *   window is that rate times the window (at most all ballots). The ballots in such windows are
 *   flagged; overlapping windows form one burst.
 */

import { compareIds, type Prepared, type PreparedBallot } from './prepare';
import { FLAG_REASONS, type Burst, type FlagReason, type FlaggedBallot, type IdenticalCluster, type IntegrityReport } from './types';
import { round } from './numbers';

export interface IntegrityResult {
  report: IntegrityReport;
  /** Keys (`ballotId`) of the flagged counted ballots. */
  flagged: ReadonlySet<string>;
}

/** A stable key for one ballot. */
export function ballotId(b: Pick<PreparedBallot, 'voter' | 'bidderId'>): string {
  return JSON.stringify([b.voter, b.bidderId]);
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
  const { clusterMinVoters, clusterMinBidders } = prepared.settings.integrity;
  const bySignature = new Map<string, { voters: string[]; bidders: number }>();
  for (const group of ballotsPerVoter(prepared.counted)) {
    if (group.length < clusterMinBidders) continue;
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
  const minOthers = prepared.settings.integrity.topBottomMinOthers;
  const everywhere = (b: PreparedBallot, value: number): boolean => Object.values(b.grades).every((g) => g === value);
  const voters: string[] = [];
  for (const group of ballotsPerVoter(prepared.counted)) {
    if (group.length < minOthers + 1) continue;
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

/** Bursts for one bidder's timed ballots, sorted by time (then voter id). */
function burstsOfBidder(timed: readonly PreparedBallot[], prepared: Prepared): BurstResult {
  const { burstWindowSeconds, burstMinBallots, burstRateFactor } = prepared.settings.integrity;
  const n = timed.length;
  if (n < burstMinBallots) return { bursts: [], ballots: [] };
  const time = (i: number): number => timed[i]!.submittedAt as number;
  const windowMs = burstWindowSeconds * 1000;
  const span = time(n - 1) - time(0);
  const expected = span > 0 ? n * Math.min(1, windowMs / span) : n;
  const marked = new Uint8Array(n);
  const peakFrom = new Int32Array(n);
  let end = 0;
  for (let start = 0; start < n; start++) {
    if (end < start) end = start;
    while (end < n && time(end) - time(start) <= windowMs) end++;
    const count = end - start;
    if (count >= burstMinBallots && count >= burstRateFactor * expected - 1e-9) {
      for (let k = start; k < end; k++) marked[k] = 1;
      peakFrom[start] = count;
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
    while (j < n && marked[j] === 1) peak = Math.max(peak, peakFrom[j++]!);
    const run = timed.slice(i, j);
    ballots.push(...run);
    bursts.push({
      bidderId: run[0]!.bidderId,
      from: time(i),
      to: time(j - 1),
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
