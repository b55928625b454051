/**
 * What an issued advice would print as not written. The document prints "(Nog niet ingevuld.)"
 * where the summary, the advice itself or all of a bidder's texts (strengths, concerns, conditions)
 * are empty (build.ts); an issued version can never change, so issuing says so first. The other
 * texts (minority views, incidents, limitations) are left out of the document when empty.
 */

import { problem, type Problem } from '../api/errors';
import { BIDDER_TEXT_FIELDS, isWritten, type AdviceContent } from './content';

export interface EmptySections {
  /** Parts the advice cannot be issued without (ADVICE_INCOMPLETE). */
  missing: Problem[];
  /** Parts that would be printed as not written: issuing them needs a confirmation (ADVICE_EMPTY_SECTIONS). */
  empty: Problem[];
  /** The bidders about whom nothing is written (`empty`, by id). */
  emptyBidderIds: string[];
}

/** The parts of the advice that would be printed as not written, by the bidders' running order. */
export function emptyAdviceSections(content: AdviceContent, bidders: readonly { id: string; name: string }[]): EmptySections {
  const missing: Problem[] = [];
  if (!isWritten(content.summary)) missing.push(problem('adviceSummaryEmpty'));
  if (!isWritten(content.recommendation)) missing.push(problem('adviceRecommendationEmpty'));
  const byId = new Map(content.bidders.map((b) => [b.bidderId, b]));
  const unwritten = bidders.filter((b) => {
    const texts = byId.get(b.id);
    return !texts || BIDDER_TEXT_FIELDS.every((field) => !isWritten(texts[field]));
  });
  return { missing, empty: unwritten.map((b) => problem('adviceBidderEmpty', { bidder: b.name })), emptyBidderIds: unwritten.map((b) => b.id) };
}
