/**
 * Majority judgment (Balinski & Laraki, 2007/2011) on the voters' overall grades.
 *
 * - Majority grade: the lower median of a bidder's overall grades.
 * - Tie-break: the majority value. Take the bidder's grades, note the lower median, remove one
 *   grade equal to it, note the lower median of what is left, and so on until no grades remain.
 *   Two bidders are compared on these sequences like words in a dictionary: the first place where
 *   they differ decides, the higher grade wins.
 * - When one sequence runs out while all compared grades were equal (the bidders have different
 *   numbers of ballots), the bidder with more grades ranks higher; only identical sequences are a
 *   tie. Tied bidders share a place and are listed in running order.
 */

import type { MajorityGauge } from './types';
import { lowerMedianSorted, share } from './numbers';

/**
 * The majority value of grades sorted from low to high: the sequence of lower medians obtained by
 * repeatedly removing the lower median. Whatever is left is always a run at the start and a run at
 * the end of the sorted list, so two pointers suffice (linear time).
 */
export function majorityValue(sortedAscending: ArrayLike<number>): number[] {
  const n = sortedAscending.length;
  const sequence: number[] = [];
  if (n === 0) return sequence;
  const first = Math.floor((n - 1) / 2);
  sequence.push(sortedAscending[first] as number);
  // What is left: the left run (indices 0 .. leftEnd - 1) and the right run (rightStart .. n - 1).
  let leftEnd = first;
  let rightStart = first + 1;
  for (let remaining = n - 1; remaining > 0; remaining--) {
    // The lower median of what is left sits at position k; that is always the last grade of the
    // left run (k = leftEnd - 1) or the first of the right run (k = leftEnd).
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
 * Compares two majority values: negative when `a` ranks higher (better), positive when `b` does,
 * 0 for a tie (identical sequences).
 */
export function compareMajorityValues(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return (b[i] as number) - (a[i] as number);
  }
  return b.length - a.length;
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
