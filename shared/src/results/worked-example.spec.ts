/**
 * The worked example of docs/methodology.md, asserted number by number. Overall grade =
 * 0.6 x plan + 0.4 x buurt (weights 60 % and 40 %, every criterion graded).
 *
 *          A (plan, buurt) -> overall   B                   C
 *   v1     5, 4 -> 4.6                  4, 4 -> 4.0         3, 3 -> 3.0
 *   v2     4, 4 -> 4.0                  5, 5 -> 5.0         3, 2 -> 2.6
 *   v3     4, 3 -> 3.6                  3, 4 -> 3.4         5, 5 -> 5.0
 *   v4     3, 5 -> 3.8                  4, 3 -> 3.6         2, 3 -> 2.4
 *   v5     2, 2 -> 2.0                  4, 4 -> 4.0         5, 4 -> 4.6
 *
 * Sorted: A 2.0 3.6 3.8 4.0 4.6 (median 3.8, mean 18/5 = 3.6)
 *         B 3.4 3.6 4.0 4.0 5.0 (median 4.0, mean 20/5 = 4.0)
 *         C 2.4 2.6 3.0 4.6 5.0 (median 3.0, mean 17.6/5 = 3.52)
 */
import { computeResults, resultsJson } from './report';
import { workedExampleInput } from '../testing/worked-example';
import { POISSON_THRESHOLDS, poissonCount, voterKey, voterUniform } from './bootstrap';
import { seededRandom } from './prng';
import { buildAdviceDocument } from '../advice/build';
import { documentText } from '../advice/document';
import { sampleEvening } from '../testing/sample';

const report = computeResults(workedExampleInput());
const { all } = report;
const bidder = (id: string) => all.bidders.find((b) => b.bidderId === id)!;

