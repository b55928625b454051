/**
 * The interface's messages. A page starts with the phone's part of the Dutch messages (bundled
 * with the app, see message-parts.ts); English is fetched when chosen, and the organisers' pages
 * fetch the rest with `loadAllMessages()` before they show. svelte-i18n keeps showing the old
 * language until a newly chosen one has arrived.
 */
import { addMessages, init, locale, register, waitLocale } from 'svelte-i18n';
import type { Language } from '@buurtjury/shared';
import nlPhone, { parsed as nlPhoneParsed } from '../locales/nl.json?phone';
import { rememberParsed, type ParsedMessages } from './parsed-messages';

const LANGUAGE_KEY = 'buurtjury.language';

/** Takes a locale module's parsed messages and hands svelte-i18n the messages. */
function withParsed(module: { default: LocaleMessages; parsed: ParsedMessages }): LocaleMessages {
  rememberParsed(module.parsed);
  return module.default;
}

addMessages('nl', withParsed({ default: nlPhone, parsed: nlPhoneParsed }));
register('en', () => import('../locales/en.json?phone').then(withParsed));

let allMessages: Promise<void> | null = null;

/** Fetches every message of the current language (and of any language chosen later). */
export function loadAllMessages(): Promise<void> {
  allMessages ??= (() => {
    register('nl', () => import('../locales/nl.json?all').then(withParsed));
    register('en', () => import('../locales/en.json?all').then(withParsed));
    return waitLocale().catch((error: unknown) => {
      allMessages = null; // registered again on the next try
      throw error;
    });
  })();
  return allMessages;
}

function savedLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    return saved === 'nl' || saved === 'en' ? saved : null;
  } catch {
    return null;
  }
}

const saved = savedLanguage();
// Dutch is added synchronously above; a saved English is fetched first (the app waits for `$locale`).
void init({ fallbackLocale: 'nl', initialLocale: saved ?? 'nl' });

locale.subscribe((value) => {
  if (value) document.documentElement.lang = toLanguage(value);
});

export function toLanguage(value: string | null | undefined): Language {
  return value?.startsWith('en') ? 'en' : 'nl';
}

export function setLanguage(language: Language): void {
  void locale.set(language);
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // not remembered; still switched for this visit
  }
}

/**
 * Shows a live evening in its own language, unless the visitor picked a language themselves.
 * Not remembered, so the visitor's other pages keep their own choice.
 */
export function useEveningLanguage(language: Language): void {
  if (savedLanguage() === null) void locale.set(language);
}
