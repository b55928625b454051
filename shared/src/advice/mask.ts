/**
 * Masks what could identify a person in an attendee's remark before organisers see it as a
 * possible quote, and marks what might still be a name for the host to check. Rules, not a
 * language model, in two parts:
 *
 * 1. Patterns, always masked: e-mail addresses, web addresses, handles (@name), IBANs (checked
 *    with their mod-97 check digits, or in the Dutch form), BSNs (9 digits passing the 11-test)
 *    and phone numbers (9 to 15 digits, also with +31, 0031 or full-width and other Unicode
 *    digits).
 * 2. Names, from a list of Dutch and international first names (shared/src/advice/first-names.data.ts,
 *    made by `npm run names` from maintained data packages plus a curated supplement):
 *    - a capitalised word inside a sentence is masked unless it is a known word of the evening
 *      (bidder names, the tender, the venue, ...) that is not a first name, a common word or an
 *      acronym: the rule errs on the side of masking (street and place names too);
 *    - a run of capitalised words ("Jan de Vries") and a capitalised word after an introduction
 *      ("ik ben", "groeten,") are masked wherever they stand;
 *    - a first name is masked in any case and position ("karin vond", "Fatima sprak") unless it
 *      is also an ordinary word ("roos", "Storm"): then it is marked as a possible name;
 *    - a first name that occurs in the evening's own texts ("Stichting Anna") is kept where the
 *      whole text is quoted and otherwise marked as a possible name, not kept silently.
 *    The host sees every possible name highlighted and confirms each quote, masking any of them.
 */

import type { Language } from '../domain/setup';
import { COMMON_WORD_NAMES, FIRST_NAMES, WORD_NAMES } from './first-names.data';

export interface TextSpan {
  start: number;
  end: number;
}

export interface MaskedText {
  text: string;
  /** How many parts were masked. */
  masked: number;
  /** Words in `text` that may be a name and were not masked (UTF-16 offsets), for the host to check. */
  possibleNames: TextSpan[];
}

export type MaskKind = 'email' | 'url' | 'handle' | 'iban' | 'bsn' | 'phone' | 'name';

export const MASK_PLACEHOLDERS = {
  nl: { email: '[e-mailadres]', url: '[link]', handle: '[account]', iban: '[rekeningnummer]', bsn: '[BSN]', phone: '[telefoonnummer]', name: '[naam]' },
  en: { email: '[e-mail address]', url: '[link]', handle: '[handle]', iban: '[bank account]', bsn: '[citizen service number]', phone: '[phone number]', name: '[name]' },
} satisfies Record<Language, Record<MaskKind, string>>;

/** The first-name lists the masking uses, lower case. */
export interface NameLexicon {
  names: ReadonlySet<string>;
  /** Names that are also ordinary words: marked, not masked, where they could be either. */
  wordNames: ReadonlySet<string>;
  /** Names too common as words to flag ("ben", "will"). */
  commonWords: ReadonlySet<string>;
}

let lexicon: NameLexicon | null = null;

/** The generated lists as sets (built once, on first use). */
export function nameLexicon(): NameLexicon {
  const words = (chunks: readonly string[]) => new Set(chunks.flatMap((c) => c.split(' ')));
  lexicon ??= { names: words(FIRST_NAMES), wordNames: words(WORD_NAMES), commonWords: words(COMMON_WORD_NAMES) };
  return lexicon;
}

/** The evening's own texts: whole texts are kept where they occur, and their words that are not first names. */
export interface KeepList {
  phrases: string[];
  words: ReadonlySet<string>;
}

const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;

/** The lower-cased words (split on anything that is not a letter or digit) of the evening's own texts. */
export function keepWords(texts: readonly string[]): Set<string> {
  const words = new Set<string>();
  for (const t of texts) for (const w of t.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u)) if (w) words.add(w);
  return words;
}

