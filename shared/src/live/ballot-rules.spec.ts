import { numericScale } from '../logic/scale';
import { ballotFrame, checkBallot, overallGrade, weightedGrade, type BallotFrame } from './ballot-rules';

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

  it('gives an overall grade only when the graded criteria weigh at least half', () => {
    expect(overallGrade({ c1: 5 }, criteria)).toBe(5); // 60 %
    expect(overallGrade({ c2: 5 }, criteria)).toBeNull(); // 40 %
    expect(overallGrade({ c2: 5 }, criteria, 40)).toBe(5);
  });
});
