import { addMessages, init, locale } from 'svelte-i18n';
import type { Language } from '@buurtjury/shared';
import nl from '../locales/nl.json';
import en from '../locales/en.json';

const LANGUAGE_KEY = 'buurtjury.language';

addMessages('nl', nl);
addMessages('en', en);

function savedLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    return saved === 'nl' || saved === 'en' ? saved : null;
  } catch {
    return null;
  }
}

const saved = savedLanguage();
// Messages are added synchronously above, so nothing waits on the returned promise.
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
