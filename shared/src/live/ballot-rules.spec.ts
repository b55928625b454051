import { numericScale } from '../logic/scale';
import { ballotFrame, checkBallot, missedByPresence, overallGrade, presenceDeadline, presentFor, scorableFrom, weightedGrade, type BallotFrame } from './ballot-rules';
import { joinsWithin } from './join-watch';

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

describe('the presence rule', () => {
  const start = Date.parse('2026-12-10T19:00:00Z');
  const grace = (presenceGraceMinutes: number, presenceRule = true) => ({ presenceRule, presenceGraceMinutes });

  it('lets a phone score a pitch when it joined before the start or within the grace after it', () => {
    expect(presenceDeadline(start, grace(5))).toBe(start + 5 * 60_000);
    expect(presentFor(start - 60_000, start, grace(5))).toBe(true);
    expect(presentFor(start + 5 * 60_000, start, grace(5))).toBe(true);
    expect(presentFor(start + 5 * 60_000 + 1, start, grace(5))).toBe(false);
  });

  it('with a grace of 0, only a phone there at the start', () => {
    expect(presentFor(start, start, grace(0))).toBe(true);
    expect(presentFor(start + 1, start, grace(0))).toBe(false);
  });

  it('puts no limit on a pitch that has not started, or when the rule is off', () => {
    expect(presenceDeadline(null, grace(5))).toBeNull();
    expect(presentFor(start + 3_600_000, null, grace(0))).toBe(true);
    expect(presenceDeadline(start, grace(0, false))).toBeNull();
    expect(presentFor(start + 3_600_000, start, grace(0, false))).toBe(true);
  });

  it('names the first pitch in the running order a latecomer can score, skipping what they missed and what was skipped', () => {
    const pitches = [
      { bidderId: 'C', position: 3, status: 'waiting' },
      { bidderId: 'A', position: 1, status: 'done' },
      { bidderId: 'B', position: 2, status: 'presenting' },
    ];
    expect(scorableFrom(pitches, new Set(['A', 'B']))?.bidderId).toBe('C');
    expect(scorableFrom(pitches, new Set(['A']))?.bidderId).toBe('B');
    expect(scorableFrom([...pitches, { bidderId: 'D', position: 4, status: 'skipped' }], new Set(['A', 'B', 'C']))).toBeNull();
  });
});

describe('joins in the last minute, for the warning at Start', () => {
  const now = Date.parse('2026-12-10T19:00:30.400Z');
  const recent = [
    { at: '2026-12-10T18:59:00.000Z', count: 4 },
    { at: '2026-12-10T18:59:30.000Z', count: 2 },
    { at: '2026-12-10T18:59:45.000Z', count: 1 },
    { at: '2026-12-10T19:00:31.000Z', count: 1 },
  ];
  it('counts the joins of the seconds that reach into the last minute, also one a clock a little behind has not reached yet', () => {
    expect(joinsWithin(recent, now)).toBe(4);
    expect(joinsWithin(recent, now, 120_000)).toBe(8);
    expect(joinsWithin(undefined, now)).toBe(0);
  });
});

describe('phones that missed a pitch by the presence rule, for the advice', () => {
  const minute = 60_000;
  const pitches = [
    { bidderId: 'a', startedAt: 10 * minute },
    { bidderId: 'b', startedAt: 30 * minute },
    { bidderId: 'c', startedAt: null },
  ];
  const joins = [0, 12 * minute, 15 * minute, 16 * minute, 40 * minute];

  it('counts per started pitch the phones that joined after its deadline, and agrees with presentFor', () => {
    const rules = { presenceRule: true, presenceGraceMinutes: 5 };
    expect(missedByPresence(pitches, joins, rules)).toEqual([
      { bidderId: 'a', phones: 2 },
      { bidderId: 'b', phones: 1 },
    ]);
    for (const m of missedByPresence(pitches, joins, rules)) {
      const p = pitches.find((x) => x.bidderId === m.bidderId)!;
      expect(m.phones).toBe(joins.filter((j) => !presentFor(j, p.startedAt, rules)).length);
    }
  });

  it('counts nobody with the rule off, and every later join without a grace', () => {
    expect(missedByPresence(pitches, joins, { presenceRule: false, presenceGraceMinutes: 5 })).toEqual([]);
    expect(missedByPresence(pitches, joins, { presenceRule: true, presenceGraceMinutes: 0 })).toEqual([
      { bidderId: 'a', phones: 4 },
      { bidderId: 'b', phones: 1 },
    ]);
  });
});
