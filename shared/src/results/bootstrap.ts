/**
 * The bootstrap of the weighted mean. One resample draws as many voters as there are, with
 * replacement, every voter equally likely; a drawn voter brings all of their overall grades (a voter
 * drawn twice counts twice). In each resample a bidder's weighted mean is the mean of the overall
 * grades the drawn voters gave that bidder; a bidder that none of the drawn voters scored has no
 * mean in that resample.
 *
 * The hot loop works on typed arrays and sorts nothing; sorting happens once per bidder afterwards.
 */

import { EQUAL_TOLERANCE, floorTolerant } from './numbers';
import type { Random } from './prng';

/** Overall grades as a voters x bidders matrix; `scored` is 1 where the voter scored the bidder. */
export interface GradeMatrix {
  voters: number;
  bidders: number;
  /** grades[v * bidders + b]; 0 where not scored. */
  grades: Float64Array;
  scored: Uint8Array;
}

export interface BootstrapDraws {
  resamples: number;
  bidders: number;
  /** means[b * resamples + r]: bidder b's weighted mean in resample r, NaN when undefined. */
  means: Float64Array;
}

/** Sum of column[indices[i]] over all i, in four interleaved partial sums (faster, same every run). */
function gatherSum(column: Float64Array | Uint8Array, indices: Int32Array): number {
  const n = indices.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += column[indices[i]!]!;
    s1 += column[indices[i + 1]!]!;
    s2 += column[indices[i + 2]!]!;
    s3 += column[indices[i + 3]!]!;
  }
  for (; i < n; i++) s0 += column[indices[i]!]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * Runs the resamples. Per resample: draw V voter indices (V = number of voters), then per bidder
 * add up the drawn voters' overall grades and the number of drawn voters who scored the bidder.
 * With no voters every mean is NaN.
 */
export function drawBootstrap(matrix: GradeMatrix, resamples: number, random: Random): BootstrapDraws {
  const { voters: V, bidders: B } = matrix;
  const means = new Float64Array(B * resamples).fill(Number.NaN);
  if (V === 0) return { resamples, bidders: B, means };
  // Bidder-major columns, so each bidder's sum walks one compact array.
  const columns: Float64Array[] = [];
  const scoredColumns: (Uint8Array | null)[] = [];
  for (let b = 0; b < B; b++) {
    const column = new Float64Array(V);
    const scored = new Uint8Array(V);
    for (let v = 0; v < V; v++) {
      column[v] = matrix.grades[v * B + b]!;
      scored[v] = matrix.scored[v * B + b]!;
    }
    columns.push(column);
    // When every voter scored the bidder, every drawn voter counts: no need to count.
    scoredColumns.push(scored.every((s) => s === 1) ? null : scored);
  }
  const drawn = new Int32Array(V);
  for (let r = 0; r < resamples; r++) {
    random.fillIndices(drawn, V);
    for (let b = 0; b < B; b++) {
      const scored = scoredColumns[b]!;
      const count = scored === null ? V : gatherSum(scored, drawn);
      if (count > 0) means[b * resamples + r] = gatherSum(columns[b]!, drawn) / count;
    }
  }
  return { resamples, bidders: B, means };
}

/**
 * Percentile interval: of the resamples in which the bidder has a mean, sorted from low to high,
 * leave out the lowest k and the highest k, k = floor(count x (1 - confidence) / 2); the interval
 * runs from the lowest to the highest value that remain. Null when no resample has a mean.
 */
export function percentileInterval(draws: BootstrapDraws, bidder: number, confidence: number): { low: number; high: number } | null {
  const own = draws.means.subarray(bidder * draws.resamples, (bidder + 1) * draws.resamples);
  const defined = own.filter((m) => !Number.isNaN(m)).sort();
  const n = defined.length;
  if (n === 0) return null;
  const k = Math.min(floorTolerant((n * (1 - confidence)) / 2), Math.floor((n - 1) / 2));
  return { low: defined[k]!, high: defined[n - 1 - k]! };
}

/**
 * Per bidder, the share of resamples in which it has the highest weighted mean. Bidders within
 * EQUAL_TOLERANCE of the highest mean share that resample equally (two tied bidders get half each);
 * bidders without a mean in a resample get nothing from it.
 */
export function probabilityFirst(draws: BootstrapDraws): number[] {
  const { resamples: R, bidders: B, means } = draws;
  const credit = new Float64Array(B);
  for (let r = 0; r < R; r++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let b = 0; b < B; b++) {
      const m = means[b * R + r]!;
      if (m > best) best = m;
    }
    if (best === Number.NEGATIVE_INFINITY) continue;
    let tied = 0;
    for (let b = 0; b < B; b++) if (means[b * R + r]! >= best - EQUAL_TOLERANCE) tied++;
    for (let b = 0; b < B; b++) if (means[b * R + r]! >= best - EQUAL_TOLERANCE) credit[b]! += 1 / tied;
  }
  return Array.from(credit, (c) => (R === 0 ? 0 : c / R));
}

/** Share of resamples in which bidder `a` has a mean more than EQUAL_TOLERANCE above bidder `b`'s. */
export function shareAhead(draws: BootstrapDraws, a: number, b: number): number {
  const { resamples: R, means } = draws;
  let ahead = 0;
  for (let r = 0; r < R; r++) {
    if (means[a * R + r]! > means[b * R + r]! + EQUAL_TOLERANCE) ahead++;
  }
  return R === 0 ? 0 : ahead / R;
}
