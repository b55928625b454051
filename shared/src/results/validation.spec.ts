import { computeResults } from './report';
import { ResultsInputError, type ResultsInputProblem } from './prepare';
import { workedExampleInput } from '../testing/worked-example';
import type { ResultsInput } from './types';

function problem(change: (input: ResultsInput) => void): ResultsInputProblem | null {
  const input = workedExampleInput();
  input.options = { ...input.options, bootstrapResamples: 10 };
  change(input);
  try {
    computeResults(input);
    return null;
  } catch (error) {
    if (error instanceof ResultsInputError) return error.code;
    throw error;
  }
}

describe('input validation', () => {
  it('accepts the worked example', () => {
    expect(problem(() => undefined)).toBeNull();
  });

  it('refuses a grade that is not on the scale', () => {
    expect(problem((i) => (i.ballots[0]!.grades['plan'] = 6))).toBe('GRADE_NOT_ON_SCALE');
    expect(problem((i) => (i.ballots[0]!.grades['plan'] = 3.5))).toBe('GRADE_NOT_ON_SCALE');
  });

  it('refuses unknown criteria and bidders, in ballots and in ties', () => {
    expect(problem((i) => (i.ballots[0]!.grades['price'] = 3))).toBe('UNKNOWN_CRITERION');
    expect(problem((i) => (i.ballots[0]!.bidderId = 'Q'))).toBe('UNKNOWN_BIDDER');
    expect(problem((i) => i.ties.push({ voter: 'v1', bidderId: 'Q' }))).toBe('UNKNOWN_BIDDER');
  });

  it('refuses two ballots of one voter for one bidder', () => {
    expect(problem((i) => i.ballots.push({ ...i.ballots[0]!, grades: { plan: 1 } }))).toBe('DUPLICATE_BALLOT');
  });

  it('refuses an empty ballot, a ballot without voter and an invalid time', () => {
    expect(problem((i) => (i.ballots[0]!.grades = {}))).toBe('EMPTY_BALLOT');
    expect(problem((i) => (i.ballots[0]!.voter = ''))).toBe('INVALID_VOTER');
    expect(problem((i) => (i.ballots[0]!.submittedAt = Number.NaN))).toBe('INVALID_TIME');
  });

  it('refuses a broken setup', () => {
    expect(problem((i) => (i.bidders = []))).toBe('NO_BIDDERS');
    expect(problem((i) => (i.bidders[1]!.id = 'A'))).toBe('DUPLICATE_BIDDER');
    expect(problem((i) => (i.bidders[1]!.position = 1))).toBe('INVALID_POSITION');
    expect(problem((i) => (i.criteria[1]!.id = 'plan'))).toBe('DUPLICATE_CRITERION');
    expect(problem((i) => (i.criteria[1]!.weight = 30))).toBe('INVALID_WEIGHTS');
    expect(problem((i) => (i.scale.levels = [{ value: 1, label: 'only' }]))).toBe('INVALID_SCALE');
  });

  it('refuses options out of range', () => {
    expect(problem((i) => (i.options = { trimFraction: 0.5 }))).toBe('INVALID_OPTION');
    expect(problem((i) => (i.options = { confidence: 1 }))).toBe('INVALID_OPTION');
    expect(problem((i) => (i.options = { bootstrapResamples: 0 }))).toBe('INVALID_OPTION');
    expect(problem((i) => (i.options = { integrity: { clusterMinVoters: 1 } }))).toBe('INVALID_OPTION');
  });

  it('says where the problem is', () => {
    const input = workedExampleInput();
    input.ballots[3]!.grades['plan'] = 9;
    expect(() => computeResults(input)).toThrow('Voter "v2" gave bidder "A" grade 9, which is not on the scale.');
  });
});
