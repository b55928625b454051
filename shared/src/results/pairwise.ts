/**
 * Head-to-head comparisons on the voters' overall grades: the pairwise (Condorcet) matrix and the
 * Borda share.
 */

import type { VoterRow } from './voters';

/**
 * preferred[i][j]: the number of voters who gave both bidder i and bidder j an overall grade and
 * gave i a strictly higher one than j. Voters who gave both the same grade count for neither.
 */
export function pairwiseMatrix(rows: readonly VoterRow[], bidderCount: number): number[][] {
  const preferred = Array.from({ length: bidderCount }, () => new Array<number>(bidderCount).fill(0));
  for (const { overall, graded } of rows) {
    if (graded < 2) continue;
    for (let i = 0; i < bidderCount; i++) {
      const gi = overall[i];
      if (gi === null || gi === undefined) continue;
      for (let j = 0; j < bidderCount; j++) {
        const gj = overall[j];
        if (j !== i && gj !== null && gj !== undefined && gi > gj) preferred[i]![j]! += 1;
      }
    }
  }
  return preferred;
}

/**
 * The index of the assessed bidder who beats every other assessed bidder head to head (more of the
 * voters who graded both prefer it than the other), or null. Bidders that were not assessed (no
 * overall grade at all, such as a skipped pitch) take no part: they are neither beaten nor a
 * reason that nobody wins.
 */
export function condorcetWinner(preferred: readonly (readonly number[])[], assessed: readonly boolean[]): number | null {
  const n = preferred.length;
  for (let i = 0; i < n; i++) {
    if (!assessed[i]) continue;
    let beatsAll = true;
    for (let j = 0; j < n && beatsAll; j++) {
      if (j !== i && assessed[j] && !(preferred[i]![j]! > preferred[j]![i]!)) beatsAll = false;
    }
    if (beatsAll) return i;
  }
  return null;
}

export interface BordaShares {
  /** Mean share per bidder, null when no voter qualifies. */
  shares: (number | null)[];
  /** Voters included per bidder. */
  voters: number[];
}

/**
 * The Borda share, a Borda count over the bidders each voter actually graded. A voter who gave an
 * overall grade to m >= 2 bidders gives each of them
 *   (bidders they graded lower + half of the bidders they graded equally) / (m - 1),
 * a share from 0 to 1: the classic Borda points (m - 1, ..., 0, tied bidders sharing) divided by
 * the most points that voter could give. A bidder's Borda share is the mean over the voters who
 * gave it such a share. Bidders a voter did not grade count neither for nor against; voters who
 * graded a single bidder give nothing. When every voter graded every bidder, the order is exactly
 * that of the classic Borda count.
 */
export function bordaShares(rows: readonly VoterRow[], bidderCount: number): BordaShares {
  const sums = new Array<number>(bidderCount).fill(0);
  const voters = new Array<number>(bidderCount).fill(0);
  for (const { overall, graded } of rows) {
    if (graded < 2) continue;
    for (let i = 0; i < bidderCount; i++) {
      const gi = overall[i];
      if (gi === null || gi === undefined) continue;
      let below = 0;
      let equal = 0;
      for (let j = 0; j < bidderCount; j++) {
        const gj = overall[j];
        if (j === i || gj === null || gj === undefined) continue;
        if (gj < gi) below++;
        else if (gj === gi) equal++;
      }
      sums[i]! += (below + equal / 2) / (graded - 1);
      voters[i]! += 1;
    }
  }
  return { shares: sums.map((s, b) => (voters[b]! === 0 ? null : s / voters[b]!)), voters };
}
