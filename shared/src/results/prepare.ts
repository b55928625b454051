/**
 * Checks the input and brings it into one canonical shape, so the order in which ballots, ties or
 * scale levels arrive never changes the outcome: bidders by running order, scale levels best
 * first, ballots by voter id (plain code-unit order) and then by running order.
 */

import { checkWeights } from '../logic/weights';
import { DEFAULT_OVERALL_MIN_WEIGHT, gradedWeight, weightedGrade } from '../live/ballot-rules';
import type { BallotChannel, BurstCheck, IntegrityOptions, ResultsBidder, ResultsCriterion, ResultsInput, ResultsScale } from './types';

export const RESULTS_INPUT_PROBLEMS = [
  'NO_BIDDERS',
  'DUPLICATE_BIDDER',
  'INVALID_POSITION',
  'DUPLICATE_CRITERION',
  'INVALID_WEIGHTS',
  'INVALID_SCALE',
  'UNKNOWN_BIDDER',
  'UNKNOWN_CRITERION',
  'GRADE_NOT_ON_SCALE',
  'EMPTY_BALLOT',
  'INVALID_VOTER',
  'INVALID_TIME',
  'INVALID_CHANNEL',
  'DUPLICATE_BALLOT',
  'INVALID_OPTION',
  'INVALID_BURST',
] as const;
export type ResultsInputProblem = (typeof RESULTS_INPUT_PROBLEMS)[number];

/** The input cannot be counted; `code` says why, the message says where. */
export class ResultsInputError extends Error {
  constructor(
    readonly code: ResultsInputProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ResultsInputError';
  }
}

/** Default seed of the bootstrap, so that results without an explicit seed are reproducible too. */
export const DEFAULT_SEED = 'buurtjury';
export const DEFAULT_RESAMPLES = 10_000;
export const DEFAULT_TRIM_FRACTION = 0.1;
export const DEFAULT_CONFIDENCE = 0.95;
export { DEFAULT_OVERALL_MIN_WEIGHT };
export const DEFAULT_VERDICT_MIN_VOTERS = 10;
export const DEFAULT_INTEGRITY: Required<IntegrityOptions> = {
  clusterMinVoters: 3,
  clusterMinBidders: 2,
  clusterMinGrades: 12,
  topBottomMinOthers: 2,
  topBottomMinGrades: 6,
  burstWindowSeconds: 3,
  burstMinBallots: 8,
  burstContextSeconds: 10,
  burstRateFactor: 4,
  burstMaxProbability: 1e-8,
};
const MAX_RESAMPLES = 1_000_000;

export interface Settings {
  seed: string;
  resamples: number;
  trimFraction: number;
  confidence: number;
  overallMinWeight: number;
  verdictMinVoters: number;
  integrity: Required<IntegrityOptions>;
}

/** A counted ballot with its indices and the voter's overall (weighted) grade. */
export interface PreparedBallot {
  voter: string;
  bidderIndex: number;
  bidderId: string;
  grades: Readonly<Record<string, number>>;
  /** The overall grade, or null when the graded criteria weigh less than `overallMinWeight`. */
  overall: number | null;
  /** Some criterion was left ungraded. */
  partial: boolean;
  channel: BallotChannel;
  submittedAt: number | null;
}

export interface Prepared {
  bidders: ResultsBidder[];
  criteria: ResultsCriterion[];
  /** Best grade first. */
  scale: ResultsScale;
  settings: Settings;
  ballotsReceived: number;
  tiesDeclared: number;
  /** Ballots not counted because of a declared tie, in canonical order. */
  excluded: PreparedBallot[];
  /** Counted ballots, in canonical order. */
  counted: PreparedBallot[];
  /** Voters who declared a tie with at least one bidder. */
  tiedVoters: ReadonlySet<string>;
  /** The burst check given with the input, checked against the counted ballots; null to compute it from the times. */
  burstCheck: BurstCheck | null;
}

