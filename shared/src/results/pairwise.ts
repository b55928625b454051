/**
 * Head-to-head comparisons on the voters' overall grades: the pairwise (Condorcet) matrix and the
 * Borda count.
 */

import type { VoterRow } from './voters';

/**
 * preferred[i][j]: the number of voters who scored both bidder i and bidder j and gave i a strictly
 * higher overall grade than j. Voters who gave both the same grade count for neither.
 */
export function pairwiseMatrix(rows: readonly VoterRow[], bidderCount: number): number[][] {
  const preferred = Array.from({ length: bidderCount }, () => new Array<number>(bidderCount).fill(0));
  for (const { overall } of rows) {
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

/** The index of the bidder who beats every other bidder head to head (strict majority of the voters who compared them), or null. */
export function condorcetWinner(preferred: readonly (readonly number[])[]): number | null {
  const n = preferred.length;
  for (let i = 0; i < n; i++) {
    let beatsAll = true;
    for (let j = 0; j < n && beatsAll; j++) {
      if (j !== i && !(preferred[i]![j]! > preferred[j]![i]!)) beatsAll = false;
    }
    if (beatsAll) return i;
  }
  return null;
}

export interface BordaCount {
  /** Points per bidder. */
  points: number[];
  /** Voters who gave each bidder points. */
  voters: number[];
}

/**
 * The Borda count. A voter who scored m >= 2 bidders gives each of them
 *   (bidders they graded lower + half of the bidders they graded equally) x (B - 1) / (m - 1)
 * points, where B is the number of bidders of the evening. A voter who scored every bidder thus
 * gives the classic B - 1, B - 2, ..., 0 points (tied bidders share), and a voter who scored fewer
 * bidders spreads the same range, 0 to B - 1, over the bidders they did score. Voters who scored
 * a single bidder give no points.
 */
export function bordaCount(rows: readonly VoterRow[], bidderCount: number): BordaCount {
  const points = new Array<number>(bidderCount).fill(0);
  const voters = new Array<number>(bidderCount).fill(0);
  for (const { overall } of rows) {
    const scored: number[] = [];
    overall.forEach((g, b) => {
      if (g !== null) scored.push(b);
    });
    const m = scored.length;
    if (m < 2) continue;
    const factor = (bidderCount - 1) / (m - 1);
    for (const i of scored) {
      const gi = overall[i] as number;
      let below = 0;
      let equal = 0;
      for (const j of scored) {
        if (j === i) continue;
        const gj = overall[j] as number;
        if (gj < gi) below++;
        else if (gj === gi) equal++;
      }
      points[i]! += (below + equal / 2) * factor;
      voters[i]! += 1;
    }
  }
  return { points, voters };
}
