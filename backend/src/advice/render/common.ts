/**
 * What the PDF and DOCX renderers of the advisory document share: the grade colours, the page
 * label and small text helpers. Nothing here knows about a particular document.
 */

import { levelColours, type DocText } from '@buurtjury/shared';

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `n` grade colours, best first: the one palette of app and documents (shared/src/style). */
export { levelColours };

/** Black or white, whichever reads better on the colour. */
export function textColourOn(hex: string): string {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.3 ? '#ffffff' : '#1a1a1a';
}

/** The page label with its placeholders filled, e.g. "Pagina 3 van 41". */
export function pageLabel(template: string, page: number | string, pages: number | string): string {
  return template.replaceAll('{page}', String(page)).replaceAll('{pages}', String(pages));
}

/** Runs of a DocText (a plain string is one plain run). */
export function runsOf(text: DocText): { text: string; bold?: boolean; italic?: boolean; mono?: boolean }[] {
  return typeof text === 'string' ? [{ text }] : text;
}

/** Relative column widths as fractions adding up to 1 (equal when absent or unusable). */
export function columnFractions(columns: number, widths: number[] | undefined): number[] {
  const usable = widths !== undefined && widths.length === columns && widths.every((w) => Number.isFinite(w) && w > 0);
  const w = usable ? widths : Array.from({ length: columns }, () => 1);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

/** Share of a count in whole percent ("34%"), or "–" without a total. */
export function percent(count: number, total: number): string {
  return total > 0 ? `${Math.round((100 * count) / total)}%` : '–';
}

/**
 * Rough width of a text in points, with Roboto's proportions (Calibri, the DOCX font, runs
 * narrower): for column minimums and for centring labels.
 */
export function estimateWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') em += 0.562;
    else if (ch === ' ' || ch === ',' || ch === '.' || ch === ':' || ch === ';') em += 0.26;
    else if (ch === '%') em += 0.733;
    else if (ch === 'i' || ch === 'l' || ch === 'j' || ch === 't' || ch === 'f' || ch === 'r') em += 0.33;
    else if (ch === 'm' || ch === 'w' || ch === 'M' || ch === 'W') em += 0.85;
    else if (ch >= 'A' && ch <= 'Z') em += 0.66;
    else em += 0.56;
  }
  return em * size * (bold ? 1.05 : 1);
}

/**
 * Width of the longest word of a text (monospaced runs at `monoSize`, 0.6 em a character), so that
 * a column is never narrower; measured with `measure` (default: `estimateWidth`, Roboto's proportions).
 */
export function longestWordWidth(
  text: DocText,
  size: number,
  monoSize: number,
  bold = false,
  measure: (text: string, size: number, bold?: boolean) => number = estimateWidth,
): number {
  let widest = 0;
  for (const run of runsOf(text)) {
    for (const word of run.text.split(/\s+/)) {
      // Long codes (fingerprints) may wrap; only words up to 24 characters set a minimum.
      if (word.length > 24) continue;
      widest = Math.max(widest, run.mono ? word.length * 0.6 * monoSize : measure(word, size, bold || run.bold));
    }
  }
  return widest;
}

/**
 * Column fractions of the content width, widened where a column's longest word would not fit
 * (the other columns give up room in proportion); unchanged when the words cannot all fit.
 * `padding` is what a cell takes besides its text, in points.
 */
export function fitColumns(fractions: number[], minimumWidths: number[], contentWidth: number, padding: number): number[] {
  const need = minimumWidths.map((w) => (w + padding) / contentWidth);
  if (need.reduce((a, b) => a + b, 0) >= 1) return fractions;
  const result = [...fractions];
  const fixed = new Set<number>();
  for (let round = 0; round < fractions.length; round++) {
    const short = result.map((_f, i) => i).filter((i) => !fixed.has(i) && result[i] < need[i]);
    if (short.length === 0) break;
    for (const i of short) fixed.add(i);
    const taken = [...fixed].reduce((a, i) => a + need[i], 0);
    const freeShare = fractions.reduce((a, f, i) => (fixed.has(i) ? a : a + f), 0);
    result.forEach((_, i) => {
      result[i] = fixed.has(i) ? need[i] : (fractions[i] / freeShare) * (1 - taken);
    });
  }
  return result;
}

const NUMBER_LOCALES: Record<string, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Numbers with two decimals in the document's language ("3,41" in Dutch). */
export function numberFormat(lang: string): (x: number) => string {
  const format = new Intl.NumberFormat(NUMBER_LOCALES[lang] ?? lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (x) => format.format(x);
}
