import fc from 'fast-check';
import { compareMajorityValues, compareProfiles, majorityGauge, majorityValue, profileOf } from './majority-judgment';
import { ascending, lowerMedianSorted } from './numbers';

/** The definition, literally: take the lower median, remove it, repeat. */
function naiveMajorityValue(values: number[]): number[] {
  const rest = ascending(values);
  const out: number[] = [];
  while (rest.length > 0) {
    const i = Math.floor((rest.length - 1) / 2);
    out.push(rest[i]!);
    rest.splice(i, 1);
  }
  return out;
}

describe('lower median', () => {
  it('takes the middle grade of an odd count and the lower middle grade of an even count', () => {
    expect(lowerMedianSorted([1, 3, 5])).toBe(3);
    expect(lowerMedianSorted([1, 2, 4, 5])).toBe(2); // not 3 (the average) and not 4
    expect(lowerMedianSorted([])).toBeNull();
  });
});

describe('majority value', () => {
  it('lists the lower medians as grades are removed (hand-computed)', () => {
    // 2 3 3 3 5: median 3 (index 2); left 2 3 3 5: lower median 3; left 2 3 5: 3; left 2 5: 2; left 5.
    expect(majorityValue([2, 3, 3, 3, 5])).toEqual([3, 3, 3, 2, 5]);
    // 1 2 3 4: lower median 2; left 1 3 4: 3; left 1 4: 1; left 4.
    expect(majorityValue([1, 2, 3, 4])).toEqual([2, 3, 1, 4]);
    expect(majorityValue([])).toEqual([]);
  });

  it('equals the literal definition on any grades', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 40 }), (grades) => {
        expect(majorityValue(ascending(grades))).toEqual(naiveMajorityValue(grades));
      }),
      { numRuns: 100 },
    );
  });

  it('breaks an equal median on the first differing grade of the sequence', () => {
    const x = majorityValue([2, 3, 3, 3, 5]); // 3 3 3 2 5
    const y = majorityValue([1, 3, 3, 4, 4]); // 3 3 4 1 4
    expect(compareMajorityValues(y, x)).toBeLessThan(0); // y ranks higher: third grade 4 > 3
    expect(compareMajorityValues(x, y)).toBeGreaterThan(0);
    expect(compareMajorityValues(x, [...x])).toBe(0);
  });

});

/** Every grade repeated k times, sorted. */
function replicate(grades: readonly number[], k: number): number[] {
  return ascending(grades.flatMap((g) => Array.from({ length: k }, () => g)));
}

/** The definition for unequal juries: replicate both to n_A x n_B grades, then compare the majority values literally. */
function naiveCompare(a: number[], b: number[]): number {
  if (a.length === 0 || b.length === 0) return (a.length === 0 ? 1 : 0) - (b.length === 0 ? 1 : 0);
  return Math.sign(compareMajorityValues(naiveMajorityValue(replicate(a, b.length)), naiveMajorityValue(replicate(b, a.length))));
}

const compare = (a: number[], b: number[]) => Math.sign(compareProfiles(profileOf(ascending(a)), profileOf(ascending(b))));
const gradesArb = fc.array(fc.constantFrom(1, 2, 2.6, 3, 3.4, 4, 5), { maxLength: 14 });

describe('majority judgment as shares (juries of unequal size)', () => {
  it('ties 10 voters who all give 4 with 8 voters who all give 4: turnout breaks no tie', () => {
    expect(compare(Array(10).fill(4), Array(8).fill(4))).toBe(0);
  });

  it('decides by shares: 9 x 4 and one 5 (10 % above) beats 8 x 4; 18 x 4 and two 5s ties 9 x 4 and one 5', () => {
    // Replicated to 80 grades each: X has 8 fives at the top, Y none. The majority values agree
    // until the right side reaches X's fives: X ranks higher.
    expect(compare([...Array(9).fill(4), 5], Array(8).fill(4))).toBe(-1);
    expect(compare([...Array(18).fill(4), 5, 5], [...Array(9).fill(4), 5])).toBe(0);
  });

  it('breaks an equal median on the first differing grade (hand-computed, equal juries)', () => {
    // X 2 3 3 3 5 -> 3 3 3 2 5; Y 1 3 3 4 4 -> 3 3 4 1 4: Y is higher at the third grade.
    expect(compare([2, 3, 3, 3, 5], [1, 3, 3, 4, 4])).toBe(1);
    // Even count: 1 2 4 5 -> 2 4 1 5 against 2 2 4 4 -> 2 4 2 4: the third grade (1 < 2) decides.
    expect(compare([1, 2, 4, 5], [2, 2, 4, 4])).toBe(1);
  });

  it('equals the literal definition (replicate to n_A x n_B, then compare majority values) on any grades', () => {
    fc.assert(
      fc.property(gradesArb, gradesArb, (a, b) => {
        expect(compare(a, b)).toBe(naiveCompare(a, b));
      }),
      { numRuns: 400 },
    );
  });

  it('depends on the shares only: replicating one profile k times changes nothing', () => {
    fc.assert(
      fc.property(gradesArb, gradesArb, fc.integer({ min: 2, max: 4 }), (a, b, k) => {
        expect(compare(replicate(a, k), b)).toBe(compare(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('is a total preorder: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(gradesArb, gradesArb, gradesArb, (a, b, c) => {
        expect(compare(a, b) + compare(b, a)).toBe(0);
        if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('ranks a bidder without grades below any bidder with grades', () => {
    expect(compare([], [1])).toBe(1);
    expect(compare([1], [])).toBe(-1);
    expect(compare([], [])).toBe(0);
  });
});

describe('majority gauge', () => {
  it('counts the grades strictly above and strictly below the majority grade', () => {
    expect(majorityGauge([2, 3, 3, 4, 5], 3)).toEqual({ above: 2, below: 1, shareAbove: 0.4, shareBelow: 0.2 });
    expect(majorityGauge([], null)).toEqual({ above: 0, below: 0, shareAbove: 0, shareBelow: 0 });
  });
});
