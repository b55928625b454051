/**
 * The phone's own page formats its messages with lib/phone-i18n.ts instead of svelte-i18n
 * (vite.phone.config.ts). It must say exactly what svelte-i18n says: every message of both locale
 * files, with the counts that pick each plural form, against intl-messageformat (svelte-i18n's
 * formatter, with the options svelte-i18n passes), and the store calls lib/i18n.ts and the
 * components make (fallback language, `default`, a missing key, switching only once loaded).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { get } from 'svelte/store';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { inlineParsed, parsedMessages, phoneMessages } from '../../frontend/src/lib/message-parts';
import { _, addMessages, format, init, locale, register, type Element } from '../../frontend/src/lib/phone-i18n';

type Messages = { [key: string]: string | Messages };
const LANGUAGES = ['nl', 'en'] as const;
const locales = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(path.join(__dirname, '../../frontend/src/locales', `${lang}.json`), 'utf8')) as Messages]),
) as Record<(typeof LANGUAGES)[number], Messages>;

function messagesOf(tree: Messages, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : messagesOf(value, `${prefix}${key}.`)));
}

/** The arguments a parse uses: plural ones (numbers) and the others (text). */
function argumentsOf(elements: MessageFormatElement[], found = { plural: new Set<string>(), text: new Set<string>() }) {
  for (const element of elements) {
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      (element.type === TYPE.plural ? found.plural : found.text).add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    } else if (element.type === TYPE.argument || element.type === TYPE.number) {
      found.text.add(element.value);
    }
  }
  return found;
}

const COUNTS = [0, 1, 2, 3, 7, 21, 1000, 1234567];

describe.each(LANGUAGES)('every %s message', (lang) => {
  const messages = messagesOf(locales[lang]);

  it('formats as svelte-i18n formats it, with every count that picks a plural form', () => {
    expect(messages.length).toBeGreaterThan(500);
    let compared = 0;
    const differences: string[] = [];
    for (const [key, message] of messages) {
      const parsed = parse(message, { ignoreTag: true });
      const { plural, text } = argumentsOf(parsed);
      for (const count of plural.size ? COUNTS : [0]) {
        const values: Record<string, string | number> = {};
        for (const name of text) values[name] = plural.has(name) ? count : `«${name}» 1.5`;
        for (const name of plural) values[name] = count;
        const expected = new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).format(values) as string;
        const actual = format(parsed as unknown as Element[], values, lang);
        compared++;
        if (actual !== expected) differences.push(`${key} (${count}): ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(messages.length);
  });

  it('keeps a message without arguments as its text and replaces the others by their parse', () => {
    const phone = phoneMessages(locales[lang]);
    const inlined = inlineParsed(phone, new Map(parsedMessages(phone, parse))) as Record<string, unknown>;
    const at = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
    for (const [key, message] of messagesOf(phone as Messages)) {
      const parsed = parse(message, { ignoreTag: true });
      const literal = parsed.length === 1 && parsed[0]!.type === TYPE.literal && parsed[0]!.value === message;
      expect([key, at(inlined, key)]).toEqual([key, literal || message === '' ? message : parsed]);
    }
  });
});

describe('the stores', () => {
  it("looks a message up in the current language, then in Dutch, then gives the default or the key, and switches only once a language's messages are here", async () => {
    addMessages('nl', inlineParsed({ a: { plain: 'Hallo', count: '{n, plural, one {# stem} other {# stemmen}}' }, only: 'Alleen Nederlands' }, new Map([['{n, plural, one {# stem} other {# stemmen}}', parse('{n, plural, one {# stem} other {# stemmen}}', { ignoreTag: true })]])) as Messages);
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (release = resolve));
    register('en', () => arrived.then(() => ({ a: { plain: 'Hello' } })));
    await init({ fallbackLocale: 'nl', initialLocale: 'nl' });
    expect(get(locale)).toBe('nl');
    expect(get(_)('a.plain')).toBe('Hallo');
    expect(get(_)('a.count', { values: { n: 1000 } })).toBe('1.000 stemmen');
    expect(get(_)('a.count', { values: { n: 1 } })).toBe('1 stem');
    expect(get(_)('a.missing')).toBe('a.missing');
    expect(get(_)('a.missing', { default: '' })).toBe('');
    expect(get(_)('a')).toBe('a');

    const switching = locale.set('en');
    await Promise.resolve();
    expect(get(locale)).toBe('nl'); // English is not here yet: Dutch stays
    release();
    await switching;
    expect(get(locale)).toBe('en');
    expect(get(_)('a.plain')).toBe('Hello');
    expect(get(_)('only')).toBe('Alleen Nederlands');
    expect(get(_)('a.count', { values: { n: 2 } })).toBe('2 stemmen');
  });
});
