/**
 * Determinism and properties on generated evenings (fast-check, few runs so the suite stays fast).
 */
import fc from 'fast-check';
import { computeResults, resultsFingerprint, resultsJson } from './report';
import { workedExampleInput } from '../testing/worked-example';
import type { ResultsBallot, ResultsInput } from './types';
import { overallGrade } from '../live/ballot-rules';
import { prepareInput } from './prepare';
import { computeSection } from './section';
import { percentileInterval } from './bootstrap';

const SCALE_VALUES = [1, 2, 3, 4, 5];

/** A random evening: 2-4 bidders, 1-3 criteria, up to 9 voters with partial ballots and a tie or two. */
const eveningArb: fc.Arbitrary<ResultsInput> = fc
  .record({
    bidders: fc.integer({ min: 2, max: 4 }),
    weights: fc.constantFrom([100], [60, 40], [50, 30, 20]),
    voters: fc.array(
      fc.array(fc.option(fc.array(fc.option(fc.constantFrom(...SCALE_VALUES), { nil: undefined }), { minLength: 3, maxLength: 3 }), { nil: null }), {
        minLength: 4,
        maxLength: 4,
      }),
      { minLength: 1, maxLength: 9 },
    ),
    ties: fc.array(fc.tuple(fc.nat(8), fc.nat(3)), { maxLength: 2 }),
    withTimes: fc.boolean(),
  })
  .map(({ bidders, weights, voters, ties, withTimes }) => {
    const criteria = weights.map((weight, i) => ({ id: `c${i}`, name: `C${i}`, weight }));
    const ballots: ResultsBallot[] = [];
    voters.forEach((row, v) => {
      for (let b = 0; b < bidders; b++) {
        const cells = row[b];
        if (cells === null || cells === undefined) continue;
        const grades: Record<string, number> = {};
        criteria.forEach((c, i) => {
          const g = cells[i];
          if (g !== undefined) grades[c.id] = g;
        });
        if (Object.keys(grades).length === 0) grades[criteria[0]!.id] = SCALE_VALUES[(v + b) % 5]!;
        ballots.push({ voter: `v${v}`, bidderId: `b${b}`, grades, ...(withTimes ? { submittedAt: 1000 * (v * 7 + b * 13) } : {}) });
      }
    });
    return {
      bidders: Array.from({ length: bidders }, (_, b) => ({ id: `b${b}`, name: `B${b}`, position: b + 1 })),
      criteria,
      scale: { kind: 'numeric' as const, levels: SCALE_VALUES.map((value) => ({ value, label: String(value) })) },
      ballots,
      ties: ties.filter(([, b]) => b < bidders).map(([v, b]) => ({ voter: `v${v}`, bidderId: `b${b}` })),
      options: { bootstrapResamples: 200, seed: 'property' },
    };
  });

/** A permutation of a list, driven by fast-check so failures shrink and replay. */
function permuted<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)]! * 1000 + ((i * 7919) % 1000) }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

