/**
 * One page per bidder in the advice: the pitch as frozen before the evening (title, summary,
 * planned minutes), all criteria at a glance with the results engine's numbers, where the bidder
 * differs from the others (bidder-differences.ts), the organisers' conclusion, and the residents'
 * remarks: how many there were, and the quotes the organisers chose (marked by phone or paper).
 */

import type { EveningDetail } from '../api/rest';
import type { Language } from '../domain/setup';
import { plural, pluralForm } from '../logic/plural';
import type { BidderResult, ResultsReport } from '../results/types';
import type { AdviceAuthorship } from './authorship';
import { AUTHORSHIP_TEXTS } from './authorship-texts';
import { bidderDifferences, type CriterionDifference } from './bidder-differences';
import { isWritten, type AdviceContent } from './content';
import type { DocBlock, DocText } from './document';

/** A remark from a counted assessment (its text is not needed to count it). */
export interface CountedRemarkRef {
  id: string;
  bidderId: string;
  channel: 'phone' | 'paper';
}

/** The formatting the page needs (the builder's `Format`). */
export interface PageFormat {
  int(value: number): string;
  num(value: number | null, digits?: number): string;
  grade(value: number | null): string;
  majority(b: Pick<BidderResult, 'majorityGrade' | 'majorityLevel'>): string;
  estimate(share: number | null): string;
  interval(i: { low: number; high: number } | null): string;
}

export interface BidderPageInput {
  lang: Language;
  f: PageFormat;
  evening: EveningDetail;
  results: ResultsReport;
  advice: AdviceContent;
  /** Masked text of every quotable remark, by id. */
  quotes: Readonly<Record<string, string>>;
  remarks: readonly CountedRemarkRef[];
  /** Pitch status per bidder id (from the evening's conduct). */
  pitchStatus: ReadonlyMap<string, string>;
  network: string;
  authorship: AdviceAuthorship | null;
  bidderName: (id: string) => string;
  nameList: (items: string[]) => string;
  /** The builder's line for an organiser's text that is not written. */
  notWritten: DocBlock;
  /** The builder's labels for strengths, concerns, conditions, and the numbers line. */
  labels: { strengths: string; concerns: string; conditions: string; numbers: string; notAssessed: string };
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

function paragraphs(text: string): DocBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ kind: 'paragraph', text: p.replace(/\s*\n\s*/g, ' ') }));
}

/** Under "Conclusie van de organisatoren": who wrote it, and that it is an interpretation. */
export function conclusionNote(lang: Language, network: string, authorship: AdviceAuthorship | null): DocBlock {
  const t = AUTHORSHIP_TEXTS[lang];
  return {
    kind: 'paragraph',
    style: 'note',
    text: authorship ? fill(t.conclusionBy, { name: authorship.name, role: authorship.role, network }) : fill(t.conclusionByDraft, { network }),
  };
}

/** How many remarks a bidder got and how many of them are quoted: true counts, right plurals. */
export function remarkCountText(lang: Language, f: Pick<PageFormat, 'int'>, phone: number, paper: number, quoted: number): string {
  const t = AUTHORSHIP_TEXTS[lang];
  const total = phone + paper;
  if (total === 0) return t.remarks.none;
  const channels: string[] = [];
  if (phone > 0) channels.push(plural(lang, phone, t.units.byPhone, f.int(phone)));
  if (paper > 0) channels.push(plural(lang, paper, t.units.onPaper, f.int(paper)));
  const count = fill(pluralForm(lang, total, t.remarks.count), { remarks: plural(lang, total, t.units.remarks, f.int(total)), channels: channels.join(lang === 'nl' ? ' en ' : ' and ') });
  let rest: string;
  if (quoted === 0) rest = pluralForm(lang, total, t.remarks.noneQuoted);
  else if (quoted >= total) rest = plural(lang, total, t.remarks.allQuoted, f.int(total));
  else rest = fill(pluralForm(lang, quoted, t.remarks.selection), { quotes: plural(lang, quoted, t.units.quotes, f.int(quoted)) });
  return `${count} ${rest}`;
}

function differenceText(input: BidderPageInput, d: CriterionDifference): string {
  const t = AUTHORSHIP_TEXTS[input.lang].bidderPage;
  const { f, bidderName, nameList } = input;
  const criterion = input.results.criteria[d.criterionIndex]?.name ?? '–';
  switch (d.kind) {
    case 'not-assessed':
      return fill(t.criterionNotAssessed, { criterion });
    case 'no-others':
      return fill(t.criterionNoOthers, { criterion, grade: f.grade(d.median) });
    case 'all-equal':
      return fill(t.allEqual, { criterion, grade: f.grade(d.median) });
    case 'highest':
      return d.shared.length === 0
        ? fill(t.highestAlone, { criterion, grade: f.grade(d.median) })
        : fill(t.highestShared, { criterion, grade: f.grade(d.median), others: nameList(d.shared.map(bidderName)) });
    case 'lowest':
      return d.shared.length === 0
        ? fill(t.lowestAlone, { criterion, grade: f.grade(d.median) })
        : fill(t.lowestShared, { criterion, grade: f.grade(d.median), others: nameList(d.shared.map(bidderName)) });
    case 'between':
      return fill(t.between, { criterion, grade: f.grade(d.median), top: f.grade(d.top), bottom: f.grade(d.bottom) });
  }
}

