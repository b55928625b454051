/**
 * What the organisers write around the numbers: the advice's own text. Quotes are picked from
 * the attendees' remarks (masked); organisers choose them by id and cannot edit their wording.
 */

import type { EnglishVersions } from './english';

export const ADVICE_LIMITS = {
  /** Characters per text field. */
  textMax: 20_000,
  /** Quotes per bidder. */
  quotesPerBidder: 8,
  /** Characters of a version note ("what this version corrects"). */
  noteMax: 2_000,
  /** Characters of a committee link's label. */
  labelMax: 120,
} as const;

/** The organisers' text about one bidder. */
export interface BidderAdvice {
  bidderId: string;
  strengths: string;
  concerns: string;
  conditions: string;
  /** Ids of the picked remarks (see `RemarkSuggestion`), in the order they are shown. */
  quoteIds: string[];
}

/**
 * The host's check of one quote before it goes into the advice: the possible names (see
 * `RemarkSuggestion.possibleNames`) they chose to mask too, by index. `check` is the suggestion's
 * `check` when they confirmed it: when the masking of the remark changes, the confirmation lapses.
 */
export interface QuoteReview {
  check: string;
  masked: number[];
}

export interface AdviceContent {
  /** Samenvatting: the advice in a few paragraphs. */
  summary: string;
  /** Het advies: what the residents recommend the committee to do. */
  recommendation: string;
  /** Minority views: what a substantial group of residents saw differently. */
  minorityViews: string;
  /** Anything that happened during the evening that a reader should know (disruptions, late starts). */
  incidents: string;
  /** Limitations of this advice, in the organisers' words (added to the standard ones). */
  limitations: string;
  /** One entry per bidder, in running order. */
  bidders: BidderAdvice[];
  /** Per picked quote id: the host's confirmation. A quote without one cannot be issued. */
  quoteReviews?: Record<string, QuoteReview>;
  /** English versions of the organisers' texts, criteria and scale labels (see english.ts); optional. */
  english?: EnglishVersions;
}

export const ADVICE_TEXT_FIELDS = ['summary', 'recommendation', 'minorityViews', 'incidents', 'limitations'] as const;

/**
 * Whether an organiser's text prints anything: not empty and not only white space. Where the
 * document has a place for a text that is not written, it prints "(Nog niet ingevuld.)" instead
 * (see `orPending` in build.ts, and `emptyAdviceSections`).
 */
export function isWritten(text: string): boolean {
  return text.trim() !== '';
}
export const BIDDER_TEXT_FIELDS = ['strengths', 'concerns', 'conditions'] as const;

/** An empty advice for these bidders. */
export function emptyAdvice(bidderIds: readonly string[]): AdviceContent {
  return {
    summary: '',
    recommendation: '',
    minorityViews: '',
    incidents: '',
    limitations: '',
    bidders: bidderIds.map((bidderId) => ({ bidderId, strengths: '', concerns: '', conditions: '', quoteIds: [] })),
    quoteReviews: {},
  };
}
