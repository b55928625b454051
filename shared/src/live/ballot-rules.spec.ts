import { numericScale } from '../logic/scale';
import { ballotFrame, checkBallot, liveResults, rankResults, revealPlaces, weightedGrade, type BallotFrame } from './ballot-rules';

const criteria = [
  { id: 'c1', weight: 60 },
  { id: 'c2', weight: 40 },
];
const frame: BallotFrame = ballotFrame(['A', 'B'], criteria, numericScale(1, 5));
const ballot = (grades: Record<string, number>, extra: object = {}) => ({ ballotId: 'x', bidderId: 'A', grades, ...extra });

describe('checkBallot', () => {
  it('accepts grades on the scale for known criteria, also a partial ballot', () => {
    expect(checkBallot(frame, ballot({ c1: 5, c2: 1 }))).toBeNull();
    expect(checkBallot(frame, ballot({ c2: 3 }, { remark: 'Goed verhaal' }))).toBeNull();
  });

  it('refuses an unknown bidder, an unknown criterion, an off-scale grade, an empty ballot, a long remark', () => {
    expect(checkBallot(frame, { ...ballot({ c1: 5 }), bidderId: 'Z' })?.code).toBe('UNKNOWN_BIDDER');
    expect(checkBallot(frame, ballot({ c1: 5, c9: 3 }))?.code).toBe('UNKNOWN_CRITERION');
    expect(checkBallot(frame, ballot({ c1: 6 }))?.code).toBe('GRADE_NOT_ON_SCALE');
    expect(checkBallot(frame, ballot({ c1: 2.5 }))?.code).toBe('GRADE_NOT_ON_SCALE');
    expect(checkBallot(frame, ballot({}))?.code).toBe('INVALID_PAYLOAD');
    expect(checkBallot(frame, ballot({ c1: 3 }, { remark: 'x'.repeat(1001) }))?.code).toBe('INVALID_PAYLOAD');
  });
});

describe('weighted grades and live results', () => {
  it('weights grades, scaling the weights of the graded criteria to 100 %', () => {
    expect(weightedGrade({ c1: 5, c2: 1 }, criteria)).toBeCloseTo(3.4);
    expect(weightedGrade({ c2: 2 }, criteria)).toBe(2);
    expect(weightedGrade({}, criteria)).toBeNull();
  });

  it('averages voters, ranks best first with a stable tie-break, and reveals last place first', () => {
    const results = liveResults(
      ['A', 'B', 'C'],
      new Map([
        ['A', [{ c1: 5, c2: 5 }, { c1: 3, c2: 3 }]],
        ['B', [{ c1: 4, c2: 4 }]],
      ]),
      criteria,
    );
    expect(results).toEqual([
      { bidderId: 'A', ballots: 2, weightedMean: 4 },
      { bidderId: 'B', ballots: 1, weightedMean: 4 },
      { bidderId: 'C', ballots: 0, weightedMean: null },
    ]);
    const ranking = rankResults(results);
    expect(ranking.map((r) => r.bidderId)).toEqual(['A', 'B', 'C']);
    expect(revealPlaces(ranking, 0).places).toEqual([]);
    expect(revealPlaces(ranking, 2).places.map((p) => [p.place, p.bidderId])).toEqual([
      [3, 'C'],
      [2, 'B'],
    ]);
    expect(revealPlaces(ranking, 9).places).toHaveLength(3);
  });
});