/** The page of one bidder (starting with a page break, except for the first). */
export function bidderPageBlocks(input: BidderPageInput, bidderId: string, first: boolean): DocBlock[] {
  const { lang, f, evening, results, bidderName } = input;
  const t = AUTHORSHIP_TEXTS[lang];
  const p = t.bidderPage;
  const all = results.all;
  const b = all.bidders.find((x) => x.bidderId === bidderId)!;
  const bidder = evening.bidders.find((x) => x.id === bidderId);
  const advice = input.advice.bidders.find((x) => x.bidderId === bidderId);
  const entry = all.ranking.find((r) => r.bidderId === bidderId);
  const blocks: DocBlock[] = [];
  if (!first) blocks.push({ kind: 'page-break' });
  blocks.push({ kind: 'heading', level: 2, text: bidderName(bidderId) });

  // The pitch, as frozen with the setup.
  const status = input.pitchStatus.get(bidderId);
  blocks.push({ kind: 'heading', level: 3, text: p.pitch });
  blocks.push({
    kind: 'facts',
    rows: [
      { label: p.position, value: fill(p.positionValue, { n: bidder?.position ?? '–', total: evening.bidders.length }) },
      { label: p.pitchTitle, value: bidder?.pitchTitle || '–' },
      { label: p.pitchSummary, value: bidder && isWritten(bidder.pitchSummary) ? bidder.pitchSummary.trim() : '–' },
      {
        label: p.planned,
        value: bidder
          ? fill(p.plannedValue, { pitch: plural(lang, bidder.pitchMinutes, t.units.minutes, f.int(bidder.pitchMinutes)), qa: plural(lang, bidder.qaMinutes, t.units.minutes, f.int(bidder.qaMinutes)) })
          : '–',
      },
      ...(status ? [{ label: p.status, value: status }] : []),
    ],
  });

  // Measured: every criterion at a glance.
  blocks.push({ kind: 'heading', level: 3, text: t.measured });
  blocks.push({
    kind: 'paragraph',
    style: 'note',
    text:
      b.overallGrades === 0
        ? input.labels.notAssessed
        : fill(input.labels.numbers, {
            place: entry?.place ?? '–',
            grade: f.majority(b),
            first: f.estimate(b.majorityProbabilityFirst),
            mean: f.num(b.weightedMean),
            interval: f.interval(b.meanInterval),
            n: f.int(b.overallGrades),
          }) +
          // Fewer overall grades than a verdict needs: what the resampled figures beside them can say.
          (b.overallGrades < results.settings.verdictMinVoters ? ` ${fill(pluralForm(lang, b.overallGrades, p.fewGrades), { n: f.int(b.overallGrades) })}` : ''),
  });
  const rows: DocText[][] = results.criteria.map((c, ci) => {
    const cr = b.criteria[ci]!;
    return [c.name, `${c.weight}%`, f.grade(cr.median), f.num(cr.mean), f.int(cr.ballots)];
  });
  blocks.push({
    kind: 'table',
    header: p.criteriaHeader,
    rows,
    align: ['left', 'right', 'left', 'right', 'right'],
    widths: [3, 0.9, 1.8, 0.9, 0.7],
    caption: p.criteriaCaption,
  });
  // Where this bidder differs from the others.
  const d = bidderDifferences(all, bidderId);
  blocks.push({ kind: 'heading', level: 3, text: p.differences });
  if (!d.assessed) {
    blocks.push({ kind: 'paragraph', text: p.notAssessed });
  } else if (!d.othersAssessed) {
    blocks.push({ kind: 'paragraph', text: p.noOthers });
  } else {
    const items: DocText[] = [
      d.place === null
        ? p.notRanked
        : d.place.shared.length === 0
          ? fill(p.place, { place: d.place.place, ranked: d.place.ranked })
          : fill(p.placeShared, { place: d.place.place, ranked: d.place.ranked, others: input.nameList(d.place.shared.map(bidderName)) }),
      ...d.criteria.map((c) => differenceText(input, c)),
    ];
    blocks.push({ kind: 'list', items }, { kind: 'paragraph', style: 'note', text: p.differencesNote });
  }

  // The organisers' conclusion.
  blocks.push({ kind: 'heading', level: 3, text: t.conclusion });
  const parts: [string, string][] = [
    [input.labels.strengths, advice?.strengths ?? ''],
    [input.labels.concerns, advice?.concerns ?? ''],
    [input.labels.conditions, advice?.conditions ?? ''],
  ];
  if (parts.every(([, text]) => !isWritten(text))) {
    blocks.push(input.notWritten);
  } else {
    for (const [title, text] of parts) {
      if (!isWritten(text)) continue;
      blocks.push({ kind: 'paragraph', text: [{ text: title, bold: true }] }, ...paragraphs(text));
    }
    blocks.push(conclusionNote(lang, input.network, input.authorship));
  }

  // The residents' remarks: how many, and the chosen quotes.
  const mine = input.remarks.filter((r) => r.bidderId === bidderId);
  const channel = new Map(mine.map((r) => [r.id, r.channel]));
  const quoted = (advice?.quoteIds ?? []).filter((id) => channel.has(id) && typeof input.quotes[id] === 'string');
  blocks.push({ kind: 'heading', level: 3, text: t.remarks.quotes });
  blocks.push({
    kind: 'paragraph',
    text: remarkCountText(
      lang,
      f,
      mine.filter((r) => r.channel === 'phone').length,
      mine.filter((r) => r.channel === 'paper').length,
      quoted.length,
    ),
  });
  for (const id of quoted) {
    blocks.push({ kind: 'quote', text: input.quotes[id]!, source: channel.get(id) === 'paper' ? t.remarks.paperSource : t.remarks.phoneSource });
  }
  return blocks;
}