describe('worked example (docs/methodology.md)', () => {
  it('counts 15 ballots of 5 voters, nothing excluded or flagged', () => {
    expect(report.ballotsReceived).toBe(15);
    expect(all.ballots).toBe(15);
    expect(all.voters).toEqual({ phone: 5, paper: 0 });
    expect(all.bidders.map((b) => [b.ballots, b.partialBallots, b.overallGrades])).toEqual([
      [5, 0, 5],
      [5, 0, 5],
      [5, 0, 5],
    ]);
    expect(report.integrity.excludedForTies).toEqual([]);
    expect(report.integrity.flaggedBallots).toEqual([]);
    expect(report.withoutFlagged).toEqual(all);
  });

  it('gives the merit profile, lower median and mean per criterion', () => {
    // A plan 5 4 4 3 2: one 5, two 4s, one 3, one 2; sorted 2 3 4 4 5 -> median 4, mean 18/5.
    const plan = (id: string) => bidder(id).criteria.find((c) => c.criterionId === 'plan')!;
    const buurt = (id: string) => bidder(id).criteria.find((c) => c.criterionId === 'buurt')!;
    expect(plan('A').distribution.map((l) => [l.value, l.count, l.share])).toEqual([
      [5, 1, 0.2],
      [4, 2, 0.4],
      [3, 1, 0.2],
      [2, 1, 0.2],
      [1, 0, 0],
    ]);
    expect(plan('A').distribution[0]!.label).toBe('Uitstekend');
    expect([plan('A').ballots, plan('A').median, plan('A').mean]).toEqual([5, 4, 3.6]);
    // A buurt 4 4 3 5 2 -> median 4, mean 3.6; B plan 4 5 3 4 4 and buurt 4 5 4 3 4 -> median 4, mean 4.
    expect([buurt('A').median, buurt('A').mean]).toEqual([4, 3.6]);
    expect([plan('B').median, plan('B').mean, buurt('B').median, buurt('B').mean]).toEqual([4, 4, 4, 4]);
    // C plan 3 3 5 2 5 -> sorted 2 3 3 5 5, median 3, mean 3.6; buurt 3 2 5 3 4 -> 2 3 3 4 5, median 3, mean 3.4.
    expect(plan('C').distribution.map((l) => l.count)).toEqual([2, 0, 2, 1, 0]);
    expect([plan('C').median, plan('C').mean, buurt('C').median, buurt('C').mean]).toEqual([3, 3.6, 3, 3.4]);
  });

  it('ranks by majority judgment: B (4.0), A (3.8), C (3.0), with the gauge', () => {
    expect(all.ranking.map((r) => [r.place, r.bidderId])).toEqual([
      [1, 'B'],
      [2, 'A'],
      [3, 'C'],
    ]);
    expect(['A', 'B', 'C'].map((id) => bidder(id).majorityGrade)).toEqual([3.8, 4, 3]);
    // The label: the highest scale grade at or below the majority grade. A's 3.8 is "at least
    // Voldoende (3)": 4 of 5 overall grades are 3 or more, only 2 of 5 are 4 or more.
    expect(['A', 'B', 'C'].map((id) => bidder(id).majorityLevel)).toEqual([3, 4, 3]);
    // A: above 3.8 are 4.0 and 4.6, below are 2.0 and 3.6. B: above 4.0 only 5.0; below 3.4, 3.6.
    expect(bidder('A').gauge).toEqual({ above: 2, below: 2, shareAbove: 0.4, shareBelow: 0.4 });
    expect(bidder('B').gauge).toEqual({ above: 1, below: 2, shareAbove: 0.2, shareBelow: 0.4 });
    expect(bidder('C').gauge).toEqual({ above: 2, below: 2, shareAbove: 0.4, shareBelow: 0.4 });
  });

  it('gives the weighted means and the same order by mean', () => {
    expect(['A', 'B', 'C'].map((id) => bidder(id).weightedMean)).toEqual([3.6, 4, 3.52]);
    expect(all.meanRanking.map((r) => r.bidderId)).toEqual(['B', 'A', 'C']);
  });

  it('gives the trimmed means with 20 %: one grade cut from each end', () => {
    // 5 x 0.2 = 1. A: (3.6 + 3.8 + 4.0) / 3 = 3.8; B: (3.6 + 4.0 + 4.0) / 3 = 3.8667; C: (2.6 + 3.0 + 4.6) / 3 = 3.4.
    expect(['A', 'B', 'C'].map((id) => [bidder(id).trimmedMean, bidder(id).trimmedCount])).toEqual([
      [3.8, 3],
      [3.8667, 3],
      [3.4, 3],
    ]);
  });

  it('gives the mean z-scores', () => {
    // v1: 4.6 4.0 3.0, mean 3.8667, sd sqrt(((0.7333)^2 + (0.1333)^2 + (0.8667)^2) / 3) = 0.66,
    // z = 1.1112, 0.2020, -1.3132. Likewise v2 0.1355 1.1514 -1.2868, v3 -0.5620 -0.8429 1.4049,
    // v4 0.8627 0.5392 -1.4018, v5 -1.3794 0.4198 0.9596. Means over the five voters:
    expect(['A', 'B', 'C'].map((id) => bidder(id).meanZ)).toEqual([0.0336, 0.2939, -0.3275]);
    expect(all.normalisation).toEqual({ votersIncluded: { phone: 5, paper: 0 }, votersTooFewBidders: { phone: 0, paper: 0 }, votersNoSpread: { phone: 0, paper: 0 } });
  });

  it('gives the pairwise matrix, a Condorcet winner A, and the Borda shares 0.6, 0.5, 0.4', () => {
    // A > B for v1, v3, v4 (3) and B > A for v2, v5 (2); A > C: v1, v2, v4 (3); B > C: v1, v2, v4 (3).
    expect(all.pairwise.preferred).toEqual([
      [0, 3, 3],
      [2, 0, 3],
      [2, 2, 0],
    ]);
    expect(all.pairwise.condorcetWinner).toBe('A');
    expect(all.pairwise.assessed).toEqual(['A', 'B', 'C']);
    // Orders: v1 A>B>C, v2 B>A>C, v3 C>A>B, v4 A>B>C, v5 C>B>A. Shares (bidders below / 2):
    // A 1, 0.5, 0.5, 1, 0 -> 3 / 5 = 0.6; B 0.5, 1, 0, 0.5, 0.5 -> 0.5; C 0, 0, 1, 0, 1 -> 0.4.
    expect(['A', 'B', 'C'].map((id) => [bidder(id).borda, bidder(id).bordaVoters])).toEqual([
      [0.6, 5],
      [0.5, 5],
      [0.4, 5],
    ]);
  });

  it('gives the seeded bootstrap figures (seed "voorbeeld", 10,000 resamples)', () => {
    expect(report.settings.seed).toBe('voorbeeld');
    expect(report.settings.bootstrapResamples).toBe(10_000);
    expect(['A', 'B', 'C'].map((id) => bidder(id).majorityProbabilityFirst)).toEqual([0.3659, 0.3846, 0.2495]);
    expect(['A', 'B', 'C'].map((id) => bidder(id).meanInterval)).toEqual([
      { low: 2.64, high: 4.32 },
      { low: 3.5, high: 4.5714 },
      { low: 2.5, high: 4.8 },
    ]);
    expect(['A', 'B', 'C'].map((id) => bidder(id).meanProbabilityFirst)).toEqual([0.1753, 0.6086, 0.2161]);
  });

  it('draws resample 1 as the methodology shows it: s, t and the voters\' counts 0, 0, 1, 1, 1', () => {
    const random = seededRandom('voorbeeld');
    const [s, t] = [random.nextUint32(), random.nextUint32()];
    expect([s, t]).toEqual([1668032877, 2510824411]);
    expect(['v1', 'v2', 'v3', 'v4', 'v5'].map((v) => poissonCount(voterUniform(voterKey('voorbeeld', v), s, t)))).toEqual([0, 0, 1, 1, 1]);
    expect(POISSON_THRESHOLDS).toEqual([
      1580030168, 3160060337, 3950075421, 4213413783, 4279248373, 4292415291, 4294609777, 4294923276, 4294962463, 4294966817, 4294967252, 4294967292, 4294967295,
    ]);
  });

  it('makes no preference claim with five voters, and gives the numbers behind it', () => {
    expect(all.verdict).toEqual({
      code: 'too-few-voters',
      reasons: ['too-few-voters', 'resampling-below-confidence', 'pairwise-disagrees'],
      leader: 'B',
      tiedWithLeader: [],
      required: 0.95,
      minVoters: 10,
      tooFewVoters: ['B', 'A', 'C'],
      comparisons: [
        { bidderId: 'A', shareLeaderAhead: 0.5502, pairwiseForLeader: 2, pairwiseForOther: 3 },
        { bidderId: 'C', shareLeaderAhead: 0.7505, pairwiseForLeader: 3, pairwiseForOther: 2 },
      ],
      meanAhead: [],
      pairwiseNotBeaten: ['A'],
      resampledAhead: [],
    });
    // Nothing is flagged and nobody declared a tie: the two other sections are the same one.
    expect(report.withoutFlagged).toBe(all);
    expect(report.withoutTiedVoters).toBe(all);
  });

  it('prints the numbers as the methodology quotes them', () => {
    const doc = buildAdviceDocument({ ...sampleEvening({ bidders: 3, criteria: 2, voters: 5, resamples: 10 }).input, results: report }, 'nl');
    const text = documentText(doc);
    expect(text).toContain('1 Buurtbouw 4,00 – minstens Goed 20% / 40% 38,5% 4,00 (3,50 – 4,57) 5');
    expect(text).toContain('2 De Groene Hoek 3,80 – minstens Voldoende 40% / 40% 36,6% 3,60 (2,64 – 4,32) 5');
    expect(text).toContain('3 Samen Sterk 3,00 – minstens Voldoende 40% / 40% 25,0% 3,52 (2,50 – 4,80) 5');
  });

  it('has a stable canonical serialisation', () => {
    expect(resultsJson(report)).toBe(resultsJson(computeResults(workedExampleInput())));
  });
});
