/**
 * Majority judgment (Balinski & Laraki, PNAS 2007; *Majority Judgment*, MIT Press 2011) on the
 * voters' overall grades, compared as shares.
 *
 * - Majority grade: the lower median of a bidder's overall grades.
 * - Majority value: note the lower median, remove one grade equal to it, note the lower median of
 *   what is left, and so on until no grades remain. Two bidders are compared on these sequences
 *   like words in a dictionary: the first place where they differ decides, the higher grade wins.
 * - Juries of unequal size. Balinski and Laraki state merit profiles as shares of the electorate
 *   (the majority gauge uses the shares above and below the majority grade). We compare two
 *   bidders with n_A and n_B grades as if every grade of A were given n_B times and every grade of
 *   B n_A times: both then have n_A x n_B grades with the same shares as before. Replicating both
 *   profiles alike never changes the order of two equally large profiles (see methodology), so
 *   the comparison depends on the shares only: the number of voters never breaks a tie, and two
 *   bidders with the same shares share their place.
 *
 * Profiles are kept as histograms (distinct grades and their counts), so a comparison costs time in
 * the number of distinct grades, not in the number of voters. That matters in the bootstrap.
 */

import type { MajorityGauge } from './types';
import { lowerMedianSorted, share } from './numbers';

/**
 * The majority value of grades sorted from low to high: the sequence of lower medians obtained by
 * repeatedly removing the lower median. Whatever is left is always a run at the start and a run at
 * the end of the sorted list, so two pointers suffice (linear time). Kept as the literal
 * definition for tests and the methodology's examples; rankings use `compareProfiles`.
 */
export function majorityValue(sortedAscending: ArrayLike<number>): number[] {
  const n = sortedAscending.length;
  const sequence: number[] = [];
  if (n === 0) return sequence;
  const first = Math.floor((n - 1) / 2);
  sequence.push(sortedAscending[first] as number);
  let leftEnd = first;
  let rightStart = first + 1;
  for (let remaining = n - 1; remaining > 0; remaining--) {
    const k = Math.floor((remaining - 1) / 2);
    if (k < leftEnd) {
      leftEnd -= 1;
      sequence.push(sortedAscending[leftEnd] as number);
    } else {
      sequence.push(sortedAscending[rightStart] as number);
      rightStart += 1;
    }
  }
  return sequence;
}

/**
 * Compares two majority values of the same length: negative when `a` ranks higher (better),
 * positive when `b` does, 0 for identical sequences.
 */
export function compareMajorityValues(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return (b[i] as number) - (a[i] as number);
  }
  return 0;
}

/**
 * A merit profile as a histogram: `values` ascending and distinct, `cumulative[k]` the number of
 * grades below `values[k]` (so `cumulative[0] = 0` and `cumulative[K] = total`). Counts may be zero.
 */
export interface Profile {
  values: ArrayLike<number>;
  /** Length values.length + 1. */
  cumulative: ArrayLike<number>;
  /** Number of distinct values in use (values.length, or fewer). */
  size: number;
  total: number;
}

/** The profile of grades sorted from low to high. */
export function profileOf(sortedAscending: readonly number[]): Profile {
  const values: number[] = [];
  const cumulative: number[] = [0];
  for (let i = 0; i < sortedAscending.length; i++) {
    const g = sortedAscending[i]!;
    if (values.length === 0 || values[values.length - 1] !== g) {
      values.push(g);
      cumulative.push(i + 1);
    } else {
      cumulative[cumulative.length - 1] = i + 1;
    }
  }
  return { values, cumulative, size: values.length, total: sortedAscending.length };
}

/** The index k of the histogram segment holding (replicated) position p: cumulative[k] x w <= p < cumulative[k + 1] x w. */
function locate(p: Profile, position: number, w: number): number {
  const c = p.cumulative;
  let lo = 0;
  let hi = p.size - 1;
  // Binary search for the last k with c[k] * w <= position.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((c[mid] as number) * w <= position) lo = mid;
    else hi = mid - 1;
  }
  // Skip segments without grades (a zero count) to the one that really holds the position.
  while ((c[lo + 1] as number) * w <= position) lo++;
  return lo;
}

/**
 * Majority judgment between two profiles, as shares: negative when `a` ranks higher, positive when
 * `b` does, 0 when their majority values (after replication to n_A x n_B grades each) are equal.
 * A profile without grades ranks below any profile with grades; two empty ones are equal.
 *
 * How: both replicated lists have N = n_A x n_B grades, so both majority values take their k-th
 * element from the same position of the sorted list: first the lower median m, then alternately
 * one step further left and one step further right (left first when N is odd, right first when N
 * is even). The first differing element is therefore at the position nearest to m, in that order,
 * where the two sorted lists hold different grades. Walking outwards from m over the histogram
 * segments finds the nearest such position on each side.
 */
