/**
 * One full set of results over a given set of counted ballots: the merit profiles, the primary
 * ranking (majority judgment) and the robustness figures beside it. The report computes it twice:
 * on all counted ballots and on those without integrity flags.
 */

import { mean } from 'simple-statistics';
import type { Prepared, PreparedBallot } from './prepare';
import type { BidderResult, CriterionResult, RankEntry, ResultsSection, Verdict, VerdictReason } from './types';
import { EQUAL_TOLERANCE, ascending, lowerMedianSorted, round, roundOrNull, share } from './numbers';
import { compareMajorityValues, majorityGauge, majorityValue } from './majority-judgment';
import { drawBootstrap, percentileInterval, probabilityFirst, shareAhead, type BootstrapDraws } from './bootstrap';
import { seededRandom } from './prng';
import { bordaCount, condorcetWinner, pairwiseMatrix } from './pairwise';
import { trimmedMean, zScores } from './spread';
import { gradeMatrix, voterRows } from './voters';

/** Per bidder and criterion: ballots, merit profile, lower median and mean of the grades. */
export function criterionResults(prepared: Prepared, ballots: readonly PreparedBallot[]): CriterionResult[] {
  return prepared.criteria.map((c) => {
    const grades = ascending(ballots.map((b) => b.grades[c.id]).filter((g): g is number => g !== undefined));
    const distribution = prepared.scale.levels.map((level) => {
      const count = grades.filter((g) => g === level.value).length;
      return { value: level.value, label: level.label, count, share: round(share(count, grades.length)) };
    });
    return {
      criterionId: c.id,
      ballots: grades.length,
      distribution,
      median: lowerMedianSorted(grades),
      mean: grades.length === 0 ? null : round(mean(grades)),
    };
  });
}

/**
 * Turns a best-first order into places: an entry tied with the one before it (`tied` says so)
 * shares its place; the next untied entry takes its own position (1, 2, 2, 4).
 */
export function placesFromOrder(order: readonly number[], tied: (a: number, b: number) => boolean, ids: readonly string[]): RankEntry[] {
  const places: number[] = [];
  order.forEach((b, k) => {
    places.push(k > 0 && tied(order[k - 1]!, b) ? places[k - 1]! : k + 1);
  });
  return order.map((b, k) => ({
    place: places[k]!,
    bidderId: ids[b]!,
    tiedWith: order.filter((_o, m) => m !== k && places[m] === places[k]).map((o) => ids[o]!),
  }));
}

/**
 * Majority judgment ranking of the bidders with at least one grade: by majority value (see
 * majority-judgment.ts), identical majority values tied and listed in running order.
 */
export function majorityRanking(sortedGrades: readonly number[][], ids: readonly string[]): RankEntry[] {
  const values = sortedGrades.map((g) => majorityValue(g));
  const order = ids.map((_, b) => b).filter((b) => sortedGrades[b]!.length > 0);
  order.sort((a, b) => compareMajorityValues(values[a]!, values[b]!) || a - b);
  return placesFromOrder(order, (a, b) => compareMajorityValues(values[a]!, values[b]!) === 0, ids);
}

/** Ranking by weighted mean, means within EQUAL_TOLERANCE tied and listed in running order. */
export function meanRanking(means: readonly (number | null)[], ids: readonly string[]): RankEntry[] {
  const differ = (a: number, b: number): boolean => Math.abs(means[a]! - means[b]!) > EQUAL_TOLERANCE;
  const order = ids.map((_, b) => b).filter((b) => means[b] !== null);
  order.sort((a, b) => (differ(a, b) ? means[b]! - means[a]! : a - b));
  return placesFromOrder(order, (a, b) => !differ(a, b), ids);
}

/**
 * The verdict between the first two of the primary ranking. "Clear preference" when all four hold:
 * 1. majority judgment puts the first strictly ahead (not tied);
 * 2. the first has the higher weighted mean (by more than EQUAL_TOLERANCE);
 * 3. more voters prefer the first over the second than the other way round (pairwise);
 * 4. the first's weighted mean is higher in at least `confidence` of the bootstrap resamples.
 * Otherwise "no clear preference", with every condition that failed as a reason.
 */
