import type { Scale } from '../domain/setup';
import type { SocketError } from './events';
import type { BallotSubmission, LiveResult, Reveal } from './types';

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
  if (!frame.bidderIds.has(ballot.bidderId)) return { code: 'UNKNOWN_BIDDER', message: 'This bidder is not on the programme of this evening.' };
  const entries = Object.entries(ballot.grades);
  if (entries.length === 0) return { code: 'INVALID_PAYLOAD', message: 'Give a grade for at least one criterion.' };
  for (const [criterionId] of entries) {
    if (!frame.criterionIds.has(criterionId)) return { code: 'UNKNOWN_CRITERION', message: 'This ballot grades a criterion that is not part of this evening.' };
  }
  for (const [, grade] of entries) {
    if (!frame.gradeValues.has(grade)) return { code: 'GRADE_NOT_ON_SCALE', message: `Grade ${String(grade)} is not on this evening's scale.` };
  }
  if ((ballot.remark ?? '').length > REMARK_MAX) {
    return { code: 'INVALID_PAYLOAD', message: `A remark has at most ${REMARK_MAX} characters.` };
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

/** The live result per bidder: the mean of the voters' weighted grades (the full method comes with the advice). */
export function liveResults(
  bidderIds: readonly string[],
  ballotsByBidder: ReadonlyMap<string, readonly Readonly<Record<string, number>>[]>,
  criteria: readonly { id: string; weight: number }[],
): LiveResult[] {
  return bidderIds.map((bidderId) => {
    const grades = (ballotsByBidder.get(bidderId) ?? []).map((b) => weightedGrade(b, criteria)).filter((g): g is number => g !== null);
    const mean = grades.length === 0 ? null : grades.reduce((s, g) => s + g, 0) / grades.length;
    return { bidderId, ballots: grades.length, weightedMean: mean === null ? null : Math.round(mean * 1000) / 1000 };
  });
}

/**
 * The ranking, best first: higher weighted mean, then more ballots, then running order (the
 * order of `results`), so equal inputs always give the same ranking. Bidders without ballots last.
 */
export function rankResults(results: readonly LiveResult[]): LiveResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (b.r.weightedMean ?? -Infinity) - (a.r.weightedMean ?? -Infinity) || b.r.ballots - a.r.ballots || a.i - b.i)
    .map(({ r }) => r);
}

/** The last `revealed` places of the ranking, last place first, Idols style. */
export function revealPlaces(ranking: readonly LiveResult[], revealed: number): Reveal {
  const total = ranking.length;
  const places: Reveal['places'] = [];
  for (let k = 0; k < Math.min(revealed, total); k++) {
    const place = total - k;
    const r = ranking[place - 1]!;
    places.push({ place, bidderId: r.bidderId, weightedMean: r.weightedMean, ballots: r.ballots });
  }
  return { total, places };
}

/**
 * The presence rule: an attendee may score only the pitches whose presentation started after they
 * joined. True when they joined after this pitch had started (times in milliseconds).
 */
export function joinedAfterStart(joinedAt: number, pitchStartedAt: number | null): boolean {
  return pitchStartedAt !== null && joinedAt > pitchStartedAt;
}
