/**
 * Quotes in the advice: a remark's masked text as the host confirmed it. Each picked quote needs
 * the host's confirmation (`QuoteReview`) of the masking as it is now; the possible names they
 * chose are masked too. Until then the document shows the quote with every possible name masked,
 * and the advice cannot be issued.
 */

import type { Language } from '../domain/setup';
import type { RemarkSuggestion } from '../api/rest';
import { sha256Hex } from '../logic/fingerprint';
import type { AdviceContent, QuoteReview } from './content';
import { maskPossibleNames, type MaskedText } from './mask';

/** Identifies one masking of a remark (its text and its possible names). */
export function remarkCheck(masked: Pick<MaskedText, 'text' | 'possibleNames'>): string {
  return sha256Hex(`buurtjury-quote\n${masked.text}\n${JSON.stringify(masked.possibleNames.map((s) => [s.start, s.end]))}`).slice(0, 16);
}

/** A review that still fits the suggestion: same masking, and indexes of its possible names. */
export function reviewFits(suggestion: RemarkSuggestion, review: QuoteReview | undefined): review is QuoteReview {
  return (
    review !== undefined &&
    review.check === suggestion.check &&
    review.masked.every((i) => Number.isInteger(i) && i >= 0 && i < suggestion.possibleNames.length)
  );
}

/** The text a quote is printed with: the host's choice, or every possible name masked while it is not confirmed. */
export function quoteText(suggestion: RemarkSuggestion, review: QuoteReview | undefined, language: Language): string {
  const indexes = reviewFits(suggestion, review) ? review.masked : suggestion.possibleNames.map((_, i) => i);
  return maskPossibleNames(suggestion, indexes, language);
}

/** Picked quotes the host has not confirmed (or whose masking changed since), in the order they appear. */
export function unconfirmedQuotes(content: AdviceContent, suggestions: readonly RemarkSuggestion[]): RemarkSuggestion[] {
  const byId = new Map(suggestions.map((s) => [s.id, s]));
  return content.bidders
    .flatMap((b) => b.quoteIds)
    .map((id) => byId.get(id))
    .filter((s): s is RemarkSuggestion => s !== undefined && !reviewFits(s, content.quoteReviews?.[s.id]));
}
