/**
 * Every message a person reads is in the interface's language: this walks every error code,
 * every refusal reason (ERROR_REASONS) and every sentence of the verifier (VERIFY_REASONS, the
 * committee's *Controleer*) through both locale files, as the interface renders them (with
 * intl-messageformat, the formatter svelte-i18n uses), and fails on a missing or empty
 * sentence, on a Dutch sentence that is the English one (not translated), on a sentence that
 * uses other parameters than the server sends, and on one that does not format.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { AUDIT_TYPES, ERROR_CODES, ERROR_REASONS, SOCKET_ERROR_CODES, VERIFY_REASONS, verifyEvening, type ErrorParams } from '@buurtjury/shared';
import { NOT_ON_THE_PHONE_WITHIN, phoneMessages } from '../../frontend/src/lib/message-parts';

type Messages = { [key: string]: string | Messages };
const LANGUAGES = ['nl', 'en'] as const;
const locales = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(path.join(__dirname, '../../frontend/src/locales', `${lang}.json`), 'utf8')) as Messages]),
) as Record<(typeof LANGUAGES)[number], Messages>;

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/**
 * Keys whose Dutch text may equal the English one: proper names and words both languages
 * share. Empty today; add a key here only for such a word, never for an untranslated sentence.
 */
const SAME_IN_BOTH: ReadonlySet<string> = new Set<string>([]);

/** The parameters an ICU message uses: `{name}` and `{name, plural, …}`, not the `#` inside a plural. */
function icuParams(message: string): string[] {
  return [...new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]!))].sort();
}

/** Which keys to walk: every code, reason and verifier sentence, with the parameters the server sends. */
const keys: { key: string; params: string[] }[] = [
  ...ERROR_CODES.map((code) => ({ key: `apiError.${code}`, params: [] })),
  ...SOCKET_ERROR_CODES.map((code) => ({ key: `liveError.${code}`, params: [] })),
  ...Object.entries(ERROR_REASONS).map(([reason, template]) => ({ key: `errors.${reason}`, params: icuParams(template) })),
  ...Object.entries(VERIFY_REASONS).map(([reason, template]) => ({ key: `verify.note.${reason}`, params: icuParams(template) })),
  ...['chain', 'ballots', 'late', 'tally', 'paper', 'advice'].map((name) => ({ key: `verify.check.${name}`, params: [] })),
  ...AUDIT_TYPES.map((type) => ({ key: `auditType.${type}`, params: [] })),
];

/** Sample values for a message's parameters: numbers for counts (plurals need them), text otherwise. */
function sample(params: readonly string[]): ErrorParams {
  return Object.fromEntries(params.map((p) => [p, ['count', 'total', 'max', 'min', 'expected', 'entry', 'ended', 'printed', 'counted', 'sequence'].includes(p) ? 2 : `«${p}»`]));
}

describe.each(LANGUAGES)('the %s locale', (lang) => {
  it('has every code, reason and verifier sentence, not empty, with the parameters the server sends, and formats it', () => {
    expect(keys.length).toBeGreaterThan(150);
    const wrong = keys.flatMap(({ key, params }) => {
      const text = lookup(locales[lang], key);
      if (!text?.trim()) return [`${key}: missing`];
      const have = icuParams(text);
      if (JSON.stringify(have) !== JSON.stringify(params)) return [`${key}: {${have.join(',')}} instead of {${params.join(',')}}`];
      try {
        const out = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true }).format(sample(params));
        if (typeof out !== 'string' || !out.trim()) return [`${key}: formats to nothing`];
        const unfilled = params.filter((p) => !String(out).includes(String(sample([p])[p])));
        return unfilled.length > 0 ? [`${key}: does not show {${unfilled.join(',')}}`] : [];
      } catch (error) {
        return [`${key}: ${(error as Error).message}`];
      }
    });
    expect(wrong).toEqual([]);
  });
});

it('says every code, reason and verifier sentence in Dutch, not in the English words', () => {
  const untranslated = keys
    .filter(({ key }) => !SAME_IN_BOTH.has(key))
    .filter(({ key }) => {
      const nl = lookup(locales.nl, key);
      return nl !== undefined && nl.trim() === lookup(locales.en, key)?.trim();
    })
    .map(({ key }) => key);
  expect(untranslated).toEqual([]);
});

it("keeps the organisers' refusals off the phone, and every refusal a phone can get on it", () => {
  const phone = phoneMessages(locales.nl) as Messages;
  for (const key of ['errors.command.pitchAlreadyGiven', 'errors.weightsTotal', 'errors.notFound.adviceVersion', 'apiError.SETUP_FROZEN']) {
    expect(lookup(phone, key)).toBeUndefined();
    expect(lookup(locales.nl, key)).toBeTruthy();
  }
  const offThePhone = (key: string) => NOT_ON_THE_PHONE_WITHIN.some((part) => key === part || key.startsWith(`${part}.`));
  const phoneReasons = Object.keys(ERROR_REASONS).filter((reason) => !offThePhone(`errors.${reason}`));
  expect(phoneReasons.filter((reason) => !lookup(phone, `errors.${reason}`))).toEqual([]);
  // What the phone's join, socket and ballots refuse with is among them, in both sentences a phone may show.
  const joining = ['joinCodeUnknown', 'notFound.eveningCode', 'eveningNotOpen', 'ticketRequired', 'ticketCodeMalformed', 'ticketCodeUnknown', 'ticketInUse'];
  const ballots = ['ticketReleased', 'ticketReleasedRejoin', 'scoringClosed', 'scoringNotOpen', 'scoringEnded', 'tiedToBidder', 'notPresent', 'noGrades', 'gradeNotOnScale', 'remarkTooLong'];
  expect([...joining, ...ballots].filter((reason) => !lookup(phone, `errors.${reason}`))).toEqual([]);
  const phoneCodes = [...SOCKET_ERROR_CODES, 'NOT_FOUND', 'EVENING_NOT_OPEN', 'TICKET_REQUIRED', 'TICKET_INVALID', 'TICKET_IN_USE', 'TICKET_RELEASED', 'JOIN_BUSY', 'TOO_MANY_REQUESTS'];
  expect(phoneCodes.filter((code) => !lookup(phone, `apiError.${code}`))).toEqual([]);
  expect(SOCKET_ERROR_CODES.filter((code) => !lookup(phone, `liveError.${code}`))).toEqual([]);
});

it('gives every sentence the verifier says a reason the locales know, also for a damaged evening', () => {
  // A chain with a changed entry, a ballot never logged and a tally that does not recompute.
  const entries = [
    { eveningId: 'E', sequence: 1, type: 'pitch-tally', actor: 'system', detail: { bidderId: 'A', phone: 3 }, at: '2026-12-10T19:00:00.000Z', previousHash: '0'.repeat(64), hash: 'x' },
  ];
  const ballot = { id: 'b1', bidderId: 'A', serial: 1, grades: { c: 4 }, remark: '', receipt: 'ABCD-EFGH', attendeeId: 'a' };
  const { checks, firstMismatch } = verifyEvening({ entries, ballots: [ballot], ties: [], paper: [], versions: [], recomputed: null });
  const notes = checks.flatMap((c) => c.notes);
  expect(notes.map((n) => n.reason)).toEqual(expect.arrayContaining(['chainContent', 'ballotNotLogged', 'tallyDiffers', 'paperOk', 'adviceNone']));
  expect(firstMismatch).toMatchObject({ sequence: 1, reason: 'chainContent' });
  for (const note of notes) {
    for (const lang of LANGUAGES) expect(lookup(locales[lang], `verify.note.${note.reason}`)).toBeTruthy();
  }
});
