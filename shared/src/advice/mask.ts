/**
 * Masks what could identify a person in an attendee's remark before organisers see it as a
 * possible quote: e-mail addresses, phone numbers and names. Names are found by rule, not by
 * a language model, so the rule errs on the side of masking: every capitalised word inside a
 * sentence is taken for a name unless it is one of the evening's own words (bidder names, the
 * tender, the municipality, the venue, the criteria) or an acronym, and a capitalised word at the
 * start of a sentence is masked when it follows an introduction ("ik ben", "mijn naam is", "groet")
 * or runs on into a name ("Jan de Vries").
 */

import type { Language } from '../domain/setup';

export interface MaskedText {
  text: string;
  /** How many parts were masked. */
  masked: number;
}

const PLACEHOLDER = {
  nl: { email: '[e-mailadres]', phone: '[telefoonnummer]', name: '[naam]' },
  en: { email: '[e-mail address]', phone: '[phone number]', name: '[name]' },
} satisfies Record<Language, Record<string, string>>;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** A run of digits with spaces, dashes, dots, slashes or brackets, optionally after + or 00. */
const PHONE_CANDIDATE = /(?:\+|\b00)?\(?\d[\d\s\-./()]{6,}\d/g;
/** Words that start a name introduction; the capitalised words after them are a name. */
const INTRODUCTIONS = /\b(?:ik\s+ben|ik\s+heet|mijn\s+naam\s+is|naam\s*:|groet(?:en)?\s*,?|gr\.?\s*,?|namens|met\s+vriendelijke\s+groet\s*,?|my\s+name\s+is|i\s+am|i'm|regards\s*,?|cheers\s*,?|from)\s+$/iu;
/** Name particles: lower-case words that sit inside a Dutch name ("Jan van der Berg"). */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'el', 'al', 'bin', 'von', 'zu', 'da', 'di', 'du', 'dos']);
/** Capitalised words that are not names, in either language. */
const COMMON = new Set(
  (
    'ik i je u jij wij we zij hij ze het de een en maar of als dat dit die wat wie waar hoe waarom wanneer ook nog wel niet geen goed mooi sterk zwak top prima leuk jammer helaas graag dank bedankt ja nee oké ok ' +
    'the a an and but or if that this these those what who where how why when also yes no thanks thank great good nice well very ' +
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december januari februari maart mei juni juli augustus oktober ' +
    'gemeente wijk buurt bewoners bewoner plan pitch presentatie'
  ).split(' '),
);

interface Token {
  word: string;
  start: number;
  end: number;
}

function digitsIn(text: string): number {
  return (text.match(/\d/g) ?? []).length;
}

/** The lower-cased words (split on anything that is not a letter or digit) of the evening's own texts. */
export function keepWords(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const t of texts) for (const w of t.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u)) if (w) words.add(w);
  return words;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word);
}

function isAcronym(word: string): boolean {
  return /^[\p{Lu}\p{N}]{2,6}$/u.test(word);
}

/**
 * Masks e-mail addresses, phone numbers (9 to 15 digits) and names in `text`. `keep` holds words
 * (lower case, see `keepWords`) that may stay even when capitalised.
 */
export function maskRemark(text: string, language: Language, keep: ReadonlySet<string> = new Set()): MaskedText {
  const p = PLACEHOLDER[language];
  let masked = 0;
  let out = text.replace(EMAIL, () => {
    masked++;
    return p.email;
  });
  out = out.replace(PHONE_CANDIDATE, (match) => {
    const digits = digitsIn(match);
    if (digits < 9 || digits > 15) return match;
    masked++;
    // Keep a trailing bracket or separator out of the placeholder.
    return p.phone;
  });

  const tokens: Token[] = [];
  for (const m of out.matchAll(/[\p{L}][\p{L}'’-]*/gu)) tokens.push({ word: m[0], start: m.index, end: m.index + m[0].length });

  const isNameWord = (t: Token): boolean => {
    const lower = t.word.toLowerCase();
    return isCapitalised(t.word) && !keep.has(lower) && !COMMON.has(lower) && !isAcronym(t.word);
  };
  const sentenceStart = (t: Token): boolean => {
    const before = out.slice(0, t.start).trimEnd();
    return before.length === 0 || /[.!?:;\n"“(]$/u.test(before) || before.endsWith(p.email) || before.endsWith(p.phone);
  };

  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!isNameWord(t)) continue;
    // Extend over following name words and particles ("Jan van der Berg").
    let j = i;
    let k = i + 1;
    while (k < tokens.length && /^\s+$/u.test(out.slice(tokens[k - 1]!.end, tokens[k]!.start))) {
      const next = tokens[k]!;
      if (isNameWord(next)) {
        j = k;
        k++;
      } else if (PARTICLES.has(next.word.toLowerCase())) {
        k++;
      } else break;
    }
    const multiWord = j > i;
    const introduced = INTRODUCTIONS.test(out.slice(Math.max(0, t.start - 40), t.start));
    if (!sentenceStart(t) || multiWord || introduced) {
      spans.push({ start: t.start, end: tokens[j]!.end });
      i = j;
    }
  }
  if (spans.length > 0) {
    let result = '';
    let at = 0;
    for (const s of spans) {
      result += out.slice(at, s.start) + p.name;
      at = s.end;
    }
    out = result + out.slice(at);
    masked += spans.length;
  }
  return { text: out, masked };
}
