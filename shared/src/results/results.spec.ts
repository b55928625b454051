/**
 * Hand-computed cases. Unless said otherwise: one criterion "q" (weight 100), so a voter's overall
 * grade is simply their grade; scale 1-5; voters v1, v2, ... in the order of the grade lists.
 */
import { computeResults } from './report';
import type { ResultsBallot, ResultsInput } from './types';

const SCALE = { kind: 'numeric' as const, levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) })) };

/** Bidders in running order (object key order); grades[k] is voter v(k+1)'s grade, null = not scored. */
function evening(grades: Record<string, (number | null)[]>, options: ResultsInput['options'] = {}): ResultsInput {
  const ids = Object.keys(grades);
  const ballots: ResultsBallot[] = [];
  for (const id of ids) {
    grades[id]!.forEach((g, k) => {
      if (g !== null) ballots.push({ voter: `v${k + 1}`, bidderId: id, grades: { q: g } });
    });
  }
  return {
    bidders: ids.map((id, i) => ({ id, name: `Bidder ${id}`, position: i + 1 })),
    criteria: [{ id: 'q', name: 'Quality', weight: 100 }],
    scale: SCALE,
    ballots,
    ties: [],
    options: { bootstrapResamples: 2000, ...options },
  };
}

const places = (input: ResultsInput) => computeResults(input).all.ranking.map((r) => [r.place, r.bidderId]);

describe('majority judgment ranking', () => {
  it('can disagree with the mean: the majority grade ignores a loud minority', () => {
    // X: 5 5 1 1 1 -> sorted 1 1 1 5 5, majority grade 1, mean 13/5 = 2.6.
    // Y: 2 2 2 2 2 -> majority grade 2, mean 2.
    const report = computeResults(evening({ X: [5, 5, 1, 1, 1], Y: [2, 2, 2, 2, 2] }));
    const [x, y] = report.all.bidders;
    expect([x!.majorityGrade, x!.weightedMean, y!.majorityGrade, y!.weightedMean]).toEqual([1, 2.6, 2, 2]);
    expect(report.all.ranking.map((r) => r.bidderId)).toEqual(['Y', 'X']);
    expect(report.all.meanRanking.map((r) => r.bidderId)).toEqual(['X', 'Y']);
    // Pairwise: v1, v2 prefer X (5 > 2), v3-v5 prefer Y (2 > 1): Y beats X 3-2.
    expect(report.all.pairwise.preferred).toEqual([
      [0, 2],
      [3, 0],
    ]);
    // Five voters: below the minimum of ten overall grades, so no preference claim at all.
    expect(report.all.verdict.code).toBe('too-few-voters');
    expect(report.all.verdict.meanAhead).toEqual(['X']);
    expect(report.all.verdict.pairwiseNotBeaten).toEqual([]);
  });

  it('breaks an equal majority grade with the majority value', () => {
    // X: 2 3 3 3 5 -> majority value 3 3 3 2 5; Y: 1 3 3 4 4 -> 3 3 4 1 4. Equal until the third
    // grade, where Y has 4 and X has 3: Y ranks first although both have majority grade 3.
    const report = computeResults(evening({ X: [2, 3, 3, 3, 5], Y: [1, 3, 3, 4, 4] }));
    expect(report.all.bidders.map((b) => b.majorityGrade)).toEqual([3, 3]);
    expect(places(evening({ X: [2, 3, 3, 3, 5], Y: [1, 3, 3, 4, 4] }))).toEqual([
      [1, 'Y'],
      [2, 'X'],
    ]);
    expect(report.all.ranking[0]!.tiedWith).toEqual([]);
  });

  it('ties identical grade sets: shared place, running order, marked as tied', () => {
    // X: 1 3 5 and Y: 5 3 1 sort to the same 1 3 5 -> same majority value 3 1 5: a tie.
    // Z: 1 1 1 ranks third (place 3, not 2).
    const report = computeResults(evening({ Z: [1, 1, 1], X: [1, 3, 5], Y: [5, 3, 1] }));
    expect(report.all.ranking).toEqual([
      { place: 1, bidderId: 'X', tiedWith: ['Y'] },
      { place: 1, bidderId: 'Y', tiedWith: ['X'] },
      { place: 3, bidderId: 'Z', tiedWith: [] },
    ]);
    expect(report.all.verdict.reasons).toContain('majority-judgment-tie');
    expect(report.all.verdict).toMatchObject({ leader: 'X', tiedWithLeader: ['Y'] });
  });

  it('uses the lower median for an even number of grades', () => {
    // 1 2 4 5 -> lower median 2 (not 3); mean 3.
    const [x] = computeResults(evening({ X: [1, 2, 4, 5] })).all.bidders;
    expect([x!.majorityGrade, x!.weightedMean, x!.criteria[0]!.median]).toEqual([2, 3, 2]);
  });

  it('compares shares, not numbers of voters: one voter giving 4 ties three voters giving 4', () => {
    // Version 1 ranked Y first because it had more grades. As shares both are 100 % "4".
    expect(places(evening({ X: [4, null, null], Y: [4, 4, 4] }))).toEqual([
      [1, 'X'],
      [1, 'Y'],
    ]);
  });
});

