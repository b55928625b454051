import type { Language } from '@buurtjury/shared';

function intlLocale(language: Language): string {
  return language === 'en' ? 'en-GB' : 'nl-NL';
}

/** `YYYY-MM-DD` as e.g. "donderdag 10 december 2026"; empty input gives "". */
export function formatDay(iso: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Intl.DateTimeFormat(intlLocale(language), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** An ISO timestamp as e.g. "10 december 2026 om 19:04". */
export function formatMoment(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** Quotes a value for a POSIX shell inside double quotes. */
export function shellQuote(value: string): string {
  return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}
