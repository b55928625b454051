import { Transform } from 'class-transformer';
import { cleanLine } from '@buurtjury/shared';

/**
 * Trims surrounding whitespace from strings; leaves other values for the validators to refuse.
 * For multi-line texts (descriptions, remarks): every string has already been cleaned by the
 * Unicode policy at the edge (json-body, socket payloads).
 */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * For single-line texts (names, titles, labels, reasons): the Unicode policy for one line
 * (`cleanLine`: line breaks, Word's soft line breaks and separators become a space), then trimmed.
 */
export const SingleLine = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanLine(value).trim() : value));

/** Trims and lower-cases e-mail addresses. */
export const NormaliseEmail = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanLine(value).trim().toLowerCase() : value));
