/**
 * The bootstrap over voters, in its Poisson form. In each resample every voter (who gave at least
 * one overall grade) counts a number of times drawn from a Poisson distribution with mean 1: 0
 * times (probability e^-1), once (e^-1), twice (e^-1 / 2), and so on; a voter counted c times brings
 * all of their overall grades c times. Each voter's count comes from their own pseudonym, the seed
 * and the resample's number, independently of the other voters (the Poisson bootstrap: Hanley &
 * MacGibbon 2006; Chamandy et al. 2012). Compared with drawing exactly V voters with replacement it
 * has the same large-sample behaviour, and two properties the classical draw lacks:
 *
 * - A voter's draws do not depend on who else voted or in which order the voters are listed.
 * - Adding a voter changes no other voter's counts. So adding a ballot that gives bidder X the top
 *   grade can only add top grades to X's profile in every resample: X's chance of ranking first
 *   never goes down (in the estimate itself, not only on average).
 *
 * In each resample every bidder gets the merit profile of the overall grades the counted voters
 * gave it, and from it
 * - its weighted mean (for the mean's interval and the mean's chance of ranking first), and
 * - its place by majority judgment among the bidders that have grades in that resample (for the
 *   primary method's chance of ranking first and for the verdict: how often the leader ranks
 *   strictly above each other bidder).
 * A bidder without grades in a resample has no mean and no place in it; in a resample without any
 * grade nobody ranks first.
 *
 * Cost. A bidder's overall grades take few distinct values, so a resample is counted as one
 * histogram per bidder (typed arrays, no sorting), then per bidder a pass over its distinct grades
 * for the mean and the cumulative counts. Majority judgment compares histograms
 * (`compareProfiles`), in time proportional to the number of distinct grades.
 */

import { sha256 } from '@noble/hashes/sha256';
import { utf8ToBytes } from '@noble/hashes/utils';
import { EQUAL_TOLERANCE, floorTolerant } from './numbers';
import { compareProfiles, type Profile } from './majority-judgment';
import type { Random } from './prng';
import type { VoterRow } from './voters';

/** The most times a voter can count in one resample (Poisson(1) reaches 13 with probability 2e-11). */
const MAX_COUNT = 13;

/**
 * POISSON_THRESHOLDS[k] = floor(2^32 x P(X <= k)) for X Poisson with mean 1, k = 0 .. 12, the
 * probabilities summed term by term (e^-1, then times 1/1, 1/2, ...). A uniform 32-bit number u
 * gives the count c = the number of thresholds at or below u.
 */
export const POISSON_THRESHOLDS: readonly number[] = (() => {
  const out: number[] = [];
  let term = Math.exp(-1);
  let cdf = 0;
  for (let k = 0; k < MAX_COUNT; k++) {
    cdf += term;
    out.push(Math.floor(cdf * 4294967296));
    term /= k + 1;
  }
  return out;
})();

/** A 32-bit integer hash with good mixing ("lowbias32", C. Wellons 2018). */
export function lowbias32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A voter's key: the first four bytes of SHA-256 of the UTF-8 text seed + "\n" + voter code, big-endian. */
export function voterKey(seed: string, voter: string): number {
  const d = sha256(utf8ToBytes(`${seed}\n${voter}`));
  return ((d[0]! << 24) | (d[1]! << 16) | (d[2]! << 8) | d[3]!) >>> 0;
}

/** The voter's uniform 32-bit number in the resample with numbers (s, t): h(h(key XOR s) + t mod 2^32). */
export function voterUniform(key: number, s: number, t: number): number {
  return lowbias32((lowbias32((key ^ s) >>> 0) + t) >>> 0);
}

/** How many times a voter with uniform number u counts. */
export function poissonCount(u: number): number {
  let c = 0;
  while (c < MAX_COUNT && u >= POISSON_THRESHOLDS[c]!) c++;
  return c;
}

/** The voters' overall grades, coded per bidder as an index into that bidder's distinct grades. */
export interface GradeCodes {
  voters: number;
  /** The pseudonyms of those voters, in the same order. */
  voterIds: string[];
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
  return { voters: graded.length, voterIds: graded.map((r) => r.voter), bidders: bidderCount, values, codes };
}

export interface BootstrapDraws {
  resamples: number;
  bidders: number;
  /** means[b * resamples + r]: bidder b's weighted mean in resample r, NaN when undefined. */
  means: Float64Array;
  /**
   * Per bidder: the share of resamples in which it ranks first by majority judgment (ties share a
   * resample). Shares here are of the resamples in which at least one voter counts (with V voters
   * all counts are 0 with probability e^-V: 0.7 % for 5 voters, 0.005 % for 10).
   */
  majorityFirst: Float64Array;
  /** Per bidder: the share of resamples in which `leader` ranks strictly above it by majority judgment. */
  leaderAhead: Float64Array;
}