/** Plain code-unit comparison: the same on every machine and locale (unlike localeCompare). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fail(code: ResultsInputProblem, message: string): never {
  throw new ResultsInputError(code, message);
}

function checkBidders(bidders: readonly ResultsBidder[]): ResultsBidder[] {
  if (bidders.length === 0) fail('NO_BIDDERS', 'There are no bidders to count results for.');
  const ids = new Set<string>();
  const positions = new Set<number>();
  for (const b of bidders) {
    if (ids.has(b.id)) fail('DUPLICATE_BIDDER', `Bidder id "${b.id}" occurs twice.`);
    if (!Number.isInteger(b.position) || positions.has(b.position)) {
      fail('INVALID_POSITION', `Bidder "${b.id}" has position ${String(b.position)}; positions are different whole numbers.`);
    }
    ids.add(b.id);
    positions.add(b.position);
  }
  return [...bidders].sort((a, b) => a.position - b.position).map((b) => ({ id: b.id, name: b.name, position: b.position }));
}

function checkCriteria(criteria: readonly ResultsCriterion[]): ResultsCriterion[] {
  const ids = new Set<string>();
  for (const c of criteria) {
    if (ids.has(c.id)) fail('DUPLICATE_CRITERION', `Criterion id "${c.id}" occurs twice.`);
    ids.add(c.id);
  }
  const weights = checkWeights(criteria.map((c) => c.weight));
  if (!weights.ok) fail('INVALID_WEIGHTS', `The criteria weights are not usable (${weights.reason}, total ${String(weights.total)}).`);
  return criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight }));
}

function checkScale(scale: ResultsScale): ResultsScale {
  const values = scale.levels.map((l) => l.value);
  if (values.length < 2 || values.some((v) => !Number.isInteger(v)) || new Set(values).size !== values.length) {
    fail('INVALID_SCALE', 'A scale has at least two grades with different whole-number values.');
  }
  const levels = [...scale.levels].sort((a, b) => b.value - a.value).map((l) => ({ value: l.value, label: l.label }));
  return { kind: scale.kind, levels };
}

function checkFraction(name: string, value: number, min: number, max: number, maxInclusive: boolean): number {
  const ok = Number.isFinite(value) && value >= min && (maxInclusive ? value <= max : value < max);
  if (!ok) fail('INVALID_OPTION', `Option ${name} must lie between ${min} and ${max}${maxInclusive ? '' : ' (exclusive)'}; got ${String(value)}.`);
  return value;
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) fail('INVALID_OPTION', `Option ${name} must be a whole number of at least ${min}; got ${String(value)}.`);
  return value;
}

/** The options with their defaults filled in, each checked. */
export function resolveSettings(options: ResultsInput['options']): Settings {
  const o = options ?? {};
  const i = { ...DEFAULT_INTEGRITY, ...(o.integrity ?? {}) };
  const resamples = checkCount('bootstrapResamples', o.bootstrapResamples ?? DEFAULT_RESAMPLES, 1);
  if (resamples > MAX_RESAMPLES) fail('INVALID_OPTION', `Option bootstrapResamples is at most ${MAX_RESAMPLES}.`);
  if ((o.overallMinWeight ?? DEFAULT_OVERALL_MIN_WEIGHT) > 100) fail('INVALID_OPTION', 'Option overallMinWeight is a percentage of the total weight, at most 100.');
  return {
    seed: o.seed ?? DEFAULT_SEED,
    resamples,
    trimFraction: checkFraction('trimFraction', o.trimFraction ?? DEFAULT_TRIM_FRACTION, 0, 0.5, false),
    confidence: checkFraction('confidence', o.confidence ?? DEFAULT_CONFIDENCE, 0.5, 1, false),
    overallMinWeight: checkCount('overallMinWeight', o.overallMinWeight ?? DEFAULT_OVERALL_MIN_WEIGHT, 1),
    verdictMinVoters: checkCount('verdictMinVoters', o.verdictMinVoters ?? DEFAULT_VERDICT_MIN_VOTERS, 1),
    integrity: {
      clusterMinVoters: checkCount('clusterMinVoters', i.clusterMinVoters, 2),
      clusterMinBidders: checkCount('clusterMinBidders', i.clusterMinBidders, 1),
      clusterMinGrades: checkCount('clusterMinGrades', i.clusterMinGrades, 1),
      topBottomMinOthers: checkCount('topBottomMinOthers', i.topBottomMinOthers, 1),
      topBottomMinGrades: checkCount('topBottomMinGrades', i.topBottomMinGrades, 1),
      burstWindowSeconds: checkFraction('burstWindowSeconds', i.burstWindowSeconds, 0, Number.MAX_SAFE_INTEGER, true),
      burstMinBallots: checkCount('burstMinBallots', i.burstMinBallots, 2),
      burstContextSeconds: checkFraction('burstContextSeconds', i.burstContextSeconds, 1, Number.MAX_SAFE_INTEGER, true),
      burstRateFactor: checkFraction('burstRateFactor', i.burstRateFactor, 1, Number.MAX_SAFE_INTEGER, true),
      burstMaxProbability: checkFraction('burstMaxProbability', i.burstMaxProbability, 0, 1, true),
    },
  };
}

/** A key for one voter and bidder (the voter's length first, so that no two pairs share a key). */
function ballotKey(voter: string, bidderId: string): string {
  return `${voter.length}:${voter}${bidderId}`;
}

/**
 * Validates the input and returns it in canonical order, the tied ballots separated from the
 * counted ones. Throws a `ResultsInputError` for anything that cannot be counted.
 */