export function compareProfiles(a: Profile, b: Profile): number {
  if (a.total === 0 || b.total === 0) return (a.total === 0 ? 1 : 0) - (b.total === 0 ? 1 : 0);
  const wa = b.total;
  const wb = a.total;
  const n = a.total * b.total;
  const m = Math.floor((n - 1) / 2);
  const ka0 = locate(a, m, wa);
  const kb0 = locate(b, m, wb);
  const va = a.values[ka0] as number;
  const vb = b.values[kb0] as number;
  if (va !== vb) return vb - va;
  const ca = a.cumulative;
  const cb = b.cumulative;

  // Left: positions m - 1 down to 0. The first position below both current segments is checked.
  let leftPos = -1;
  let leftDiff = 0;
  {
    let ka = ka0;
    let kb = kb0;
    let loA = (ca[ka] as number) * wa;
    let loB = (cb[kb] as number) * wb;
    let p = Math.max(loA, loB) - 1;
    while (p >= 0) {
      while (p < loA) loA = (ca[--ka] as number) * wa;
      while (p < loB) loB = (cb[--kb] as number) * wb;
      const x = a.values[ka] as number;
      const y = b.values[kb] as number;
      if (x !== y) {
        leftPos = p;
        leftDiff = y - x;
        break;
      }
      p = Math.max(loA, loB) - 1;
    }
  }
  // Right: positions m + 1 up to n - 1.
  let rightPos = -1;
  let rightDiff = 0;
  {
    let ka = ka0;
    let kb = kb0;
    let hiA = (ca[ka + 1] as number) * wa;
    let hiB = (cb[kb + 1] as number) * wb;
    let p = Math.min(hiA, hiB);
    while (p < n) {
      while (p >= hiA) hiA = (ca[++ka + 1] as number) * wa;
      while (p >= hiB) hiB = (cb[++kb + 1] as number) * wb;
      const x = a.values[ka] as number;
      const y = b.values[kb] as number;
      if (x !== y) {
        rightPos = p;
        rightDiff = y - x;
        break;
      }
      p = Math.min(hiA, hiB);
    }
  }
  if (leftPos < 0 && rightPos < 0) return 0;
  if (leftPos < 0) return rightDiff;
  if (rightPos < 0) return leftDiff;
  // Step at which each side's position is taken: the d-th step outwards on the left (d = m - p)
  // is element 2d - 1 when N is odd and 2d when N is even; on the right the other way round.
  const odd = n % 2 === 1;
  const dl = m - leftPos;
  const dr = rightPos - m;
  const stepLeft = odd ? 2 * dl - 1 : 2 * dl;
  const stepRight = odd ? 2 * dr : 2 * dr - 1;
  return stepLeft < stepRight ? leftDiff : rightDiff;
}

/**
 * The order of bidders by majority judgment: indices of the bidders with at least one grade, best
 * first, bidders that compare equal in running order (their index order). `profiles[b]` is bidder
 * b's profile. Returns the order and which neighbours are tied.
 */
export function majorityOrder(profiles: readonly Profile[]): { order: number[]; tiedWithPrevious: boolean[] } {
  const order = profiles.map((_, b) => b).filter((b) => profiles[b]!.total > 0);
  order.sort((x, y) => compareProfiles(profiles[x]!, profiles[y]!) || x - y);
  const tiedWithPrevious = order.map((b, k) => k > 0 && compareProfiles(profiles[order[k - 1]!]!, profiles[b]!) === 0);
  return { order, tiedWithPrevious };
}

/** The majority gauge: grades strictly above and strictly below the majority grade. */
export function majorityGauge(sortedAscending: readonly number[], majorityGrade: number | null): MajorityGauge {
  const n = sortedAscending.length;
  if (majorityGrade === null) return { above: 0, below: 0, shareAbove: 0, shareBelow: 0 };
  let above = 0;
  let below = 0;
  for (const g of sortedAscending) {
    if (g > majorityGrade) above++;
    else if (g < majorityGrade) below++;
  }
  return { above, below, shareAbove: share(above, n), shareBelow: share(below, n) };
}

export function majorityGrade(sortedAscending: readonly number[]): number | null {
  return lowerMedianSorted(sortedAscending);
}