describe('determinism', () => {
  it('gives byte-identical JSON for the same ballots in another order', () => {
    const input = workedExampleInput();
    const shuffled: ResultsInput = {
      ...input,
      bidders: [...input.bidders].reverse(),
      scale: { ...input.scale, levels: [...input.scale.levels].reverse() },
      ballots: [...input.ballots].reverse(),
    };
    expect(resultsJson(computeResults(shuffled))).toBe(resultsJson(computeResults(input)));
    expect(resultsFingerprint(computeResults(shuffled))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the primary ranking with another seed, while the bootstrap figures may move', () => {
    const a = computeResults(workedExampleInput());
    const b = computeResults({ ...workedExampleInput(), options: { seed: 'another seed', trimFraction: 0.2 } });
    expect(b.all.ranking).toEqual(a.all.ranking);
    expect(b.all.meanRanking).toEqual(a.all.meanRanking);
    expect(b.all.bidders.map((x) => x.weightedMean)).toEqual(a.all.bidders.map((x) => x.weightedMean));
    expect(b.all.bidders.map((x) => x.majorityProbabilityFirst)).not.toEqual(a.all.bidders.map((x) => x.majorityProbabilityFirst));
    expect(resultsFingerprint(b)).not.toBe(resultsFingerprint(a));
  });

  it('serialises canonically: sorted keys, no whitespace', () => {
    const json = resultsJson(computeResults(workedExampleInput()));
    expect(json.startsWith('{"all":{"ballots":15,')).toBe(true);
    expect(json).not.toMatch(/\s"|":\s/);
  });
});

describe('the shared bootstrap pass', () => {
  it('gives each variant exactly the section it would get with a bootstrap of its own', () => {
    fc.assert(
      fc.property(eveningArb, (input) => {
        // Flag something and declare ties, so that all three sections differ.
        const withTies = { ...input, ties: [...input.ties, { voter: 'v0', bidderId: 'b0' }], options: { ...input.options, integrity: { clusterMinVoters: 2, clusterMinBidders: 1, clusterMinGrades: 1 } } };
        const report = computeResults(withTies);
        const prepared = prepareInput(withTies);
        const flagged = new Set(report.integrity.flaggedBallots.map((f) => JSON.stringify([f.voter, f.bidderId])));
        expect(report.withoutFlagged).toEqual(computeSection(prepared, prepared.counted.filter((b) => !flagged.has(JSON.stringify([b.voter, b.bidderId])))));
        expect(report.withoutTiedVoters).toEqual(computeSection(prepared, prepared.counted.filter((b) => !prepared.tiedVoters.has(b.voter))));
        expect(report.all).toEqual(computeSection(prepared, prepared.counted));
      }),
      { numRuns: 40 },
    );
  });
});

describe('properties', () => {
  it('reordering ballots and ties changes nothing', () => {
    fc.assert(
      fc.property(eveningArb, fc.array(fc.nat(1000), { minLength: 1, maxLength: 20 }), (input, keys) => {
        const reordered = { ...input, ballots: permuted(input.ballots, keys), ties: permuted(input.ties, keys).reverse() };
        expect(resultsJson(computeResults(reordered))).toBe(resultsJson(computeResults(input)));
      }),
      { numRuns: 60 },
    );
  });

  it('a new ballot with the top grade everywhere never lowers that bidder\'s majority grade or medians', () => {
    fc.assert(
      fc.property(eveningArb, fc.nat(3), (input, pick) => {
        const bidder = input.bidders[pick % input.bidders.length]!;
        const before = computeResults(input).all.bidders.find((b) => b.bidderId === bidder.id)!;
        const top: ResultsBallot = { voter: 'zz-new', bidderId: bidder.id, grades: Object.fromEntries(input.criteria.map((c) => [c.id, 5])) };
        const after = computeResults({ ...input, ballots: [...input.ballots, top] }).all.bidders.find((b) => b.bidderId === bidder.id)!;
        expect(after.majorityGrade!).toBeGreaterThanOrEqual(before.majorityGrade ?? Number.NEGATIVE_INFINITY);
        after.criteria.forEach((c, i) => {
          expect(c.median!).toBeGreaterThanOrEqual(before.criteria[i]!.median ?? Number.NEGATIVE_INFINITY);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps the counts consistent: pairwise, Borda totals, first-place probabilities, intervals', () => {
    fc.assert(
      fc.property(eveningArb, (input) => {
        const report = computeResults(input);
        const { all } = report;
        const B = input.bidders.length;
        // Borda shares: each voter's shares over the m >= 2 bidders they graded add up to m / 2, so
        // the shares times their voters add up to half of all overall grades of such voters.
        const graded = new Map<string, number>();
        const excluded = new Set(report.integrity.excludedForTies.map((e) => `${e.voter}/${e.bidderId}`));
        for (const b of input.ballots) {
          if (excluded.has(`${b.voter}/${b.bidderId}`) || overallGrade(b.grades, input.criteria) === null) continue;
          graded.set(b.voter, (graded.get(b.voter) ?? 0) + 1);
        }
        const expectedBorda = [...graded.values()].filter((m) => m >= 2).reduce((s, m) => s + m / 2, 0);
        const borda = all.bidders.reduce((s, b) => s + (b.borda ?? 0) * b.bordaVoters, 0);
        expect(Math.abs(borda - expectedBorda)).toBeLessThan(0.001 * B);
        // Pairwise: nobody is counted on both sides of a pair.
        const voters = all.voters.phone + all.voters.paper;
        for (let i = 0; i < B; i++) {
          for (let j = 0; j < B; j++) {
            if (i !== j) expect(all.pairwise.preferred[i]![j]! + all.pairwise.preferred[j]![i]!).toBeLessThanOrEqual(voters);
          }
        }
        const ranked = all.bidders.filter((b) => b.overallGrades > 0);
        for (const key of ['majorityProbabilityFirst', 'meanProbabilityFirst'] as const) {
          const total = all.bidders.reduce((s, b) => s + b[key], 0);
          if (ranked.length > 0) expect(Math.abs(total - 1)).toBeLessThan(0.0001 * B + 1e-9);
        }
        for (const b of ranked) {
          expect(b.meanInterval!.low).toBeLessThanOrEqual(b.meanInterval!.high);
          expect(b.meanInterval!.low).toBeGreaterThanOrEqual(1);
          expect(b.meanInterval!.high).toBeLessThanOrEqual(5);
          expect(b.majorityGrade!).toBeGreaterThanOrEqual(1);
          expect(b.gauge.above + b.gauge.below).toBeLessThan(b.overallGrades);
        }
        expect(all.ranking.length + all.unranked.length).toBe(B);
        expect(all.ballots + report.integrity.excludedForTies.length).toBe(report.ballotsReceived);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the percentile interval', () => {
  it('picks the same order statistics as sorting all resampled means', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 1, max: 5, noNaN: true }), fc.constant(Number.NaN), fc.constantFrom(2, 3, 3, 4)), { minLength: 1, maxLength: 300 }), fc.constantFrom(0.8, 0.9, 0.95, 0.99), (values, confidence) => {
        const draws = { resamples: values.length, bidders: 1, means: Float64Array.from(values), majorityFirst: new Float64Array(1), leaderAhead: new Float64Array(1) };
        const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
        const interval = percentileInterval(draws, 0, confidence);
        if (sorted.length === 0) {
          expect(interval).toBeNull();
          return;
        }
        const k = Math.min(Math.floor((sorted.length * (1 - confidence)) / 2 + 1e-9), Math.floor((sorted.length - 1) / 2));
        expect(interval).toEqual({ low: sorted[k], high: sorted[sorted.length - 1 - k] });
      }),
      { numRuns: 300 },
    );
  });
});