export function keepList(texts: readonly string[]): KeepList {
  const phrases = [...new Set(texts.map((t) => t.trim().replace(/\s+/g, ' ')).filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length);
  return { phrases, words: keepWords(texts) };
}

/**
 * What masking keeps of an evening's own texts: its bidders, criteria, tender, venue, title and
 * network, where a remark or an incident quotes them whole.
 */
export function eveningKeepList(
  evening: {
    bidders: readonly { name: string }[];
    criteria: readonly { name: string }[];
    tender: { name: string; municipality: string; committee: string };
    venue: string;
    title: string;
  },
  networkName: string,
): KeepList {
  return keepList([
    ...evening.bidders.map((b) => b.name),
    ...evening.criteria.map((c) => c.name),
    evening.tender.name,
    evening.tender.municipality,
    evening.tender.committee,
    evening.venue,
    evening.title,
    networkName,
  ]);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]]+[^\s<>"'()[\].,;:!?]/giu;
const HANDLE = /(?<![\p{L}\p{N}._%+-])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_])?/gu;
/** Two letters, two check digits, then 11 to 30 letters or digits, optionally in groups. */
const IBAN = /\b[A-Za-z]{2}\p{Nd}{2}(?:[ \u00A0]?[A-Za-z0-9]){11,30}\b/gu;
/** A run of digits with spaces, dashes, dots, slashes or brackets, optionally after +, ＋ or 00. */
const NUMBER = /(?:[+＋]|\b00)?[(（]?\p{Nd}(?:[\p{Nd}\s\-‐-―－./．／()（）]*\p{Nd})?/gu;

/** The value of a decimal digit of any script (full-width ３, Arabic-Indic ٣, ...). */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0)!;
  let below = 0;
  while (below < 40 && /\p{Nd}/u.test(String.fromCodePoint(cp - below - 1))) below++;
  return below % 10;
}

function digitsOf(text: string): number[] {
  return [...text].filter((c) => /\p{Nd}/u.test(c)).map(digitValue);
}

