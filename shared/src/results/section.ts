/**
 * One full set of results over a given set of counted ballots: the merit profiles, the primary
 * ranking (majority judgment) with its own resampled uncertainty, the robustness figures beside it
 * and the verdict. The report computes it for all counted ballots and for two variants (without
 * flagged ballots, without the voters who declared a tie).
 */

import type { Prepared, PreparedBallot } from './prepare';
import type { BidderResult, ChannelCounts, CriterionResult, RankEntry, ResultsSection, Verdict, VerdictComparison, VerdictReason } from './types';
import { EQUAL_TOLERANCE, ascending, lowerMedianSorted, round, roundOrNull, share } from './numbers';
import { majorityGauge, majorityOrder, profileOf } from './majority-judgment';
import { drawBootstrap, gradeCodes, meanProbabilityFirst, percentileInterval, type BootstrapDraws } from './bootstrap';
import { seededRandom } from './prng';
import { bordaShares, condorcetWinner, pairwiseMatrix } from './pairwise';
import { trimmedMean, zScores } from './spread';
import { voterRows, type VoterRow } from './voters';

/** The mean of some numbers (a plain sum in the given order), or null for none. */
function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Per bidder and criterion: ballots, merit profile, lower median and mean of the grades. Grades are
 * scale values, so they are counted per level (no sorting): the lower median is the level where the
 * running count from the lowest level first reaches floor((n - 1) / 2) + 1.
 */
