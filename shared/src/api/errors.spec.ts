import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ERROR_CODES, ERROR_REASONS, SOCKET_ERROR_CODES, fillTemplate, problem, templateParams, type ErrorReason } from './errors';

/**
 * The one error vocabulary must be readable in both languages of the interface: every code and
 * every reason has a non-empty sentence in frontend/src/locales/{nl,en}.json, and a reason's
 * sentence uses exactly the parameters of its English template.
 */
type Messages = { [key: string]: string | Messages };
const locales = Object.fromEntries(
  (['nl', 'en'] as const).map((lang) => [lang, JSON.parse(readFileSync(path.join(__dirname, '../../../frontend/src/locales', `${lang}.json`), 'utf8')) as Messages]),
) as Record<'nl' | 'en', Messages>;

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

describe.each(['nl', 'en'] as const)('the %s locale', (lang) => {
  it('has a sentence for every error code', () => {
    const missing = ERROR_CODES.filter((code) => !lookup(locales[lang], `apiError.${code}`)?.trim());
    expect(missing).toEqual([]);
  });

  it('has a phone sentence for every socket error code', () => {
    const missing = SOCKET_ERROR_CODES.filter((code) => !lookup(locales[lang], `liveError.${code}`)?.trim());
    expect(missing).toEqual([]);
  });

  it('has a sentence for every reason, with the parameters of the English template', () => {
    const reasons = Object.keys(ERROR_REASONS) as ErrorReason[];
    expect(reasons.length).toBeGreaterThan(40);
    const wrong = reasons.flatMap((reason) => {
      const text = lookup(locales[lang], `errors.${reason}`);
      if (!text?.trim()) return [`${reason}: missing`];
      const want = templateParams(ERROR_REASONS[reason]);
      const have = templateParams(text);
      return JSON.stringify(want) === JSON.stringify(have) ? [] : [`${reason}: {${have.join(',')}} instead of {${want.join(',')}}`];
    });
    expect(wrong).toEqual([]);
  });
});

it('fills a reason with its params into the English message', () => {
  expect(problem('weightsTotal', { total: 105 })).toEqual({
    reason: 'weightsTotal',
    params: { total: 105 },
    message: 'The weights add up to 105 %; they must add up to exactly 100 %.',
  });
  expect(problem('scoringClosed')).toEqual({ reason: 'scoringClosed', message: 'Scoring for this pitch has closed.' });
  expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  expect(templateParams('{lang} edition of version {number}, {lang}')).toEqual(['lang', 'number']);
});