/** The Dutch BSN "11-test": 9 digits d1..d9 with 9·d1 + 8·d2 + ... + 2·d8 − d9 divisible by 11. */
export function isBsn(digits: readonly number[]): boolean {
  if (digits.length !== 9 || digits.every((d) => d === 0)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += digits[i]! * (9 - i);
  return (sum - digits[8]!) % 11 === 0;
}

/** An IBAN whose check digits are right (ISO 13616 mod 97). */
export function isIban(raw: string): boolean {
  const s = raw.replace(/[\s\u00A0]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const c of moved) {
    const v = /\d/.test(c) ? c : String(c.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

interface Range extends TextSpan {
  kind: MaskKind | 'keep' | 'possible';
}

function overlaps(ranges: readonly Range[], start: number, end: number): boolean {
  return ranges.some((r) => r.start < end && start < r.end);
}

/** Words that start a name introduction; the words after them are a name. */
const INTRODUCTIONS =
  /\b(?:ik\s+ben|ik\s+heet|mijn\s+naam\s+is|naam\s*:|groet(?:en|jes)?\s*,?|gr\.?\s*,?|namens|met\s+vriendelijke\s+groet\s*,?|my\s+name\s+is|i\s+am|i'm|regards\s*,?|cheers\s*,?|from|thanks\s*,?|bedankt\s*,?)\s+$/iu;
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

function isCapitalised(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word);
}

function isAcronym(word: string): boolean {
  return /^[\p{Lu}\p{N}]{2,6}$/u.test(word);
}

/** The word as the name list has it: lower case, NFC, without a possessive ("Karin's"). */
function nameKey(word: string): string {
  return word.normalize('NFC').toLowerCase().replace(/['’]s$/u, '');
}

/** Pattern matches, most specific first; later patterns skip what earlier ones took. */
function patternRanges(text: string): Range[] {
  const ranges: Range[] = [];
  const add = (start: number, end: number, kind: MaskKind) => {
    if (!overlaps(ranges, start, end)) ranges.push({ start, end, kind });
  };
  for (const m of text.matchAll(EMAIL)) add(m.index, m.index + m[0].length, 'email');
  for (const m of text.matchAll(URL)) add(m.index, m.index + m[0].length, 'url');
  for (const m of text.matchAll(HANDLE)) add(m.index, m.index + m[0].length, 'handle');
  for (const m of text.matchAll(IBAN)) {
    // The match may run on into the next words ("NL91 ABNA 0417 1643 00 aan"): try it group by group, longest first.
    const groups = m[0].split(/(?=[ \u00A0])/u);
    for (let n = groups.length; n > 0; n--) {
      const candidate = groups.slice(0, n).join('');
      const compact = candidate.replace(/[\s\u00A0]/g, '');
      if (isIban(candidate) || /^NL\d{2}[A-Z]{4}\d{10}$/i.test(compact)) {
        add(m.index, m.index + candidate.length, 'iban');
        break;
      }
    }
  }
  for (const m of text.matchAll(NUMBER)) {
    // Keep a trailing separator or bracket out of the match.
    const match = m[0].replace(/[\s\-‐-―－./．／(（]+$/u, '');
    const digits = digitsOf(match);
    if (digits.length === 9 && isBsn(digits)) add(m.index, m.index + match.length, 'bsn');
    else if (digits.length >= 9 && digits.length <= 15) add(m.index, m.index + match.length, 'phone');
  }
  return ranges;
}

/** Spans of the evening's whole texts in `text` (case-insensitive), kept as they are. */
function phraseRanges(text: string, keep: KeepList, taken: readonly Range[]): Range[] {
  const lower = text.toLowerCase();
  const ranges: Range[] = [];
  for (const phrase of keep.phrases) {
    const p = phrase.toLowerCase();
    for (let at = lower.indexOf(p); at >= 0; at = lower.indexOf(p, at + 1)) {
      const end = at + p.length;
      const wordEdges = !/[\p{L}\p{N}]/u.test(text[at - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(text[end] ?? ' ');
      if (wordEdges && !overlaps(taken, at, end) && !overlaps(ranges, at, end)) ranges.push({ start: at, end, kind: 'keep' });
    }
  }
  return ranges;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

/**
 * Masks e-mail and web addresses, handles, IBANs, BSNs, phone numbers and names in `text`, and
 * lists the words that may still be a name. `keep` holds the evening's own texts (see `keepList`).
 */
export function maskRemark(text: string, language: Language, keep: KeepList = { phrases: [], words: new Set() }, names: NameLexicon = nameLexicon()): MaskedText {
  const taken = patternRanges(text);
  taken.push(...phraseRanges(text, keep, taken));

  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!overlaps(taken, start, end)) tokens.push({ word: m[0], start, end });
  }

  const sentenceStart = (t: Token): boolean => {
    const before = text.slice(0, t.start).trimEnd();
    if (before.length === 0 || /[.!?:;\n"“(]$/u.test(before)) return true;
    // Right after a masked pattern (an address, a number) a new sentence may start.
    return taken.some((r) => r.kind !== 'keep' && r.end === before.length);
  };
  const isName = (key: string) => names.names.has(key) && !names.commonWords.has(key);
  /** A capitalised word that is not a common word, an acronym, or a word of the evening's own texts (unless a first name). */
  const capitalisedNameWord = (t: Token): boolean => {
    const key = nameKey(t.word);
    if (!isCapitalised(t.word) || COMMON.has(key) || isAcronym(t.word)) return false;
    return !keep.words.has(key) || names.names.has(key);
  };

  const ranges: Range[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const key = nameKey(t.word);
    const introduced = INTRODUCTIONS.test(text.slice(Math.max(0, t.start - 40), t.start));
    if (capitalisedNameWord(t)) {
      // Extend over following name words and particles ("Jan van der Berg").
      let j = i;
      let k = i + 1;
      while (k < tokens.length && /^\s+$/u.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start))) {
        const next = tokens[k]!;
        if (capitalisedNameWord(next)) {
          j = k;
          k++;
        } else if (PARTICLES.has(next.word.toLowerCase())) k++;
        else break;
      }
      const run = { start: t.start, end: tokens[j]!.end };
      if (j > i || introduced) {
        ranges.push({ ...run, kind: 'name' });
        i = j;
        continue;
      }
      if (keep.words.has(key)) ranges.push({ ...run, kind: 'possible' });
      else if (!sentenceStart(t)) ranges.push({ ...run, kind: 'name' });
      // Opening a sentence: "Karin sprak" is a name, "Storm" may be, "Ben je" is not.
      else if (isName(key)) ranges.push({ ...run, kind: names.wordNames.has(key) ? 'possible' : 'name' });
      continue;
    }
    if (!isName(key)) continue;
    // A first name in lower case, or a capitalised one that is also a common word.
    if (keep.words.has(key) || names.wordNames.has(key)) ranges.push({ start: t.start, end: t.end, kind: introduced && !names.wordNames.has(key) ? 'name' : 'possible' });
    else ranges.push({ start: t.start, end: t.end, kind: 'name' });
  }

  const all = [...taken.filter((r) => r.kind !== 'keep'), ...ranges].sort((a, b) => a.start - b.start);
  const placeholders = MASK_PLACEHOLDERS[language];
  let out = '';
  let at = 0;
  let masked = 0;
  const possibleNames: TextSpan[] = [];
  for (const r of all) {
    out += text.slice(at, r.start);
    if (r.kind === 'possible') {
      possibleNames.push({ start: out.length, end: out.length + (r.end - r.start) });
      out += text.slice(r.start, r.end);
    } else if (r.kind !== 'keep') {
      out += placeholders[r.kind];
      masked++;
    }
    at = r.end;
  }
  out += text.slice(at);
  return { text: out, masked, possibleNames };
}

/**
 * Applies the host's choices to a masked remark: the possible names at these indexes (into
 * `possibleNames`) are masked too.
 */
export function maskPossibleNames(remark: MaskedText, indexes: readonly number[], language: Language): string {
  const chosen = new Set(indexes);
  let out = '';
  let at = 0;
  remark.possibleNames.forEach((span, i) => {
    if (!chosen.has(i)) return;
    out += remark.text.slice(at, span.start) + MASK_PLACEHOLDERS[language].name;
    at = span.end;
  });
  return out + remark.text.slice(at);
}
