/**
 * The live results the host console and the big screen show, and the reveal at the end. They rank
 * with the results engine's own majority judgment (`majorityRanking`), on the same counted ballots
 * as the advice (each phone's latest ballot per bidder unless tied, plus the agreed paper cards),
 * with the same rule for overall grades (`overallGrade`). So the room never sees another order
 * than the advice prints; the screen may show less.
 */

import { majorityLevel, majorityRanking } from './section';
import { round } from './numbers';
import { DEFAULT_OVERALL_MIN_WEIGHT, overallGrade } from '../live/ballot-rules';
import type { LiveResult, Reveal } from '../live/types';

/**
 * The live result per bidder, in the order of `bidderIds` (running order): counted ballots, overall
 * grades, majority grade and place by majority judgment (null without overall grades), and the
 * weighted mean for reference.
 */
export function liveResults(
  bidderIds: readonly string[],
  ballotsByBidder: ReadonlyMap<string, readonly Readonly<Record<string, number>>[]>,
  criteria: readonly { id: string; weight: number }[],
  levels: readonly { value: number }[],
  minWeight: number = DEFAULT_OVERALL_MIN_WEIGHT,
): LiveResult[] {
  const sorted = bidderIds.map((bidderId) =>
    (ballotsByBidder.get(bidderId) ?? [])
      .map((b) => overallGrade(b, criteria, minWeight))
      .filter((g): g is number => g !== null)
      .sort((a, b) => a - b),
  );
  return liveResultsSorted(
    bidderIds,
    sorted,
    bidderIds.map((bidderId) => ballotsByBidder.get(bidderId)?.length ?? 0),
    levels,
  );
}

/**
 * `liveResults` from what it makes of the ballots: per bidder (in the order of `bidderIds`) the
 * overall grades ascending and the number of counted ballots.
 */
export function liveResultsSorted(
  bidderIds: readonly string[],
  sorted: readonly (readonly number[])[],
  ballots: readonly number[],
  levels: readonly { value: number }[],
): LiveResult[] {
  const levelsBestFirst = [...levels].sort((a, b) => b.value - a.value);
  const ranking = majorityRanking(sorted, bidderIds);
  const placeOf = new Map(ranking.map((r) => [r.bidderId, r]));
  return bidderIds.map((bidderId, b) => {
    const grades = sorted[b]!;
    const median = grades.length === 0 ? null : grades[Math.floor((grades.length - 1) / 2)]!;
    const mean = grades.length === 0 ? null : grades.reduce((s, g) => s + g, 0) / grades.length;
    const entry = placeOf.get(bidderId);
    return {
      bidderId,
      ballots: ballots[b]!,
      overallGrades: grades.length,
      majorityGrade: median === null ? null : round(median),
      majorityLevel: majorityLevel(levelsBestFirst, median),
      place: entry?.place ?? null,
      tied: (entry?.tiedWith.length ?? 0) > 0,
      weightedMean: mean === null ? null : round(mean),
    };
  });
}

/** The results best first: by place (majority judgment), equal places and unranked bidders in running order (the order of `results`). */
export function rankResults(results: readonly LiveResult[]): LiveResult[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.place ?? Number.MAX_SAFE_INTEGER) - (b.r.place ?? Number.MAX_SAFE_INTEGER) || a.i - b.i)
    .map(({ r }) => r);
}

/** How many places a reveal has: one per ranked bidder (with at least one overall grade). */
export function rankedCount(results: readonly LiveResult[]): number {
  return results.filter((r) => r.place !== null).length;
}

/**
 * The last `revealed` places of the ranking (ranked bidders only), last place first, Idols style.
 * Bidders that share a place are revealed one by one with that same place.
 */
export function revealPlaces(ranking: readonly LiveResult[], revealed: number): Reveal {
  const ranked = ranking.filter((r) => r.place !== null);
  const total = ranked.length;
  const places: Reveal['places'] = [];
  for (let k = 0; k < Math.min(revealed, total); k++) {
    const r = ranked[total - 1 - k]!;
    places.push({ place: r.place!, bidderId: r.bidderId, majorityGrade: r.majorityGrade, majorityLevel: r.majorityLevel, tied: r.tied, overallGrades: r.overallGrades });
  }
  return { total, places };
}
