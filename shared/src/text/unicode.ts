/**
 * The one Unicode policy for text that comes from outside (HTTP bodies, socket messages): applied
 * at the edge, before anything is hashed, stored, compared or rendered, so what is hashed is what
 * the database stores and returns (the sqlite driver would turn a lone surrogate into U+FFFD
 * behind the hash's back; PostgreSQL refuses U+0000).
 *
 * Every text (`cleanText`):
 * - is well-formed UTF-16: a lone surrogate (half of an emoji, valid in JSON) becomes U+FFFD,
 *   the replacement character, rather than refusing the text (a ballot is never lost over it);
 * - has one kind of line break: CR LF, CR, NEL (U+0085), the line and paragraph separators
 *   (U+2028, U+2029), a vertical tab (U+000B: Word's soft line break when pasted) and a form feed
 *   become `\n`; a tab becomes a space;
 * - has no other control characters (C0, DEL, C1), no bidirectional embeddings, overrides or
 *   isolates (U+202A–U+202E, U+2066–U+2069: they reorder the text around them on screen and in
 *   documents) and no byte-order mark (U+FEFF). Left-to-right and right-to-left marks (U+200E,
 *   U+200F, U+061C) stay: they change nothing outside their own text;
 * - is in Unicode normalisation form C, so "é" typed as one character or as e + accent is the
 *   same text, and compares and hashes the same.
 *
 * A single-line text (`cleanLine`: names, titles, labels, reasons) also has its line breaks
 * replaced by one space each. Both are idempotent: cleaning a cleaned text changes nothing.
 */

/** Everything that becomes a line break. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINE_BREAKS = /\r\n|[\r\u000b\u000c\u0085\u2028\u2029]/g;
/** Control and format characters that are removed (after line breaks and tabs were mapped). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const REMOVED = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** A quick test whether a text needs any of the work above, so plain text costs one scan. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_WORK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/;

/** Replaces every unpaired surrogate code unit by U+FFFD. */
export function toWellFormed(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    out += text.slice(from, i) + '\ufffd';
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Whether a text is well-formed UTF-16 (no unpaired surrogate). */
export function isWellFormed(text: string): boolean {
  return toWellFormed(text) === text;
}

/** The policy for every text from outside; multi-line texts (remarks, descriptions, advice texts) need nothing more. */
export function cleanText(text: string): string {
  const cleaned = NEEDS_WORK.test(text)
    ? toWellFormed(text).replace(LINE_BREAKS, '\n').replace(/\t/g, ' ').replace(REMOVED, '')
    : text;
  return cleaned.normalize('NFC');
}

/** The policy for single-line texts: `cleanText`, then each line break (with the spaces around it) becomes one space. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/[ ]*\n[ \n]*/g, ' ');
}

/**
 * `cleanText` applied to every string value in a parsed JSON value, in place for objects and
 * arrays; returns the (possibly new) value. Keys are left as they are: no field name has anything
 * to clean, so a key that does is an unknown field for validation to refuse. Iterative, so deep
 * values are safe.
 */
export function cleanJsonStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (typeof value !== 'object' || value === null) return value;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const item: unknown = current[i];
        if (typeof item === 'string') current[i] = cleanText(item);
        else if (typeof item === 'object' && item !== null) stack.push(item);
      }
      continue;
    }
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') record[key] = cleanText(item);
      else if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return value;
}