export function prepareInput(input: ResultsInput): Prepared {
  const settings = resolveSettings(input.options);
  const bidders = checkBidders(input.bidders);
  const criteria = checkCriteria(input.criteria);
  const scale = checkScale(input.scale);
  const bidderIndex = new Map(bidders.map((b, i) => [b.id, i]));
  const criterionIds = new Set(criteria.map((c) => c.id));
  const values = new Set(scale.levels.map((l) => l.value));

  const tieKeys = new Set<string>();
  const tiedVoters = new Set<string>();
  for (const t of input.ties) {
    if (!bidderIndex.has(t.bidderId)) fail('UNKNOWN_BIDDER', `A declared tie names bidder "${t.bidderId}", who is not on the programme.`);
    tieKeys.add(ballotKey(t.voter, t.bidderId));
    tiedVoters.add(t.voter);
  }
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);

  const seen = new Set<string>();
  const channelOf = new Map<string, BallotChannel>();
  const all: PreparedBallot[] = [];
  for (const b of input.ballots) {
    if (typeof b.voter !== 'string' || b.voter.length === 0) fail('INVALID_VOTER', 'A ballot has no voter id.');
    const index = bidderIndex.get(b.bidderId);
    if (index === undefined) fail('UNKNOWN_BIDDER', `Voter "${b.voter}" scored bidder "${b.bidderId}", who is not on the programme.`);
    const key = ballotKey(b.voter, b.bidderId);
    if (seen.has(key)) fail('DUPLICATE_BALLOT', `Voter "${b.voter}" has more than one ballot for bidder "${b.bidderId}"; pass only the latest.`);
    seen.add(key);
    const entries = Object.entries(b.grades);
    if (entries.length === 0) fail('EMPTY_BALLOT', `The ballot of voter "${b.voter}" for bidder "${b.bidderId}" has no grades.`);
    for (const [criterionId, grade] of entries) {
      if (!criterionIds.has(criterionId)) fail('UNKNOWN_CRITERION', `Voter "${b.voter}" graded criterion "${criterionId}", which is not part of this evening.`);
      if (!values.has(grade)) fail('GRADE_NOT_ON_SCALE', `Voter "${b.voter}" gave bidder "${b.bidderId}" grade ${String(grade)}, which is not on the scale.`);
    }
    if (b.submittedAt !== undefined && !Number.isFinite(b.submittedAt)) fail('INVALID_TIME', `The ballot of voter "${b.voter}" for bidder "${b.bidderId}" has an invalid time.`);
    const channel = b.channel ?? 'phone';
    if (channel !== 'phone' && channel !== 'paper') fail('INVALID_CHANNEL', `The ballot of voter "${b.voter}" for bidder "${b.bidderId}" has channel "${String(channel)}"; use phone or paper.`);
    const voterChannel = channelOf.get(b.voter);
    if (voterChannel !== undefined && voterChannel !== channel) fail('INVALID_CHANNEL', `Voter "${b.voter}" has both phone and paper ballots; one voter uses one channel.`);
    channelOf.set(b.voter, channel);
    // Weights add up to 100, so the graded weight is a percentage of the total.
    const weight = gradedWeight(b.grades, criteria);
    const overall = weight * 100 >= settings.overallMinWeight * totalWeight ? weightedGrade(b.grades, criteria) : null;
    const partial = entries.length < criteria.length;
    all.push({ voter: b.voter, bidderIndex: index, bidderId: b.bidderId, grades: { ...b.grades }, overall, partial, channel, submittedAt: b.submittedAt ?? null });
  }
  all.sort((a, b) => compareIds(a.voter, b.voter) || a.bidderIndex - b.bidderIndex);

  const excluded = all.filter((b) => tieKeys.has(ballotKey(b.voter, b.bidderId)));
  const counted = all.filter((b) => !tieKeys.has(ballotKey(b.voter, b.bidderId)));
  const burstCheck = input.burstCheck === undefined ? null : checkBurstCheck(input.burstCheck, counted, bidderIndex);
  return { bidders, criteria, scale, settings, ballotsReceived: all.length, tiesDeclared: tieKeys.size, excluded, counted, tiedVoters, burstCheck };
}

/** A given burst check must fit the ballots: known bidders, voters with a counted ballot for that bidder, no times besides it. */
function checkBurstCheck(check: BurstCheck, counted: readonly PreparedBallot[], bidderIndex: ReadonlyMap<string, number>): BurstCheck {
  if (counted.some((b) => b.submittedAt !== null)) fail('INVALID_BURST', 'Pass either ballot times or a burst check, not both.');
  if (!Number.isInteger(check.ballotsWithTime) || check.ballotsWithTime < 0 || check.ballotsWithTime > counted.length) {
    fail('INVALID_BURST', `The burst check counts ${String(check.ballotsWithTime)} timed ballots; there are ${counted.length} counted ballots.`);
  }
  const countedKeys = new Set(counted.map((b) => ballotKey(b.voter, b.bidderId)));
  for (const burst of check.bursts) {
    if (!bidderIndex.has(burst.bidderId)) fail('INVALID_BURST', `A burst names bidder "${burst.bidderId}", who is not on the programme.`);
    for (const voter of burst.voters) {
      if (!countedKeys.has(ballotKey(voter, burst.bidderId))) fail('INVALID_BURST', `A burst names voter "${voter}", who has no counted ballot for bidder "${burst.bidderId}".`);
    }
  }
  return check;
}
