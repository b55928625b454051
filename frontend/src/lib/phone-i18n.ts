/**
 * svelte-i18n's part that the phone's page uses, small: the phone's own build (vite.phone.config.ts)
 * resolves `svelte-i18n` to this module, so the phone does not download svelte-i18n and
 * intl-messageformat (about 6 kB gzip of the 60 kB a phone may take on its first load).
 *
 * The same calls and the same results as svelte-i18n for what this app does with it:
 * - `$_(id, { values, default })`: the message at the dotted `id` in the current language, else in
 *   the fallback language, else `default`, else `id`. Messages arrive from the build either as
 *   their text (no arguments) or as formatjs's parse of their ICU form (the plugin in
 *   vite.config.ts), which `format` renders as intl-messageformat does: `{name}` as text, `#` and
 *   `{n, number}` with the language's number format, `=N` before the language's plural rules.
 * - `locale`: a store; `locale.set(language)` loads the language's registered messages first and
 *   switches when they are there, so the old language stays on screen until then.
 * - `addMessages`, `register`, `init`, `waitLocale` as lib/i18n.ts calls them.
 *
 * test/frontend/phone-i18n.spec.ts checks it against svelte-i18n on every message of both locales.
 */
import { derived, writable, type Readable } from 'svelte/store';

/** formatjs's parse of an ICU message (@formatjs/icu-messageformat-parser's element types). */
export interface Element {
  type: number;
  value?: string;
  offset?: number;
  pluralType?: 'cardinal' | 'ordinal';
  options?: Record<string, { value: Element[] }>;
}

type Message = string | Element[];
interface Messages {
  [key: string]: Message | Messages;
}
type Values = Record<string, unknown>;
export interface FormatOptions {
  values?: Values;
  default?: string;
}

// formatjs's element types (TYPE in @formatjs/icu-messageformat-parser)
const LITERAL = 0;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;
const POUND = 7;

const dictionaries = new Map<string, Messages>();
const loaders = new Map<string, (() => Promise<Messages>)[]>();
const current = writable<string | null>(null);
/** Counts additions, so `$_` formats again when messages arrive. */
const added = writable(0);
let fallbackLocale = 'nl';
let currentLocale: string | null = null;
current.subscribe((value) => (currentLocale = value));

function merge(into: Messages, from: Messages): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && existing && typeof existing === 'object' && !Array.isArray(existing)) {
      merge(existing, value);
    } else {
      into[key] = value;
    }
  }
}

export function addMessages(language: string, ...messages: Messages[]): void {
  const dictionary = dictionaries.get(language) ?? {};
  dictionaries.set(language, dictionary);
  for (const m of messages) merge(dictionary, structuredClone(m));
  added.update((n) => n + 1);
}

export function register(language: string, loader: () => Promise<Messages>): void {
  loaders.set(language, [...(loaders.get(language) ?? []), loader]);
}

/** Loads what is registered for `language` and not loaded yet. */
export async function waitLocale(language?: string): Promise<void> {
  const which = language ?? currentLocale;
  if (!which) return;
  const queue = loaders.get(which) ?? [];
  loaders.delete(which);
  try {
    const loaded = await Promise.all(queue.map((load) => load()));
    for (const messages of loaded) addMessages(which, messages);
  } catch (error) {
    loaders.set(which, [...queue, ...(loaders.get(which) ?? [])]); // tried again next time
    throw error;
  }
}

export const locale = {
  subscribe: current.subscribe,
  /** Switches once the language's messages are here (the old language stays until then). */
  async set(language: string | null | undefined): Promise<void> {
    if (!language) return;
    await waitLocale(language);
    current.set(language);
  },
};

export function init(options: { fallbackLocale: string; initialLocale?: string | null }): Promise<void> {
  fallbackLocale = options.fallbackLocale;
  return locale.set(options.initialLocale ?? options.fallbackLocale);
}

function lookup(language: string, id: string): Message | undefined {
  let node: Message | Messages | undefined = dictionaries.get(language);
  for (const part of id.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[part];
  }
  return typeof node === 'string' || Array.isArray(node) ? node : undefined;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function plural(language: string, type: 'cardinal' | 'ordinal'): Intl.PluralRules {
  const key = `${language}:${type}`;
  let rules = pluralRules.get(key);
  if (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(language, { type })));
  return rules;
}

function numberFormat(language: string): Intl.NumberFormat {
  let format = numberFormats.get(language);
  if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language)));
  return format;
}

/** Renders formatjs's parse of a message with `values` in `language`, as intl-messageformat does. */
export function format(elements: readonly Element[], values: Values, language: string, pound?: number): string {
  let text = '';
  for (const element of elements) {
    const value = element.value === undefined ? undefined : values[element.value];
    switch (element.type) {
      case LITERAL:
        text += element.value ?? '';
        break;
      case POUND:
        text += pound === undefined ? '#' : numberFormat(language).format(pound);
        break;
      case NUMBER:
        text += typeof value === 'number' ? numberFormat(language).format(value) : String(value ?? '');
        break;
      case PLURAL: {
        const n = Number(value);
        const within = n - (element.offset ?? 0);
        const options = element.options ?? {};
        const chosen = options[`=${n}`] ?? options[plural(language, element.pluralType ?? 'cardinal').select(within)] ?? options.other;
        text += chosen ? format(chosen.value, values, language, within) : '';
        break;
      }
      case SELECT: {
        const options = element.options ?? {};
        const chosen = options[String(value)] ?? options.other;
        text += chosen ? format(chosen.value, values, language, pound) : '';
        break;
      }
      default:
        // an argument (`{name}`), and any other kind shown as its value
        text += value === undefined || value === null ? '' : String(value);
    }
  }
  return text;
}

/** `$_`: formats the message at `id` in the current language (see the comment at the top). */
export const _: Readable<(id: string, options?: FormatOptions) => string> = derived([current, added], ([language]) => {
  return (id: string, options: FormatOptions = {}): string => {
    const message = (language ? lookup(language, id) : undefined) ?? lookup(fallbackLocale, id);
    if (message === undefined) return options.default ?? id;
    if (typeof message === 'string') return message;
    return format(message, options.values ?? {}, language ?? fallbackLocale);
  };
});

export const t = _;
