import fc from 'fast-check';
import type { LiveState } from '../live/types';
import {
  byVotes,
  DEFAULT_QUESTION_SETTINGS,
  initialStatus,
  moderate,
  moderationOrder,
  MODERATION_ACTIONS,
  QUESTION_LIMITS,
  QUESTION_STATUSES,
  questionAccount,
  questionLimitProblem,
  questionNameProblem,
  questionTextProblem,
  questionWindowProblem,
  type QuestionRecord,
} from './questions';

const START = '2026-12-10T19:30:00.000Z';
function state(over: Partial<LiveState> = {}, pitch: Partial<LiveState['pitches'][number]> = {}): LiveState {
  return {
    eveningId: 'e',
    phase: 'live',
    currentBidderId: 'a',
    pitches: [
      { bidderId: 'a', status: 'presenting', startedAt: START, scoring: 'not-opened', scoringOpenedAt: null, scoringClosesAt: null, scoringClosedAt: null, ...pitch },
      { bidderId: 'b', status: 'waiting', startedAt: null, scoring: 'not-opened', scoringOpenedAt: null, scoringClosesAt: null, scoringClosedAt: null },
    ],
    screen: { view: 'pitch', liveResults: false },
    revealed: 0,
    serverTime: START,
    ...over,
  };
}
const pitches = [
  { bidderId: 'a', pitchMinutes: 10 },
  { bidderId: 'b', pitchMinutes: 10 },
];
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000);

describe('the text of a question', () => {
  it('takes a question within the limits and refuses empty, short, long and control characters', () => {
    expect(questionTextProblem('Wat kost het?')).toBeNull();
    expect(questionTextProblem('')).toEqual({ reason: 'question.empty' });
    expect(questionTextProblem('   ')).toEqual({ reason: 'question.empty' });
    expect(questionTextProblem('ab')).toEqual({ reason: 'question.tooShort', params: { min: QUESTION_LIMITS.textMin } });
    expect(questionTextProblem('abc')).toBeNull();
    expect(questionTextProblem('x'.repeat(QUESTION_LIMITS.textMax))).toBeNull();
    expect(questionTextProblem('x'.repeat(QUESTION_LIMITS.textMax + 1))).toEqual({ reason: 'question.tooLong', params: { max: QUESTION_LIMITS.textMax } });
    expect(questionTextProblem('een\nvraag')).toEqual({ reason: 'question.control' });
    expect(questionTextProblem('een\u0085vraag')).toEqual({ reason: 'question.control' });
  });

  it('counts characters, not UTF-16 units', () => {
    expect(questionTextProblem('😀'.repeat(QUESTION_LIMITS.textMax))).toBeNull();
    expect(questionTextProblem('😀')).toMatchObject({ reason: 'question.tooShort' });
  });

  it('takes no name or a short one', () => {
    expect(questionNameProblem('')).toBeNull();
    expect(questionNameProblem('Ria')).toBeNull();
    expect(questionNameProblem('n'.repeat(41))).toMatchObject({ reason: 'question.nameTooLong' });
    expect(questionNameProblem('R\u0007a')).toEqual({ reason: 'question.control' });
  });
});

describe('when a pitch takes questions', () => {
  it('takes them in the Q&A minutes of the pitch on stage, and during the pitch only when allowed', () => {
    const settings = DEFAULT_QUESTION_SETTINGS;
    expect(questionWindowProblem(state(), pitches, 'a', settings, at(3))).toEqual({ reason: 'question.duringPitch', params: { minutes: 7 } });
    expect(questionWindowProblem(state(), pitches, 'a', settings, at(9.5))).toEqual({ reason: 'question.duringPitch', params: { minutes: 1 } });
    expect(questionWindowProblem(state(), pitches, 'a', settings, at(10))).toBeNull();
    expect(questionWindowProblem(state(), pitches, 'a', { ...settings, duringPitch: true }, at(0))).toBeNull();
  });

  it('refuses before and after the evening, another pitch, an unknown bidder and a pitch not being presented', () => {
    const s = { preModeration: true, duringPitch: true };
    expect(questionWindowProblem(state({ phase: 'before', currentBidderId: null }), pitches, 'a', s, at(20))).toEqual({ reason: 'question.notStarted' });
    expect(questionWindowProblem(state({ phase: 'ended' }), pitches, 'a', s, at(20))).toEqual({ reason: 'question.eveningEnded' });
    expect(questionWindowProblem(state(), pitches, 'b', s, at(20))).toEqual({ reason: 'question.notCurrent' });
    expect(questionWindowProblem(state(), pitches, 'x', s, at(20))).toEqual({ reason: 'bidderNotOnProgramme' });
    expect(questionWindowProblem(state({}, { status: 'done' }), pitches, 'a', s, at(20))).toEqual({ reason: 'question.notCurrent' });
    expect(questionWindowProblem(state({}, { status: 'skipped' }), pitches, 'a', s, at(20))).toEqual({ reason: 'question.notCurrent' });
  });
});