describe('overall grade from the weights', () => {
  it('renormalises the weights over the criteria a voter graded', () => {
    // Weights 60/40. v1 grades both: 0.6 x 5 + 0.4 x 2 = 3.8. v2 grades only "plan" (4): 4.
    // v3 grades only "buurt" (1): 1. Sorted 1, 3.8, 4: majority grade 3.8, mean 8.8 / 3 = 2.9333.
    const input: ResultsInput = {
      bidders: [{ id: 'X', name: 'X', position: 1 }],
      criteria: [
        { id: 'plan', name: 'Plan', weight: 60 },
        { id: 'buurt', name: 'Buurt', weight: 40 },
      ],
      scale: SCALE,
      ballots: [
        { voter: 'v1', bidderId: 'X', grades: { plan: 5, buurt: 2 } },
        { voter: 'v2', bidderId: 'X', grades: { plan: 4 } },
        { voter: 'v3', bidderId: 'X', grades: { buurt: 1 } },
      ],
      ties: [],
      options: { bootstrapResamples: 100 },
    };
    const [x] = computeResults({ ...input, options: { ...input.options, overallMinWeight: 40 } }).all.bidders;
    expect([x!.majorityGrade, x!.weightedMean]).toEqual([3.8, 2.9333]);
    // Per criterion only the ballots that graded it count: plan 5, 4 (2 ballots), buurt 2, 1.
    expect(x!.criteria.map((c) => [c.criterionId, c.ballots, c.median, c.mean])).toEqual([
      ['plan', 2, 4, 4.5],
      ['buurt', 2, 1, 1.5],
    ]);
  });
});

