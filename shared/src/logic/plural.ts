/**
 * The one pluralisation helper of the documents: the language's own plural rules
 * (`Intl.PluralRules`), never string concatenation like "stem(men)". The frontend uses ICU plural
 * syntax through svelte-i18n, which rests on the same `Intl.PluralRules`.
 */

import type { Language } from '../domain/setup';

/** A phrase per plural category, with `{n}` where the number goes. `other` is required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<Language, Intl.PluralRules>();

function rulesFor(lang: Language): Intl.PluralRules {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang === 'nl' ? 'nl-NL' : 'en-GB');
    rules.set(lang, r);
  }
  return r;
}

/** The form of `forms` that `n` takes in `lang` (Dutch and English: "one" for exactly 1, else "other"). */
export function pluralForm(lang: Language, n: number, forms: PluralForms): string {
  return forms[rulesFor(lang).select(n)] ?? forms.other;
}

/** `forms` for `n`, with `{n}` replaced by `formatted` (the number in the reader's notation) or by `n`. */
export function plural(lang: Language, n: number, forms: PluralForms, formatted: string = String(n)): string {
  return pluralForm(lang, n, forms).replace(/\{n\}/g, formatted);
}
