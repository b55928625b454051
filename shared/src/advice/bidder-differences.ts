/**
 * Where one bidder differs from the others, as facts the page per bidder prints: per criterion,
 * how this bidder's median compares with the medians of the other bidders that were assessed on
 * that criterion, and the bidder's place in the ranking. Only what the results engine computed;
 * every statement is checked by property tests (ties, one voter, skipped pitches).
 */

import type { ResultsSection } from '../results/types';

export type CriterionDifference =
  /** This bidder has no assessment on the criterion. */
  | { kind: 'not-assessed'; criterionIndex: number }
  /** No other bidder has an assessment on the criterion. */
  | { kind: 'no-others'; criterionIndex: number; median: number }
  /** Every assessed bidder has the same median. */
  | { kind: 'all-equal'; criterionIndex: number; median: number }
  /** The highest median; `shared` names the other bidders with the same median (empty: alone). */
  | { kind: 'highest'; criterionIndex: number; median: number; shared: string[] }
  | { kind: 'lowest'; criterionIndex: number; median: number; shared: string[] }
  /** Strictly between the highest and the lowest median of the assessed bidders. */
  | { kind: 'between'; criterionIndex: number; median: number; top: number; bottom: number };

export interface BidderDifferences {
  /** No assessment of this bidder at all. */
  assessed: boolean;
  /** Some other bidder has an assessment. */
  othersAssessed: boolean;
  /** The place in the ranking, with the bidders sharing it; null when not ranked. */
  place: { place: number; ranked: number; shared: string[] } | null;
  criteria: CriterionDifference[];
}

/** The differences of `bidderId` from the other bidders in `section`. */
export function bidderDifferences(section: ResultsSection, bidderId: string): BidderDifferences {
  const self = section.bidders.find((b) => b.bidderId === bidderId);
  const others = section.bidders.filter((b) => b.bidderId !== bidderId);
  const assessed = (self?.ballots ?? 0) > 0;
  const othersAssessed = others.some((b) => b.ballots > 0);
  const entry = section.ranking.find((r) => r.bidderId === bidderId);
  const place = entry ? { place: entry.place, ranked: section.ranking.length, shared: [...entry.tiedWith] } : null;
  const criteria: CriterionDifference[] = [];
  const count = self?.criteria.length ?? 0;
  for (let ci = 0; ci < count; ci++) {
    const median = self!.criteria[ci]!.median;
    if (median === null) {
      criteria.push({ kind: 'not-assessed', criterionIndex: ci });
      continue;
    }
    const rivals = others.map((b) => ({ id: b.bidderId, median: b.criteria[ci]?.median ?? null })).filter((r): r is { id: string; median: number } => r.median !== null);
    if (rivals.length === 0) {
      criteria.push({ kind: 'no-others', criterionIndex: ci, median });
      continue;
    }
    const top = Math.max(median, ...rivals.map((r) => r.median));
    const bottom = Math.min(median, ...rivals.map((r) => r.median));
    const same = rivals.filter((r) => r.median === median).map((r) => r.id);
    if (top === bottom) criteria.push({ kind: 'all-equal', criterionIndex: ci, median });
    else if (median === top) criteria.push({ kind: 'highest', criterionIndex: ci, median, shared: same });
    else if (median === bottom) criteria.push({ kind: 'lowest', criterionIndex: ci, median, shared: same });
    else criteria.push({ kind: 'between', criterionIndex: ci, median, top, bottom });
  }
  return { assessed, othersAssessed, place, criteria };
}
