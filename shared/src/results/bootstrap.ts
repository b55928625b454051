/**
 * The bootstrap over voters. One resample draws as many voters as there are (voters who gave at
 * least one overall grade), with replacement, every voter equally likely; a drawn voter brings all
 * of their overall grades (a voter drawn twice counts twice). In each resample every bidder gets
 * the merit profile of the overall grades the drawn voters gave it, and from it
 *
 * - its weighted mean (for the mean's interval and the mean's chance of ranking first), and
 * - its place by majority judgment among the bidders that have grades in that resample (for the
 *   primary method's chance of ranking first and for the verdict: how often the leader ranks
 *   strictly above each other bidder).
 *
 * A bidder that none of the drawn voters graded has no mean and no place in that resample.
 *
 * Cost. A bidder's overall grades take few distinct values, so a resample is counted as one
 * histogram per bidder (typed arrays, no sorting): V x B increments, then per bidder a pass over
 * its distinct grades for the mean and the cumulative counts. Majority judgment then compares
 * histograms (`compareProfiles`), in time proportional to the number of distinct grades.
 */

import { EQUAL_TOLERANCE, floorTolerant } from './numbers';
import { compareProfiles, type Profile } from './majority-judgment';
import type { Random } from './prng';
import type { VoterRow } from './voters';

/** The voters' overall grades, coded per bidder as an index into that bidder's distinct grades. */
export interface GradeCodes {
  voters: number;
  bidders: number;
  /** Per bidder: its distinct overall grades, ascending. */
  values: Float64Array[];
  /** codes[v * bidders + b]: index into values[b], or values[b].length where voter v gave b no overall grade. */
  codes: Int32Array;
}

/** Codes the rows of the voters who gave at least one overall grade (others take no part in the bootstrap). */
export function gradeCodes(rows: readonly VoterRow[], bidderCount: number): GradeCodes {
  const graded = rows.filter((r) => r.graded > 0);
  const values: Float64Array[] = [];
  const index: Map<number, number>[] = [];
  for (let b = 0; b < bidderCount; b++) {
    const distinct = [...new Set(graded.map((r) => r.overall[b]).filter((g): g is number => g !== null))].sort((x, y) => x - y);
    values.push(Float64Array.from(distinct));
    index.push(new Map(distinct.map((g, k) => [g, k])));
  }
  const codes = new Int32Array(graded.length * bidderCount);
  graded.forEach((row, v) => {
    for (let b = 0; b < bidderCount; b++) {
      const g = row.overall[b];
      codes[v * bidderCount + b] = g === null || g === undefined ? values[b]!.length : index[b]!.get(g)!;
    }
  });
  return { voters: graded.length, bidders: bidderCount, values, codes };
}

export interface BootstrapDraws {
  resamples: number;
  bidders: number;
  /** means[b * resamples + r]: bidder b's weighted mean in resample r, NaN when undefined. */
  means: Float64Array;
  /** Per bidder: the share of resamples in which it ranks first by majority judgment (ties share a resample). */
  majorityFirst: Float64Array;
  /** Per bidder: the share of resamples in which `leader` ranks strictly above it by majority judgment. */
  leaderAhead: Float64Array;
}

/**
 * Runs the resamples. `leader` is the bidder index whose lead over each other bidder is counted
 * (-1 for none). With no voters every mean is NaN and every share 0.
 */
export function drawBootstrap(data: GradeCodes, resamples: number, random: Random, leader: number): BootstrapDraws {
  const { voters: V, bidders: B, values } = data;
  const means = new Float64Array(B * resamples).fill(Number.NaN);
  const majorityFirst = new Float64Array(B);
  const leaderAhead = new Float64Array(B);
  if (V === 0 || resamples === 0) return { resamples, bidders: B, means, majorityFirst, leaderAhead };

  // One flat histogram: bidder b's counts at offset[b] .. offset[b] + K_b, the last slot for "no grade".
  const offset = new Int32Array(B);
  let histSize = 0;
  for (let b = 0; b < B; b++) {
    offset[b] = histSize;
    histSize += values[b]!.length + 1;
  }
  const hist = new Int32Array(histSize);
  const cumulative = new Float64Array(histSize);
  const slot = new Int32Array(V * B);
  for (let v = 0; v < V; v++) {
    for (let b = 0; b < B; b++) slot[v * B + b] = offset[b]! + data.codes[v * B + b]!;
  }
  const profiles: Profile[] = values.map((vals, b) => ({
    values: vals,
    cumulative: cumulative.subarray(offset[b]!, offset[b]! + vals.length + 1),
    size: vals.length,
    total: 0,
  }));
  const best: number[] = [];
  const drawn = new Int32Array(V);

  for (let r = 0; r < resamples; r++) {
    random.fillIndices(drawn, V);
    hist.fill(0);
    if (B === 8) {
      // The usual evening, unrolled.
      for (let i = 0; i < V; i++) {
        const base = drawn[i]! * 8;
        hist[slot[base]!]!++;
        hist[slot[base + 1]!]!++;
        hist[slot[base + 2]!]!++;
        hist[slot[base + 3]!]!++;
        hist[slot[base + 4]!]!++;
        hist[slot[base + 5]!]!++;
        hist[slot[base + 6]!]!++;
        hist[slot[base + 7]!]!++;
      }
    } else {
      for (let i = 0; i < V; i++) {
        const base = drawn[i]! * B;
        for (let b = 0; b < B; b++) hist[slot[base + b]!]!++;
      }
    }
    for (let b = 0; b < B; b++) {
      const vals = values[b]!;
      const K = vals.length;
      const o = offset[b]!;
      let sum = 0;
      let running = 0;
      cumulative[o] = 0;
      for (let k = 0; k < K; k++) {
        const c = hist[o + k]!;
        sum += c * vals[k]!;
        running += c;
        cumulative[o + k + 1] = running;
      }
      profiles[b]!.total = running;
      if (running > 0) means[b * resamples + r] = sum / running;
    }

    // Majority judgment: who ranks first (ties share), and the leader against each other bidder.
    best.length = 0;
    for (let b = 0; b < B; b++) {
      if (profiles[b]!.total === 0) continue;
      if (best.length === 0) {
        best.push(b);
        continue;
      }
      const c = compareProfiles(profiles[b]!, profiles[best[0]!]!);
      if (c < 0) {
        best.length = 0;
        best.push(b);
      } else if (c === 0) {
        best.push(b);
      }
    }
    for (const b of best) majorityFirst[b]! += 1 / best.length;
    if (leader >= 0 && profiles[leader]!.total > 0) {
      const lead = profiles[leader]!;
      for (let b = 0; b < B; b++) {
        if (b === leader || profiles[b]!.total === 0) continue;
        if (compareProfiles(lead, profiles[b]!) < 0) leaderAhead[b]! += 1;
      }
    }
  }
  for (let b = 0; b < B; b++) {
    majorityFirst[b] = majorityFirst[b]! / resamples;
    leaderAhead[b] = leaderAhead[b]! / resamples;
  }
  return { resamples, bidders: B, means, majorityFirst, leaderAhead };
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
export function meanProbabilityFirst(draws: BootstrapDraws): number[] {
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
