import { problem } from '../api/errors';
import type { Scale } from '../domain/setup';
import type { SocketError } from './events';
import type { BallotSubmission } from './types';

export const REMARK_MAX = 1000;

/** What a ballot is checked against; built once per evening with `ballotFrame`, not per ballot. */
export interface BallotFrame {
  bidderIds: ReadonlySet<string>;
  criterionIds: ReadonlySet<string>;
  gradeValues: ReadonlySet<number>;
}

export function ballotFrame(bidderIds: Iterable<string>, criteria: readonly { id: string; weight: number }[], scale: Scale): BallotFrame {
  return {
    bidderIds: new Set(bidderIds),
    criterionIds: new Set(criteria.map((c) => c.id)),
    gradeValues: new Set(scale.levels.map((l) => l.value)),
  };
}

/**
 * Checks a ballot against the frozen setup: a known bidder, only known criteria, at least one
 * grade, every grade on the scale, a remark of at most 1,000 characters. Returns the refusal or
 * null. Whether scoring is open and whether the attendee is tied are the live service's business.
 */
export function checkBallot(frame: BallotFrame, ballot: BallotSubmission): SocketError | null {
  if (!frame.bidderIds.has(ballot.bidderId)) return { code: 'UNKNOWN_BIDDER', ...problem('bidderNotOnProgramme') };
  const entries = Object.entries(ballot.grades);
  if (entries.length === 0) return { code: 'INVALID_PAYLOAD', ...problem('noGrades') };
  for (const [criterionId] of entries) {
    if (!frame.criterionIds.has(criterionId)) return { code: 'UNKNOWN_CRITERION', ...problem('criterionNotOnEvening') };
  }
  for (const [, grade] of entries) {
    if (!frame.gradeValues.has(grade)) return { code: 'GRADE_NOT_ON_SCALE', ...problem('gradeNotOnScale', { grade }) };
  }
  if ((ballot.remark ?? '').length > REMARK_MAX) {
    return { code: 'INVALID_PAYLOAD', ...problem('remarkTooLong', { max: REMARK_MAX }) };
  }
  return null;
}

/**
 * One voter's overall grade for a bidder: the weighted mean of the grades given, with the weights
 * of the criteria they graded scaled up to 100 %. Null when no weighted criterion was graded.
 */
export function weightedGrade(grades: Readonly<Record<string, number>>, criteria: readonly { id: string; weight: number }[]): number | null {
  let sum = 0;
  let weight = 0;
  for (const c of criteria) {
    const g = grades[c.id];
    if (g === undefined) continue;
    sum += g * c.weight;
    weight += c.weight;
  }
  return weight === 0 ? null : sum / weight;
}

/** Default of `overallMinWeight`: a ballot gives an overall grade when it grades at least half of the weight. */
export const DEFAULT_OVERALL_MIN_WEIGHT = 50;

/** The weight (percent, weights adding up to 100) of the criteria a ballot grades. */
export function gradedWeight(grades: Readonly<Record<string, number>>, criteria: readonly { id: string; weight: number }[]): number {
  let weight = 0;
  for (const c of criteria) if (grades[c.id] !== undefined) weight += c.weight;
  return weight;
}

/**
 * A voter's overall grade as the results count it: the weighted grade, but only when the graded
 * criteria weigh at least `minWeight` percent together; otherwise null (the ballot then counts only
 * in the profiles of the criteria it grades). Live results and the advice use this same rule.
 */
export function overallGrade(
  grades: Readonly<Record<string, number>>,
  criteria: readonly { id: string; weight: number }[],
  minWeight: number = DEFAULT_OVERALL_MIN_WEIGHT,
): number | null {
  return gradedWeight(grades, criteria) >= minWeight ? weightedGrade(grades, criteria) : null;
}

/** The presence rule's settings, as in the evening's rules. */
export interface PresenceRules {
  presenceRule: boolean;
  /** Minutes after a pitch's start within which a phone that joins may still score it (0: only phones there at the start). */
  presenceGraceMinutes: number;
}

/** New evenings give latecomers this many minutes after a pitch's start to join and still score it. */
export const DEFAULT_PRESENCE_GRACE_MINUTES = 5;

/**
 * The presence rule: a phone may score a pitch when it joined no later than `presenceGraceMinutes`
 * after that pitch started (so with 0: when it was there at the start). Whoever joins later scores
 * from the next pitch on; a pitch that has not started yet can be scored by every phone. Returns
 * the last moment (ms) a phone may join and still score the pitch, or null when there is no limit
 * (the rule is off, or the pitch has not started).
 */
export function presenceDeadline(pitchStartedAt: number | null, rules: PresenceRules): number | null {
  if (!rules.presenceRule || pitchStartedAt === null) return null;
  return pitchStartedAt + rules.presenceGraceMinutes * 60_000;
}

/** True when a phone that joined at `joinedAt` may score a pitch that started at `pitchStartedAt` (times in ms). */
export function presentFor(joinedAt: number, pitchStartedAt: number | null, rules: PresenceRules): boolean {
  const deadline = presenceDeadline(pitchStartedAt, rules);
  return deadline === null || joinedAt <= deadline;
}

/**
 * Per started pitch, in the given order, how many of the phones that joined (at `joins`, ms)
 * could not score it because they arrived after its presence deadline; only pitches with any.
 */
export function missedByPresence(pitches: readonly { bidderId: string; startedAt: number | null }[], joins: readonly number[], rules: PresenceRules): { bidderId: string; phones: number }[] {
  return pitches.flatMap((p) => {
    const phones = joins.filter((at) => !presentFor(at, p.startedAt, rules)).length;
    return phones > 0 ? [{ bidderId: p.bidderId, phones }] : [];
  });
}

/**
 * The pitch a latecomer can score from: the first pitch in the running order that they did not
 * miss and that was not skipped, or null when none is left.
 */
export function scorableFrom<P extends { bidderId: string; position: number; status: string }>(pitches: readonly P[], missed: ReadonlySet<string>): P | null {
  return [...pitches].sort((a, b) => a.position - b.position).find((p) => !missed.has(p.bidderId) && p.status !== 'skipped') ?? null;
}
