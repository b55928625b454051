/** Small numeric helpers with one documented behaviour each. */

/** Every number in the report that is not a count is rounded to this many decimals. */
export const RESULT_DECIMALS = 4;

/**
 * Two means closer than this count as equal. Means are sums of many fractions, so mathematically
 * equal means can differ in the last binary digit; this keeps such noise from deciding a ranking.
 */
export const EQUAL_TOLERANCE = 1e-9;

const SCALE = 10 ** RESULT_DECIMALS;

/**
 * Rounds to `RESULT_DECIMALS` decimals, halves away from zero (after removing floating-point noise
 * below 1e-9 of a unit in the last decimal), and never returns -0.
 */
export function round(x: number): number {
  const scaled = Math.abs(x) * SCALE;
  const r = Math.floor(scaled + 0.5 + 1e-9) / SCALE;
  return x < 0 && r !== 0 ? -r : r;
}

export function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x);
}

/** `count / total`, or 0 when the total is 0. */
export function share(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

/**
 * The lower median of values sorted from low to high: with an odd count the middle one, with an
 * even count the lower of the two middle ones (as majority judgment does). Null when empty.
 */
export function lowerMedianSorted(sortedAscending: ArrayLike<number>): number | null {
  const n = sortedAscending.length;
  return n === 0 ? null : (sortedAscending[Math.floor((n - 1) / 2)] as number);
}

/** Numbers sorted from low to high (a copy). */
export function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** `floor(x)`, robust against x landing a hair below a whole number (0.29 * 100 = 28.999...). */
export function floorTolerant(x: number): number {
  return Math.floor(x + 1e-9);
}