export function verdict(
  ranking: readonly RankEntry[],
  bidderIndex: ReadonlyMap<string, number>,
  means: readonly (number | null)[],
  preferred: readonly (readonly number[])[],
  draws: BootstrapDraws,
  confidence: number,
): Verdict {
  const required = round(confidence);
  if (ranking.length < 2) {
    return {
      code: 'not-applicable',
      reasons: ['fewer-than-two-ranked'],
      top: ranking[0]?.bidderId ?? null,
      second: null,
      shareTopAhead: null,
      required,
      meanTop: null,
      meanSecond: null,
      pairwiseTopOverSecond: null,
      pairwiseSecondOverTop: null,
    };
  }
  const [first, second] = [ranking[0]!, ranking[1]!];
  const a = bidderIndex.get(first.bidderId)!;
  const b = bidderIndex.get(second.bidderId)!;
  const ahead = shareAhead(draws, a, b);
  const forTop = preferred[a]![b]!;
  const forSecond = preferred[b]![a]!;
  const reasons: VerdictReason[] = [];
  if (first.place === second.place) reasons.push('majority-judgment-tie');
  if (!(means[a]! > means[b]! + EQUAL_TOLERANCE)) reasons.push('means-disagree');
  if (!(forTop > forSecond)) reasons.push('pairwise-disagrees');
  if (!(ahead >= confidence - EQUAL_TOLERANCE)) reasons.push('bootstrap-below-confidence');
  return {
    code: reasons.length === 0 ? 'clear-preference' : 'no-clear-preference',
    reasons,
    top: first.bidderId,
    second: second.bidderId,
    shareTopAhead: round(ahead),
    required,
    meanTop: round(means[a]!),
    meanSecond: round(means[b]!),
    pairwiseTopOverSecond: forTop,
    pairwiseSecondOverTop: forSecond,
  };
}

/** Computes every figure of one section from its counted ballots (in canonical order). */
export function computeSection(prepared: Prepared, ballots: readonly PreparedBallot[]): ResultsSection {
  const { bidders, settings } = prepared;
  const B = bidders.length;
  const ids = bidders.map((b) => b.id);
  const bidderIndex = new Map(ids.map((id, i) => [id, i]));
  const byBidder = ids.map((): PreparedBallot[] => []);
  for (const b of ballots) byBidder[b.bidderIndex]!.push(b);
  const sortedGrades = byBidder.map((list) => ascending(list.map((b) => b.overall)));
  const means = sortedGrades.map((g) => (g.length === 0 ? null : mean(g)));

  const rows = voterRows(ballots, B);
  const draws = drawBootstrap(gradeMatrix(rows, B), settings.resamples, seededRandom(settings.seed));
  const pFirst = probabilityFirst(draws);
  const preferred = pairwiseMatrix(rows, B);
  const borda = bordaCount(rows, B);
  const z = zScores(rows, B);
  const ranking = majorityRanking(sortedGrades, ids);

  const bidderResults: BidderResult[] = ids.map((bidderId, b) => {
    const grades = sortedGrades[b]!;
    const grade = lowerMedianSorted(grades);
    const gauge = majorityGauge(grades, grade);
    const interval = percentileInterval(draws, b, settings.confidence);
    const trimmed = trimmedMean(grades, settings.trimFraction);
    return {
      bidderId,
      ballots: grades.length,
      criteria: criterionResults(prepared, byBidder[b]!),
      majorityGrade: roundOrNull(grade),
      gauge: { ...gauge, shareAbove: round(gauge.shareAbove), shareBelow: round(gauge.shareBelow) },
      weightedMean: roundOrNull(means[b]!),
      interval: interval === null ? null : { low: round(interval.low), high: round(interval.high) },
      probabilityFirst: round(pFirst[b]!),
      trimmedMean: roundOrNull(trimmed.mean),
      trimmedCount: trimmed.count,
      meanZ: roundOrNull(z.meanZ[b]!),
      zVoters: z.voters[b]!,
      borda: round(borda.points[b]!),
      bordaVoters: borda.voters[b]!,
    };
  });

  const winner = condorcetWinner(preferred);
  return {
    ballots: ballots.length,
    voters: rows.length,
    bidders: bidderResults,
    ranking,
    meanRanking: meanRanking(means, ids),
    unranked: ids.filter((_, b) => sortedGrades[b]!.length === 0),
    pairwise: { bidderIds: ids, preferred, condorcetWinner: winner === null ? null : ids[winner]! },
    normalisation: z.counts,
    verdict: verdict(ranking, bidderIndex, means, preferred, draws, settings.confidence),
  };
}
