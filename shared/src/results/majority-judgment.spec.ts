import fc from 'fast-check';
import { compareMajorityValues, majorityGauge, majorityValue } from './majority-judgment';
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

  it('ranks the longer sequence first when the shorter is its beginning', () => {
    expect(compareMajorityValues([3, 3, 3], [3])).toBeLessThan(0);
  });
});

describe('majority gauge', () => {
  it('counts the grades strictly above and strictly below the majority grade', () => {
    expect(majorityGauge([2, 3, 3, 4, 5], 3)).toEqual({ above: 2, below: 1, shareAbove: 0.4, shareBelow: 0.2 });
    expect(majorityGauge([], null)).toEqual({ above: 0, below: 0, shareAbove: 0, shareBelow: 0 });
  });
});
