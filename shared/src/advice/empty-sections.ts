/**
 * What an issued advice would print as not written. The document prints "(Nog niet ingevuld.)"
 * where the summary, the advice itself or all of a bidder's texts (strengths, concerns, conditions)
 * are empty (build.ts); an issued version can never change, so issuing says so first. The other
 * texts (minority views, incidents, limitations) are left out of the document when empty.
 */

import { problem, type ErrorReason, type Problem } from '../api/errors';
import { DECLARANT_ROLES, type DeclarantRole, type Declarations } from '../domain/procedure';
import type { AwardFrame } from '../domain/setup';
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

const DECLARATIONS_NOT_RECORDED: Record<DeclarantRole, ErrorReason> = {
  network: 'adviceDeclarationsNetworkNotRecorded',
  moderator: 'adviceDeclarationsModeratorNotRecorded',
  venue: 'adviceDeclarationsVenueNotRecorded',
};

/**
 * What the setup did not record and the document therefore says it does not know: the tender's award
 * criteria, where they were published, whether the tender announced the evening (award.ts), and per
 * declarant the declarations of interest (neither an interest nor "none": procedure.ts prints
 * "niets vastgelegd", or one sentence when no declarant has a record). Issuing shows these before the issuer confirms, in the fixed order of the document.
 */
export function unrecordedFrameParts(frame: { award: AwardFrame; declarations: Declarations }): Problem[] {
  const out: Problem[] = [];
  const { award, declarations } = frame;
  if (award.criteria.length === 0) out.push(problem('adviceAwardCriteriaNotRecorded'));
  else if (!isWritten(award.publishedIn)) out.push(problem('adviceAwardPublishedNotRecorded'));
  if (award.eveningAnnounced === 'unknown') out.push(problem('adviceAnnouncedNotRecorded'));
  const declared = new Set<DeclarantRole>([...declarations.items.map((i) => i.role), ...declarations.noneDeclared]);
  // Nothing at all is one sentence in the document; otherwise one line per declarant without a record.
  if (declared.size === 0) out.push(problem('adviceDeclarationsNotRecorded'));
  else for (const role of DECLARANT_ROLES) if (!declared.has(role)) out.push(problem(DECLARATIONS_NOT_RECORDED[role]));
  return out;
}