export function criterionResults(prepared: Prepared, ballots: readonly PreparedBallot[]): CriterionResult[] {
  const levels = prepared.scale.levels;
  const index = new Map(levels.map((l, i) => [l.value, i]));
  return prepared.criteria.map((c) => {
    const counts = new Array<number>(levels.length).fill(0);
    let n = 0;
    let sum = 0;
    for (const b of ballots) {
      const g = b.grades[c.id];
      if (g === undefined) continue;
      counts[index.get(g)!]! += 1;
      n += 1;
      sum += g;
    }
    let median: number | null = null;
    if (n > 0) {
      const position = Math.floor((n - 1) / 2);
      let running = 0;
      for (let i = levels.length - 1; i >= 0; i--) {
        running += counts[i]!;
        if (running > position) {
          median = levels[i]!.value;
          break;
        }
      }
    }
    return {
      criterionId: c.id,
      ballots: n,
      distribution: levels.map((level, i) => ({ value: level.value, label: level.label, count: counts[i]!, share: round(share(counts[i]!, n)) })),
      median,
      mean: n === 0 ? null : round(sum / n),
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
 * Majority judgment ranking of the bidders with at least one overall grade, compared as shares
 * (see majority-judgment.ts): bidders with equal majority values share a place and are listed in
 * running order. The live results rank with this same function.
 */
export function majorityRanking(sortedGrades: readonly (readonly number[])[], ids: readonly string[]): RankEntry[] {
  const { order, tiedWithPrevious } = majorityOrder(sortedGrades.map((g) => profileOf(g as number[])));
  const tiedPairs = new Set(order.map((b, k) => (tiedWithPrevious[k] ? `${order[k - 1]!}/${b}` : '')));
  return placesFromOrder(order, (a, b) => tiedPairs.has(`${a}/${b}`), ids);
}

/** Ranking by weighted mean, means within EQUAL_TOLERANCE tied and listed in running order. */
export function meanRanking(means: readonly (number | null)[], ids: readonly string[]): RankEntry[] {
  const differ = (a: number, b: number): boolean => Math.abs(means[a]! - means[b]!) > EQUAL_TOLERANCE;
  const order = ids.map((_, b) => b).filter((b) => means[b] !== null);
  order.sort((a, b) => (differ(a, b) ? means[b]! - means[a]! : a - b));
  return placesFromOrder(order, (a, b) => !differ(a, b), ids);
}

/**
 * The highest scale grade at or below the majority grade. The majority grade is the lower median
 * of the overall grades, so at least half of them are at least the majority grade, and so at
 * least this scale grade: a verbal label of this grade is a true "at least" statement.
 */
export function majorityLevel(levelsBestFirst: readonly { value: number }[], grade: number | null): number | null {
  if (grade === null) return null;
  for (const l of levelsBestFirst) if (l.value <= grade + EQUAL_TOLERANCE) return l.value;
  return null;
}

interface VerdictFigures {
  ranking: readonly RankEntry[];
  bidderIndex: ReadonlyMap<string, number>;
  overallCounts: readonly number[];
  means: readonly (number | null)[];
  preferred: readonly (readonly number[])[];
  draws: BootstrapDraws;
  confidence: number;
  minVoters: number;
}

/**
 * The verdict: the leader of the primary ranking against every other ranked bidder.
 *
 * - Fewer than two ranked bidders: `not-applicable`.
 * - A ranked bidder with fewer than `minVoters` overall grades: `too-few-voters`, no preference
 *   claim at all.
 * - Otherwise "clear preference" only when all hold:
 *   1. the leader is alone on place 1 of the majority judgment ranking;
 *   2. for every other ranked bidder, the leader ranks strictly above it by majority judgment in
 *      at least `confidence` of the resamples;
 *   3. no other bidder has a weighted mean at least as high (the mean does not point elsewhere);
 *   4. the leader beats every other ranked bidder head to head (pairwise);
 *   5. no other bidder ranks first by majority judgment in at least as many resamples.
 *   Every condition that fails is a reason, and the bidders it names are listed.
 */
export function verdict(f: VerdictFigures): Verdict {
  const required = round(f.confidence);
  const base = { required, minVoters: f.minVoters };
  const leaderEntry = f.ranking[0];
  if (f.ranking.length < 2 || leaderEntry === undefined) {
    return {
      code: 'not-applicable',
      reasons: ['fewer-than-two-ranked'],
      leader: leaderEntry?.bidderId ?? null,
      tiedWithLeader: [],
      ...base,
      tooFewVoters: [],
      comparisons: [],
      meanAhead: [],
      pairwiseNotBeaten: [],
      resampledAhead: [],
    };
  }
  const leader = f.bidderIndex.get(leaderEntry.bidderId)!;
  const others = f.ranking.slice(1).map((r) => f.bidderIndex.get(r.bidderId)!);
  const idOf = (b: number): string => f.ranking.find((r) => f.bidderIndex.get(r.bidderId) === b)!.bidderId;
  const comparisons: VerdictComparison[] = others.map((b) => ({
    bidderId: idOf(b),
    shareLeaderAhead: round(f.draws.leaderAhead[b]!),
    pairwiseForLeader: f.preferred[leader]![b]!,
    pairwiseForOther: f.preferred[b]![leader]!,
  }));
  const tooFewVoters = f.ranking.filter((r) => f.overallCounts[f.bidderIndex.get(r.bidderId)!]! < f.minVoters).map((r) => r.bidderId);
  const meanAhead = others.filter((b) => !(f.means[leader]! > f.means[b]! + EQUAL_TOLERANCE)).map(idOf);
  const pairwiseNotBeaten = others.filter((b) => !(f.preferred[leader]![b]! > f.preferred[b]![leader]!)).map(idOf);
  const firstLeader = f.draws.majorityFirst[leader]!;
  const resampledAhead = others.filter((b) => !(firstLeader > f.draws.majorityFirst[b]! + EQUAL_TOLERANCE)).map(idOf);
  const reasons: VerdictReason[] = [];
  if (tooFewVoters.length > 0) reasons.push('too-few-voters');
  if (leaderEntry.tiedWith.length > 0) reasons.push('majority-judgment-tie');
  if (others.some((b) => !(f.draws.leaderAhead[b]! >= f.confidence - EQUAL_TOLERANCE))) reasons.push('resampling-below-confidence');
  if (meanAhead.length > 0) reasons.push('mean-disagrees');
  if (pairwiseNotBeaten.length > 0) reasons.push('pairwise-disagrees');
  if (resampledAhead.length > 0) reasons.push('resampled-ranking-disagrees');
  return {
    code: tooFewVoters.length > 0 ? 'too-few-voters' : reasons.length === 0 ? 'clear-preference' : 'no-clear-preference',
    reasons,
    leader: leaderEntry.bidderId,
    tiedWithLeader: [...leaderEntry.tiedWith],
    ...base,
    tooFewVoters,
    comparisons,
    meanAhead,
    pairwiseNotBeaten,
    resampledAhead,
  };
}

/** What a section needs before its bootstrap: its ballots per bidder, its voters and its ranking. */
export interface SectionBasis {
  ballots: readonly PreparedBallot[];
  byBidder: PreparedBallot[][];
  sortedGrades: number[][];
  means: (number | null)[];
  rows: VoterRow[];
  ranking: RankEntry[];
  /** Index of the first bidder of the ranking, or -1. */
  leader: number;
}

export function sectionBasis(prepared: Prepared, ballots: readonly PreparedBallot[]): SectionBasis {
  const ids = prepared.bidders.map((b) => b.id);
  const byBidder = ids.map((): PreparedBallot[] => []);
  for (const b of ballots) byBidder[b.bidderIndex]!.push(b);
  const sortedGrades = byBidder.map((list) => ascending(list.map((b) => b.overall).filter((g): g is number => g !== null)));
  const ranking = majorityRanking(sortedGrades, ids);
  return {
    ballots,
    byBidder,
    sortedGrades,
    means: sortedGrades.map((g) => meanOf(g)),
    rows: voterRows(ballots, ids.length),
    ranking,
    leader: ranking.length > 0 ? ids.indexOf(ranking[0]!.bidderId) : -1,
  };
}

/** Computes every figure of one section from its counted ballots (in canonical order), with a bootstrap of its own. */
export function computeSection(prepared: Prepared, ballots: readonly PreparedBallot[]): ResultsSection {
  const basis = sectionBasis(prepared, ballots);
  const draws = drawBootstrap(gradeCodes(basis.rows, prepared.bidders.length), prepared.settings.resamples, seededRandom(prepared.settings.seed), prepared.settings.seed, basis.leader);
  return finishSection(prepared, basis, draws);
}

/** Every figure of a section, given its basis and its bootstrap draws. */
export function finishSection(prepared: Prepared, basis: SectionBasis, draws: BootstrapDraws): ResultsSection {
  const { bidders, settings } = prepared;
  const B = bidders.length;
  const ids = bidders.map((b) => b.id);
  const bidderIndex = new Map(ids.map((id, i) => [id, i]));
  const { ballots, byBidder, sortedGrades, means, rows, ranking } = basis;
  const meanFirst = meanProbabilityFirst(draws);
  const preferred = pairwiseMatrix(rows, B);
  const borda = bordaShares(rows, B);
  const z = zScores(rows, B);

  const bidderResults: BidderResult[] = ids.map((bidderId, b) => {
    const grades = sortedGrades[b]!;
    const grade = lowerMedianSorted(grades);
    const gauge = majorityGauge(grades, grade);
    const interval = percentileInterval(draws, b, settings.confidence);
    const trimmed = trimmedMean(grades, settings.trimFraction);
    const own = byBidder[b]!;
    return {
      bidderId,
      ballots: own.length,
      partialBallots: own.filter((x) => x.partial).length,
      overallGrades: grades.length,
      criteria: criterionResults(prepared, own),
      majorityGrade: roundOrNull(grade),
      majorityLevel: majorityLevel(prepared.scale.levels, grade),
      gauge: { ...gauge, shareAbove: round(gauge.shareAbove), shareBelow: round(gauge.shareBelow) },
      majorityProbabilityFirst: round(draws.majorityFirst[b]!),
      weightedMean: roundOrNull(means[b]!),
      meanInterval: interval === null ? null : { low: round(interval.low), high: round(interval.high) },
      meanProbabilityFirst: round(meanFirst[b]!),
      trimmedMean: roundOrNull(trimmed.mean),
      trimmedCount: trimmed.count,
      meanZ: roundOrNull(z.meanZ[b]!),
      zVoters: z.voters[b]!,
      borda: roundOrNull(borda.shares[b]!),
      bordaVoters: borda.voters[b]!,
    };
  });

  const assessed = sortedGrades.map((g) => g.length > 0);
  const winner = condorcetWinner(preferred, assessed);
  const voters: ChannelCounts = { phone: 0, paper: 0 };
  for (const r of rows) voters[r.channel]++;
  return {
    ballots: ballots.length,
    voters,
    bidders: bidderResults,
    ranking,
    meanRanking: meanRanking(means, ids),
    unranked: ids.filter((_, b) => !assessed[b]),
    pairwise: { bidderIds: ids, preferred, assessed: ids.filter((_, b) => assessed[b]), condorcetWinner: winner === null ? null : ids[winner]! },
    normalisation: z.counts,
    verdict: verdict({
      ranking,
      bidderIndex,
      overallCounts: sortedGrades.map((g) => g.length),
      means,
      preferred,
      draws,
      confidence: settings.confidence,
      minVoters: settings.verdictMinVoters,
    }),
  };
}