describe('the limits per phone', () => {
  const T = 1_000_000;
  it('waits the interval between two questions', () => {
    expect(questionLimitProblem([], T)).toBeNull();
    expect(questionLimitProblem([{ status: 'pending', askedAt: T - 1_000 }], T)).toEqual({ reason: 'question.tooSoon', params: { seconds: 9 } });
    expect(questionLimitProblem([{ status: 'pending', askedAt: T - QUESTION_LIMITS.intervalMs }], T)).toBeNull();
  });

  it('bounds the open questions, and all questions per pitch', () => {
    const old = (status: (typeof QUESTION_STATUSES)[number]) => ({ status, askedAt: 0 });
    const open = Array.from({ length: QUESTION_LIMITS.openPerPitch }, () => old('approved'));
    expect(questionLimitProblem(open, T)).toEqual({ reason: 'question.tooManyOpen', params: { max: QUESTION_LIMITS.openPerPitch } });
    expect(questionLimitProblem([...open.slice(1), old('answered'), old('hidden'), old('merged')], T)).toBeNull();
    const all = Array.from({ length: QUESTION_LIMITS.perPitch }, () => old('hidden'));
    expect(questionLimitProblem(all, T)).toEqual({ reason: 'question.tooMany', params: { max: QUESTION_LIMITS.perPitch } });
  });

  it('never lets a phone have more open questions than the bound, whatever it tries (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...QUESTION_STATUSES), { maxLength: 15 }), (statuses) => {
        const before = statuses.map((status) => ({ status, askedAt: 0 }));
        const allowed = questionLimitProblem(before, 1e9) === null;
        const open = statuses.filter((s) => s === 'pending' || s === 'approved').length;
        return !allowed || (open < QUESTION_LIMITS.openPerPitch && statuses.length < QUESTION_LIMITS.perPitch);
      }),
    );
  });
});

describe('moderation', () => {
  it('holds a question for a moderator by default', () => {
    expect(initialStatus(DEFAULT_QUESTION_SETTINGS)).toBe('pending');
    expect(initialStatus({ preModeration: false, duringPitch: false })).toBe('approved');
  });

  it('answers only shown questions, never acts on a merged one, merges no hidden one', () => {
    expect(moderate('pending', 'approve')).toBe('approved');
    expect(moderate('approved', 'hide')).toBe('hidden');
    expect(moderate('hidden', 'approve')).toBe('approved');
    expect(moderate('approved', 'answer')).toBe('answered');
    expect(moderate('pending', 'answer')).toEqual({ reason: 'question.answerUnshown' });
    expect(moderate('answered', 'reopen')).toBe('approved');
    expect(moderate('approved', 'reopen')).toEqual({ reason: 'question.notAnswered' });
    expect(moderate('hidden', 'merge')).toEqual({ reason: 'question.mergeHidden' });
    for (const action of MODERATION_ACTIONS) expect(moderate('merged', action)).toEqual({ reason: 'question.merged' });
  });

  it('lists open questions first for the moderators, then answered, hidden and merged ones', () => {
    const q = (id: string, votes: number, status: (typeof QUESTION_STATUSES)[number]) => ({ id, votes, askedAt: id, status });
    const sorted = [q('a', 9, 'merged'), q('b', 5, 'hidden'), q('c', 1, 'pending'), q('d', 7, 'answered'), q('e', 3, 'approved')].sort(moderationOrder).map((x) => x.id);
    expect(sorted).toEqual(['e', 'c', 'd', 'b', 'a']);
  });

  it('orders by votes, open before answered, then the earliest', () => {
    const q = (id: string, votes: number, askedAt: string, status: 'approved' | 'answered' = 'approved') => ({ id, votes, askedAt, status });
    const sorted = [q('a', 1, '2'), q('b', 5, '3'), q('c', 9, '1', 'answered'), q('d', 5, '1')].sort(byVotes).map((x) => x.id);
    expect(sorted).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe("the advice's account", () => {
  const rec = (bidderId: string, over: Partial<QuestionRecord> = {}): QuestionRecord => ({ bidderId, text: 'v', votes: 0, shown: false, answered: false, askedAt: START, ...over });

  it('counts asked, shown and answered per bidder, with zero for a bidder without questions', () => {
    const records = [rec('a'), rec('a', { shown: true, text: 'Top', votes: 4 }), rec('a', { shown: true, answered: true, text: 'Beantwoord', votes: 9 }), rec('b', { text: '' })];
    expect(questionAccount(['a', 'b', 'c'], records)).toEqual([
      { bidderId: 'a', asked: 3, shown: 2, answered: 1, shownQuestions: [{ text: 'Beantwoord', votes: 9, answered: true }, { text: 'Top', votes: 4, answered: false }] },
      { bidderId: 'b', asked: 1, shown: 0, answered: 0, shownQuestions: [] },
      { bidderId: 'c', asked: 0, shown: 0, answered: 0, shownQuestions: [] },
    ]);
  });

  it('always has answered ≤ shown ≤ asked, and lists exactly the shown questions (property)', () => {
    const record = fc.record({
      bidderId: fc.constantFrom('a', 'b'),
      text: fc.string(),
      votes: fc.nat(50),
      shown: fc.boolean(),
      answered: fc.boolean(),
      askedAt: fc.constant(START),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const valid = records.map((r) => ({ ...r, answered: r.shown && r.answered }));
        return questionAccount(['a', 'b'], valid).every(
          (b) =>
            b.answered <= b.shown &&
            b.shown <= b.asked &&
            b.shownQuestions.length === b.shown &&
            b.asked === valid.filter((r) => r.bidderId === b.bidderId).length,
        );
      }),
    );
  });
});
