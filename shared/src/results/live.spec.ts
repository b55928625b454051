import fc from 'fast-check';
import { liveResults, rankResults, rankedCount, revealPlaces } from './live';
import { computeResults } from './report';
import type { ResultsBallot } from './types';

const criteria = [
  { id: 'c1', weight: 60 },
  { id: 'c2', weight: 40 },
];
const levels = [1, 2, 3, 4, 5].map((value) => ({ value }));
const same = (g: number) => ({ c1: g, c2: g });

describe('live results', () => {
  it('rank by majority judgment, not by the mean, and reveal last place first', () => {
    // A: 5 5 1 1 1 -> majority grade 1, mean 2.6. B: 2 2 2 2 2 -> majority grade 2, mean 2.
    // C: no ballots (not assessed). The mean would put A first; the advice's method puts B first.
    const results = liveResults(
      ['A', 'B', 'C'],
      new Map([
        ['A', [5, 5, 1, 1, 1].map(same)],
        ['B', [2, 2, 2, 2, 2].map(same)],
      ]),
      criteria,
      levels,
    );
    expect(results).toEqual([
      { bidderId: 'A', ballots: 5, overallGrades: 5, majorityGrade: 1, majorityLevel: 1, place: 2, tied: false, weightedMean: 2.6 },
      { bidderId: 'B', ballots: 5, overallGrades: 5, majorityGrade: 2, majorityLevel: 2, place: 1, tied: false, weightedMean: 2 },
      { bidderId: 'C', ballots: 0, overallGrades: 0, majorityGrade: null, majorityLevel: null, place: null, tied: false, weightedMean: null },
    ]);
    const ranking = rankResults(results);
    expect(ranking.map((r) => r.bidderId)).toEqual(['B', 'A', 'C']);
    expect(rankedCount(results)).toBe(2);
    expect(revealPlaces(ranking, 0).places).toEqual([]);
    expect(revealPlaces(ranking, 1)).toEqual({ total: 2, places: [{ place: 2, bidderId: 'A', majorityGrade: 1, majorityLevel: 1, tied: false, overallGrades: 5 }] });
    expect(revealPlaces(ranking, 9).places.map((p) => [p.place, p.bidderId])).toEqual([
      [2, 'A'],
      [1, 'B'],
    ]);
  });

  it('let 10 voters who all give 4 and 8 who all give 4 share the place, and reveal both as place 1', () => {
    const results = liveResults(['X', 'Y'], new Map([['X', Array(10).fill(same(4))], ['Y', Array(8).fill(same(4))]]), criteria, levels);
    expect(results.map((r) => [r.place, r.tied])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(revealPlaces(rankResults(results), 2).places.map((p) => [p.place, p.bidderId, p.tied])).toEqual([
      [1, 'Y', true],
      [1, 'X', true],
    ]);
  });

  it('count a ballot that grades less than half of the weight, but give it no overall grade', () => {
    const [x] = liveResults(['X'], new Map([['X', [{ c2: 5 }, same(3)]]]), criteria, levels);
    expect(x).toMatchObject({ ballots: 2, overallGrades: 1, majorityGrade: 3 });
  });

  it('always give the same order as the results engine on the same counted ballots (property)', () => {
    const arb = fc.array(fc.array(fc.option(fc.tuple(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined })), { nil: null }), { minLength: 4, maxLength: 4 }), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(arb, (voters) => {
        const ids = ['A', 'B', 'C', 'D'];
        const ballots: ResultsBallot[] = [];
        voters.forEach((row, v) =>
          row.forEach((cell, b) => {
            if (cell === null) return;
            const grades: Record<string, number> = {};
            if (cell[0] !== undefined) grades['c1'] = cell[0];
            if (cell[1] !== undefined) grades['c2'] = cell[1];
            if (Object.keys(grades).length === 0) return;
            ballots.push({ voter: `v${v}`, bidderId: ids[b]!, grades });
          }),
        );
        const byBidder = new Map(ids.map((id) => [id, ballots.filter((x) => x.bidderId === id).map((x) => x.grades)]));
        const live = rankResults(liveResults(ids, byBidder, criteria, levels));
        const report = computeResults({
          bidders: ids.map((id, i) => ({ id, name: id, position: i + 1 })),
          criteria: criteria.map((c) => ({ ...c, name: c.id })),
          scale: { kind: 'numeric', levels: levels.map((l) => ({ value: l.value, label: String(l.value) })) },
          ballots,
          ties: [],
          options: { bootstrapResamples: 20 },
        });
        expect(live.filter((r) => r.place !== null).map((r) => [r.place, r.bidderId])).toEqual(report.all.ranking.map((r) => [r.place, r.bidderId]));
        expect(live.filter((r) => r.place === null).map((r) => r.bidderId)).toEqual(report.all.unranked);
        for (const r of live) {
          const b = report.all.bidders.find((x) => x.bidderId === r.bidderId)!;
          expect([r.majorityGrade, r.majorityLevel, r.overallGrades, r.weightedMean]).toEqual([b.majorityGrade, b.majorityLevel, b.overallGrades, b.weightedMean]);
        }
      }),
      { numRuns: 100 },
    );
  });
});