/** One set of results to draw resamples for: the voters' grades minus some of them. */
export interface BootstrapSection {
  /**
   * Grades of the shared `GradeCodes` that this section does not count, as v x bidders + b (voter
   * index, bidder index). Because every voter's counts depend only on the seed, their code and the
   * resample, a section drawn together with others gets exactly the resamples it would get alone.
   */
  excluded: readonly number[];
  /** The bidder whose lead over each other bidder is counted, or -1. */
  leader: number;
}

/**
 * Runs the resamples for one section. Per resample the generator gives two 32-bit numbers s and t
 * (in that order); each voter's count follows from their key, s and t (`voterUniform`,
 * `poissonCount`). With no voters every mean is NaN and every share 0.
 */
export function drawBootstrap(data: GradeCodes, resamples: number, random: Random, seed: string, leader: number): BootstrapDraws {
  return drawBootstraps(data, resamples, random, seed, [{ excluded: [], leader }])[0]!;
}

/**
 * Runs the resamples for several sections that share their voters (all counted ballots, and the
 * same minus some): the voters' counts are drawn once per resample and the full histogram counted
 * once; each section then subtracts the grades it leaves out. The result per section equals what
 * `drawBootstrap` would give it on its own.
 */
export function drawBootstraps(data: GradeCodes, resamples: number, random: Random, seed: string, sections: readonly BootstrapSection[]): BootstrapDraws[] {
  const { voters: V, bidders: B, values } = data;
  const out: BootstrapDraws[] = sections.map(() => ({
    resamples,
    bidders: B,
    means: new Float64Array(B * resamples).fill(Number.NaN),
    majorityFirst: new Float64Array(B),
    leaderAhead: new Float64Array(B),
  }));
  if (V === 0 || resamples === 0) return out;

  // One flat histogram: bidder b's counts at offset[b] .. offset[b] + K_b, the last slot for "no grade".
  const offset = new Int32Array(B);
  let histSize = 0;
  for (let b = 0; b < B; b++) {
    offset[b] = histSize;
    histSize += values[b]!.length + 1;
  }
  const full = new Int32Array(histSize);
  const hist = new Int32Array(histSize);
  const cumulative = new Float64Array(histSize);
  // Half the memory (so more of it stays in the fastest cache) when the bins allow it.
  const slot = histSize <= 0xffff ? new Uint16Array(V * B) : new Int32Array(V * B);
  for (let v = 0; v < V; v++) {
    for (let b = 0; b < B; b++) slot[v * B + b] = offset[b]! + data.codes[v * B + b]!;
  }
  // 32-bit arithmetic stays in signed int32 (what V8 computes fastest); unsigned comparisons with
  // the thresholds become signed ones after flipping the top bit of both sides.
  const keys = Int32Array.from(data.voterIds, (id) => voterKey(seed, id) | 0);
  const counts = new Uint8Array(V);
  const [f0, f1, f2] = POISSON_THRESHOLDS.map((th) => (th ^ 0x80000000) | 0) as [number, number, number];
  const profiles: Profile[] = values.map((vals, b) => ({
    values: vals,
    cumulative: cumulative.subarray(offset[b]!, offset[b]! + vals.length + 1),
    size: vals.length,
    total: 0,
  }));
  const excluded = sections.map((sec) => Int32Array.from(sec.excluded));
  const counted = new Float64Array(sections.length);
  const best: number[] = [];

  for (let r = 0; r < resamples; r++) {
    const s = random.nextUint32() | 0;
    const t = random.nextUint32() | 0;
    full.fill(0);
    counts.fill(0);
    for (let v = 0; v < V; v++) {
      // voterUniform and poissonCount, written out: this loop runs V x resamples times.
      let x = keys[v]! ^ s;
      x ^= x >>> 16;
      x = Math.imul(x, 0x7feb352d);
      x ^= x >>> 15;
      x = Math.imul(x, 0x846ca68b);
      x ^= x >>> 16;
      x = (x + t) | 0;
      x ^= x >>> 16;
      x = Math.imul(x, 0x7feb352d);
      x ^= x >>> 15;
      x = Math.imul(x, 0x846ca68b);
      x ^= x >>> 16;
      const flipped = x ^ 0x80000000;
      if (flipped < f0) continue;
      const c = flipped < f1 ? 1 : flipped < f2 ? 2 : poissonCount(x >>> 0);
      counts[v] = c;
      const base = v * B;
      if (B === 8) {
        full[slot[base]!]! += c;
        full[slot[base + 1]!]! += c;
        full[slot[base + 2]!]! += c;
        full[slot[base + 3]!]! += c;
        full[slot[base + 4]!]! += c;
        full[slot[base + 5]!]! += c;
        full[slot[base + 6]!]! += c;
        full[slot[base + 7]!]! += c;
      } else {
        for (let b = 0; b < B; b++) full[slot[base + b]!]! += c;
      }
    }

    for (let si = 0; si < sections.length; si++) {
      const draws = out[si]!;
      const leader = sections[si]!.leader;
      hist.set(full);
      const skip = excluded[si]!;
      for (let k = 0; k < skip.length; k++) {
        const x = skip[k]!;
        hist[slot[x]!]! -= counts[(x / B) | 0]!;
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
        if (running > 0) draws.means[b * resamples + r] = sum / running;
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
      if (best.length > 0) counted[si]! += 1;
      for (const b of best) draws.majorityFirst[b]! += 1 / best.length;
      if (leader >= 0 && profiles[leader]!.total > 0) {
        const lead = profiles[leader]!;
        for (let b = 0; b < B; b++) {
          if (b === leader || profiles[b]!.total === 0) continue;
          if (compareProfiles(lead, profiles[b]!) < 0) draws.leaderAhead[b]! += 1;
        }
      }
    }
  }
  out.forEach((draws, si) => {
    const n = counted[si]!;
    for (let b = 0; b < B; b++) {
      draws.majorityFirst[b] = n === 0 ? 0 : draws.majorityFirst[b]! / n;
      draws.leaderAhead[b] = n === 0 ? 0 : draws.leaderAhead[b]! / n;
    }
  });
  return out;
}

/**
 * Percentile interval: of the resamples in which the bidder has a mean, sorted from low to high,
 * leave out the lowest k and the highest k, k = floor(count x (1 - confidence) / 2); the interval
 * runs from the lowest to the highest value that remain. Null when no resample has a mean.
 */
export function percentileInterval(draws: BootstrapDraws, bidder: number, confidence: number): { low: number; high: number } | null {
  const own = draws.means.subarray(bidder * draws.resamples, (bidder + 1) * draws.resamples);
  const defined = own.filter((m) => !Number.isNaN(m));
  const n = defined.length;
  if (n === 0) return null;
  const k = Math.min(floorTolerant((n * (1 - confidence)) / 2), Math.floor((n - 1) / 2));
  // The k-th smallest and the k-th largest, without sorting everything.
  const low = select(defined, 0, n - 1, k);
  const high = select(defined, k, n - 1, n - 1 - k);
  return { low, high };
}

/**
 * The value that would stand at `index` if a[from..to] were sorted (Hoare's selection with a
 * median-of-three pivot); rearranges a[from..to] so that smaller values come before it.
 */
function select(a: Float64Array, from: number, to: number, index: number): number {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot, placed at `hi`.
    if (a[mid]! < a[lo]!) swap(a, mid, lo);
    if (a[hi]! < a[lo]!) swap(a, hi, lo);
    if (a[mid]! < a[hi]!) swap(a, mid, hi);
    const pivot = a[hi]!;
    let store = lo;
    for (let i = lo; i < hi; i++) {
      if (a[i]! < pivot) swap(a, i, store++);
    }
    swap(a, store, hi);
    if (store === index) return a[store]!;
    if (index < store) hi = store - 1;
    else lo = store + 1;
  }
  return a[lo]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Per bidder, the share of resamples (those in which at least one voter counts) in which it has
 * the highest weighted mean. Bidders within
 * EQUAL_TOLERANCE of the highest mean share that resample equally (two tied bidders get half each);
 * bidders without a mean in a resample get nothing from it.
 */
export function meanProbabilityFirst(draws: BootstrapDraws): number[] {
  const { resamples: R, bidders: B, means } = draws;
  const credit = new Float64Array(B);
  let counted = 0;
  for (let r = 0; r < R; r++) {
    let best = Number.NEGATIVE_INFINITY;
    for (let b = 0; b < B; b++) {
      const m = means[b * R + r]!;
      if (m > best) best = m;
    }
    if (best === Number.NEGATIVE_INFINITY) continue;
    counted++;
    let tied = 0;
    for (let b = 0; b < B; b++) if (means[b * R + r]! >= best - EQUAL_TOLERANCE) tied++;
    for (let b = 0; b < B; b++) if (means[b * R + r]! >= best - EQUAL_TOLERANCE) credit[b]! += 1 / tied;
  }
  return Array.from(credit, (c) => (counted === 0 ? 0 : c / counted));
}
