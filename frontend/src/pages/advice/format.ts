/** Small formatting helpers of the advice and committee pages. */
import type { AdviceFileView, BidderResult, Language, ResultsReport } from '@buurtjury/shared';

function intlLocale(language: Language): string {
  return language === 'en' ? 'en-GB' : 'nl-NL';
}

/** "14:03", in the browser's time zone (like the rest of the app). */
export function formatClock(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** "21 november 2026". */
export function formatDate(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** "21-11-2026 14:03" (short, for tables). */
export function formatShortMoment(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** Whether `iso` falls on today's date. */
export function isToday(iso: string, now = new Date()): boolean {
  const day = (d: Date) => d.toDateString();
  const date = new Date(iso);
  return !Number.isNaN(date.getTime()) && day(date) === day(now);
}

/** A file size: "845 B", "12,3 kB", "1,4 MB". */
export function formatBytes(bytes: number, language: Language): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: digits }).format(value);
  if (bytes < 1000) return `${number(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${number(bytes / 1000, 1)} kB`;
  return `${number(bytes / 1_000_000, 1)} MB`;
}

/** A number with two decimals ("3,87"); "–" for none. */
export function formatNumber(value: number | null, language: Language, digits = 2): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** The advice files first (the evening's language first, PDF before DOCX), then the data files. */
export function sortFiles(files: readonly AdviceFileView[], main: Language): { advice: AdviceFileView[]; data: AdviceFileView[] } {
  const rank = (f: AdviceFileView) => (f.language === main ? 0 : 1) * 10 + (f.kind === 'pdf' ? 0 : 1);
  const advice = files.filter((f) => f.kind === 'pdf' || f.kind === 'docx').sort((a, b) => rank(a) - rank(b));
  const order = ['record-json', 'record-csv', 'results-json'];
  const data = files.filter((f) => order.includes(f.kind)).sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return { advice, data };
}

/** The numbers organisers write next to: place, majority grade, weighted mean, ballots. */
export interface KeyNumbers {
  place: string;
  grade: string;
  mean: string;
  ballots: number;
}

export function keyNumbers(report: ResultsReport, bidderId: string, language: Language, atLeast: (label: string) => string): KeyNumbers | null {
  const result: BidderResult | undefined = report.all.bidders.find((b) => b.bidderId === bidderId);
  if (!result) return null;
  const rank = report.all.ranking.find((r) => r.bidderId === bidderId);
  // The majority grade is a median of weighted overall grades, so it can fall between two levels:
  // the word beside it is the highest level at least half reached, as in the advice.
  const level = report.scale.kind === 'verbal' ? report.scale.levels.find((l) => l.value === result.majorityLevel) : undefined;
  const number = formatNumber(result.majorityGrade, language);
  return {
    place: rank ? `${rank.place}${rank.tiedWith.length > 0 ? ' =' : ''}` : '–',
    grade: level && result.majorityGrade !== null ? `${number} – ${atLeast(level.label)}` : number,
    mean: formatNumber(result.weightedMean, language),
    ballots: result.ballots,
  };
}