describe('robustness figures', () => {
  it('trims floor(n x fraction) grades from each end', () => {
    // 10 grades, 10 %: cut 1 from each end. 1 2 2 3 3 3 4 4 5 5 -> keep 2 2 3 3 3 4 4 5 = 26 / 8 = 3.25.
    const [x] = computeResults(evening({ X: [3, 1, 5, 2, 4, 3, 2, 5, 3, 4] })).all.bidders;
    expect([x!.trimmedMean, x!.trimmedCount, x!.weightedMean]).toEqual([3.25, 8, 3.2]);
    // 9 grades: 0.9 rounds down to 0, nothing is cut.
    const [y] = computeResults(evening({ Y: [3, 1, 5, 2, 4, 3, 2, 5, 3] })).all.bidders;
    expect(y!.trimmedCount).toBe(9);
  });

  it('leaves voters without spread out of the z-scores, and counts them', () => {
    // v1: X 5, Y 3 -> mean 4, sd 1 -> z +1, -1. v2: X 4, Y 4 -> no spread. v3 only scored X.
    // v4: X 2, Y 4 -> z -1, +1. Mean z: X (1 - 1) / 2 = 0, Y 0.
    // v5: X 5, Y 1, Z 3 -> mean 3, sd sqrt(8/3) = 1.633 -> z 1.2247, -1.2247, 0.
    const report = computeResults(evening({ X: [5, 4, 3, 2, 5], Y: [3, 4, null, 4, 1], Z: [null, null, null, null, 3] }));
    expect(report.all.normalisation).toEqual({ votersIncluded: { phone: 3, paper: 0 }, votersTooFewBidders: { phone: 1, paper: 0 }, votersNoSpread: { phone: 1, paper: 0 } });
    const [x, y, z] = report.all.bidders;
    // X: (1 - 1 + 1.2247) / 3 = 0.4082; Y: (-1 + 1 - 1.2247) / 3 = -0.4082; Z: 0.
    expect([x!.meanZ, x!.zVoters, y!.meanZ, y!.zVoters, z!.meanZ, z!.zVoters]).toEqual([0.4082, 3, -0.4082, 3, 0, 1]);
  });

  it('gives a Borda share over the bidders each voter actually graded', () => {
    // 3 bidders. v1 graded all: X 5 = Y 5 > Z 1. X has one bidder lower (Z) and one equal (Y):
    // (1 + 0.5) / 2 = 0.75; Y likewise 0.75; Z 0.
    // v2 graded X 2 < Y 4 only: m = 2 -> Y 1, X 0. v3 graded only Z: no share.
    // Means: X (0.75 + 0) / 2 = 0.375, Y (0.75 + 1) / 2 = 0.875, Z 0 / 1 = 0.
    const report = computeResults(evening({ X: [5, 2, null], Y: [5, 4, null], Z: [1, null, 3] }));
    expect(report.all.bidders.map((b) => [b.borda, b.bordaVoters])).toEqual([
      [0.375, 2],
      [0.875, 2],
      [0, 1],
    ]);
  });

  it('finds no Condorcet winner in a cycle', () => {
    // v1 X > Y > Z, v2 Y > Z > X, v3 Z > X > Y: each bidder loses one head-to-head 1-2.
    const report = computeResults(evening({ X: [5, 1, 3], Y: [3, 5, 1], Z: [1, 3, 5] }));
    expect(report.all.pairwise.preferred).toEqual([
      [0, 2, 1],
      [1, 0, 2],
      [2, 1, 0],
    ]);
    expect(report.all.pairwise.condorcetWinner).toBeNull();
  });

  it('gives a clear preference when every method and the bootstrap agree', () => {
    // 20 voters: X gets 5 or 4, Y gets 2 or 3; every voter prefers X. In every resample X's
    // lowest grade (4) is above Y's highest (3), so X ranks above Y in all of them.
    const x = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 5 : 4));
    const y = Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? 3 : 2));
    const report = computeResults(evening({ Y: y, X: x }));
    expect(report.all.verdict).toMatchObject({ code: 'clear-preference', reasons: [], leader: 'X', comparisons: [{ bidderId: 'Y', shareLeaderAhead: 1, pairwiseForLeader: 20, pairwiseForOther: 0 }] });
    expect(report.all.bidders.find((b) => b.bidderId === 'X')!.majorityProbabilityFirst).toBe(1);
    expect(report.all.pairwise.condorcetWinner).toBe('X');
  });

  it('gives an interval that contains the mean, and first-place probabilities that add up to 1', () => {
    const report = computeResults(evening({ X: [5, 3, 4, 2, 4, 5, 3], Y: [4, 4, 3, 3, 5, 2, 4], Z: [1, 2, 5, 3, 3, 4, 2] }));
    for (const b of report.all.bidders) {
      expect(b.meanInterval!.low).toBeLessThanOrEqual(b.weightedMean!);
      expect(b.meanInterval!.high).toBeGreaterThanOrEqual(b.weightedMean!);
    }
    const total = report.all.bidders.reduce((s, b) => s + b.meanProbabilityFirst, 0);
    expect(Math.abs(total - 1)).toBeLessThan(0.0002);
    const totalMj = report.all.bidders.reduce((s, b) => s + b.majorityProbabilityFirst, 0);
    expect(Math.abs(totalMj - 1)).toBeLessThan(0.0002);
  });

  it('puts bidders without ballots in neither ranking and gives no verdict with one ranked bidder', () => {
    const report = computeResults(evening({ X: [4, 5], Y: [null, null] }));
    expect(report.all.unranked).toEqual(['Y']);
    expect(report.all.ranking.map((r) => r.bidderId)).toEqual(['X']);
    const y = report.all.bidders[1]!;
    expect([y.ballots, y.majorityGrade, y.weightedMean, y.meanInterval, y.majorityProbabilityFirst, y.criteria[0]!.median]).toEqual([0, null, null, null, 0, null]);
    expect(report.all.verdict).toMatchObject({ code: 'not-applicable', reasons: ['fewer-than-two-ranked'], leader: 'X' });
  });
});

describe('declared ties', () => {
  it('excludes the tied ballot from every figure and lists it', () => {
    const input = evening({ X: [5, 1, 1], Y: [3, 3, 3] });
    input.ties = [
      { voter: 'v1', bidderId: 'X' },
      { voter: 'v1', bidderId: 'X' }, // declared twice: one tie
      { voter: 'v9', bidderId: 'Y' }, // a tie without a ballot excludes nothing
    ];
    const report = computeResults(input);
    expect(report.ballotsReceived).toBe(6);
    expect(report.integrity.tiesDeclared).toBe(2);
    expect(report.integrity.excludedForTies).toEqual([{ voter: 'v1', bidderId: 'X' }]);
    expect(report.all.ballots).toBe(5);
    const [x] = report.all.bidders;
    expect([x!.ballots, x!.majorityGrade, x!.weightedMean]).toEqual([2, 1, 1]);
  });
});
