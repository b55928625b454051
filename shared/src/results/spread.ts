/**
 * Statistics that look at the spread of grades: per-voter normalised scores (z-scores) and the
 * trimmed mean.
 */

import { mean, standardDeviation } from 'simple-statistics';
import type { VoterRow } from './voters';
import type { ChannelCounts, NormalisationCounts } from './types';
import { floorTolerant } from './numbers';

export interface ZScores {
  /** Mean z-score per bidder, null when no included voter scored it. */
  meanZ: (number | null)[];
  voters: number[];
  counts: NormalisationCounts;
}

/**
 * Per voter, over the bidders they scored: z = (overall grade - the voter's mean overall grade) /
 * the voter's standard deviation (population form: divide by the number of bidders, not by one
 * less). This removes the difference between harsh and lenient graders. Voters who scored fewer
 * than two bidders, or gave them all the same overall grade, have no spread and are left out (and
 * counted, per channel). Voters without any overall grade count as having graded fewer than two. A bidder's score is the mean of its voters' z-scores.
 */
export function zScores(rows: readonly VoterRow[], bidderCount: number): ZScores {
  const sums = new Array<number[]>(bidderCount);
  for (let b = 0; b < bidderCount; b++) sums[b] = [];
  const zero = (): ChannelCounts => ({ phone: 0, paper: 0 });
  const counts: NormalisationCounts = { votersIncluded: zero(), votersTooFewBidders: zero(), votersNoSpread: zero() };
  for (const { overall, channel } of rows) {
    const given = overall.filter((g): g is number => g !== null);
    if (given.length < 2) {
      counts.votersTooFewBidders[channel]++;
      continue;
    }
    if (given.every((g) => g === given[0])) {
      counts.votersNoSpread[channel]++;
      continue;
    }
    counts.votersIncluded[channel]++;
    const m = mean(given);
    const sd = standardDeviation(given);
    overall.forEach((g, b) => {
      if (g !== null) sums[b]!.push((g - m) / sd);
    });
  }
  return {
    meanZ: sums.map((z) => (z.length === 0 ? null : mean(z))),
    voters: sums.map((z) => z.length),
    counts,
  };
}

/** How many grades the trimmed mean cuts from each end: floor(n x fraction), leaving at least one. */
export function trimCut(n: number, fraction: number): number {
  return Math.max(0, Math.min(floorTolerant(n * fraction), Math.floor((n - 1) / 2)));
}

/**
 * The mean after leaving out the lowest and the highest `trimCut(n, fraction)` grades. Null when
 * there are no grades. Since the fraction is below one half, at least one grade always remains.
 */
export function trimmedMean(sortedAscending: readonly number[], fraction: number): { mean: number | null; count: number } {
  const n = sortedAscending.length;
  if (n === 0) return { mean: null, count: 0 };
  const cut = trimCut(n, fraction);
  const kept = sortedAscending.slice(cut, n - cut);
  return { mean: mean(kept), count: kept.length };
}
