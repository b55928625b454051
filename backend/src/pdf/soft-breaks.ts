/**
 * Break opportunities in long unbroken runs, before pdfmake lays text out.
 *
 * pdfmake breaks a word that is wider than the line by measuring the rest of the word again for
 * every line it fills, so a run of n characters without a space costs about n²/60 width
 * measurements: 20,000 characters took 11 s and 1 GB here, five of them more than a minute. With a
 * zero-width space (U+200B, a break opportunity in Unicode line breaking, drawn as nothing by
 * Roboto and by PDF's Courier) after every `BREAK_EVERY` characters of a run longer than
 * `MAX_UNBROKEN_RUN`, every piece is short and layout is linear again, and lines still fill the
 * width to within a few characters, as a browser wraps such a run. Text with ordinary words is
 * left exactly as it was.
 */

/** The zero-width space: a place where a line may break, invisible on the page. */
export const SOFT_BREAK = '\u200b';

/**
 * Runs longer than this get a break opportunity after every this many characters. Ordinary words,
 * codes, most web addresses and the SHA-256 fingerprints (64 hex digits, which readers copy out of
 * the PDF to compare) are not longer, so they stay exactly as they are.
 */
export const MAX_UNBROKEN_RUN = 64;

/** In a longer run, a break opportunity after every this many characters. */
export const BREAK_EVERY = 8;

/** A run of more than `max` characters with no whitespace or zero-width space in it. */
function longRun(max: number): RegExp {
  return new RegExp(`[^\\s${SOFT_BREAK}]{${max + 1},}`, 'gu');
}

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Code units segmented at a time: Intl.Segmenter slows down badly on long strings. */
const WINDOW = 256;

/**
 * Code points that may join the one before them into one user-perceived character (marks,
 * joiners and other format characters, emoji modifiers, flag letters, Hangul jamo, the Thai and
 * Lao vowels that attach, lone surrogates). A text without them has one character per code point.
 */
const JOINING = /[\p{M}\p{Cf}\p{Cs}\p{Emoji_Modifier}\p{Regional_Indicator}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0e33\u0eb3]/u;

/**
 * The user-perceived characters of a text (a letter with its accents, an emoji sequence): its code
 * points when none of them can join another, otherwise found by Intl.Segmenter a window at a time. A window's last character may be cut off by the window's end, so it is
 * looked at again in the next window, which starts with it.
 */
function characters(text: string): string[] {
  if (!JOINING.test(text)) return Array.from(text);
  const out: string[] = [];
  let pos = 0;
  let window = WINDOW;
  while (pos < text.length) {
    const end = Math.min(text.length, pos + window);
    const segments = [...segmenter.segment(text.slice(pos, end))].map((s) => s.segment);
    const complete = end === text.length ? segments : segments.slice(0, -1);
    if (complete.length === 0) {
      window *= 2; // one character longer than the window (a long combining sequence)
      continue;
    }
    for (const c of complete) out.push(c);
    pos += complete.reduce((a, c) => a + c.length, 0);
    window = WINDOW;
  }
  return out;
}

/**
 * The text with a zero-width space after every `every` characters (user-perceived characters:
 * a letter with its accents or an emoji stays whole) of every run longer than `max` without a
 * break opportunity. Text without such runs is returned unchanged (the same string).
 */
export function breakLongRuns(text: string, max = MAX_UNBROKEN_RUN, every = Math.min(BREAK_EVERY, max)): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a whole number of at least 1');
  if (!Number.isInteger(every) || every < 1 || every > max) throw new RangeError('every must be a whole number from 1 to max');
  if (text.length <= max) return text;
  return text.replace(longRun(max), (run) => {
    const chars = characters(run);
    if (chars.length <= max) return run;
    const pieces: string[] = [];
    for (let i = 0; i < chars.length; i += every) pieces.push(chars.slice(i, i + every).join(''));
    return pieces.join(SOFT_BREAK);
  });
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A pdfmake document definition (or any part of it) with long runs broken in what is printed as
 * text: the value of every `text` property and every string standing in an array (a stack's,
 * a table row's or a list's items). Other strings (styles, fonts, QR contents, metadata, widths)
 * and anything that is not a plain object or array (functions, dates, buffers) are kept as they
 * are. Parts without a long run are returned as the very same objects, so a document without
 * long runs renders exactly as before.
 */
export function softBreakContent<T>(node: T, max = MAX_UNBROKEN_RUN): T {
  return walk(node, false, max) as T;
}

function walk(node: unknown, printed: boolean, max: number): unknown {
  if (typeof node === 'string') return printed ? breakLongRuns(node, max) : node;
  if (Array.isArray(node)) {
    let changed = false;
    const out = node.map((item) => {
      const next = walk(item, true, max);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : node;
  }
  if (isPlainObject(node)) {
    let out: Record<string, unknown> | null = null;
    for (const [key, value] of Object.entries(node)) {
      const next = walk(value, key === 'text', max);
      if (next !== value) {
        out ??= { ...node };
        out[key] = next;
      }
    }
    return out ?? node;
  }
  return node;
}
