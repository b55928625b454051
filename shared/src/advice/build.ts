/**
 * Writes the advisory document, in Dutch or English, from the frozen setup, how the evening went,
 * the results report and the organisers' text. The sections follow Dutch advisory reports (see
 * `SECTION_IDS`). Pure: the same input gives the same document; numbers and dates are formatted
 * here so that PDF, DOCX and the in-app view print exactly the same figures.
 */

import type { EveningDetail, EveningRules } from '../api/rest';
import type { Language } from '../domain/setup';
import type { BidderResult, RankEntry, ResultsReport, ResultsSection, VerdictReason } from '../results/types';
import type { AdviceContent } from './content';
import type { AdviceDocument, DocBlock, DocRun, DocSection, DocText } from './document';
import type { JoinWatch } from '../live/join-watch';
import type { PaperConduct } from '../live/paper';
import { joinBlocks, paperEntryBlocks } from './participation-notes';
import { TEXTS, type Texts } from './texts';

export const SECTION_IDS = [
  'summary',
  'status',
  'background',
  'framework',
  'conduct',
  'participation',
  'criteria-results',
  'overall',
  'robustness',
  'bidders',
  'limitations',
  'accountability',
  'feedback',
  'appendices',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

/** How the evening went, from the live state and the evening's log. */
export interface EveningConduct {
  startedAt: string | null;
  endedAt: string | null;
  /** Phones that joined. */
  attendees: number;
  /** Who could score: by join code or by ticket, and whether the presence rule applied. */
  rules: EveningRules;
  /** Counted paper score cards (entered alike by two moderators) per bidder id. */
  paper: Record<string, number>;
  /** In running order. */
  pitches: {
    bidderId: string;
    status: 'waiting' | 'presenting' | 'done' | 'skipped';
    startedAt: string | null;
    scoringOpenedAt: string | null;
    scoringClosedAt: string | null;
  }[];
  /** Notable moments: reopened scoring (with the reason), skipped pitches, automatic closes. */
  events: { at: string; type: 'scoring-reopened' | 'pitch-skipped' | 'scoring-auto-closed'; bidderId: string; reason: string }[];
  /** When and by which accounts the paper cards were entered (see shared/src/live/paper.ts). */
  paperEntry: PaperConduct;
  /** How phones joined, per minute and per network address (see shared/src/live/join-watch.ts). */
  joins: JoinWatch;
}

export interface AdviceDocumentInput {
  evening: EveningDetail;
  /** Name of the resident network that held the evening. */
  network: string;
  conduct: EveningConduct;
  results: ResultsReport;
  resultsSha256: string;
  recordSha256: string;
  advice: AdviceContent;
  /** Masked text of every picked quote, by id. */
  quotes: Readonly<Record<string, string>>;
  /** The issued version, or null for a draft. */
  version: { number: number; issuedAt: string; issuedBy: string; note: string } | null;
  /** When this document was generated (the draft's date). */
  generatedAt: string;
  /** Days after issuing after which the link between phones and ballots is deleted. */
  retentionDays: number;
  /** Version of the Buurtjury software. */
  software: string;
}

const TIME_ZONE = 'Europe/Amsterdam';

/**
 * Intl formatters, made once per locale and options: making one costs about a millisecond, and a
 * document formats thousands of numbers (on the server's event loop).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n ${locale} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${locale} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** Formatting of numbers, dates and grades in one language. */
class Format {
  private readonly locale: string;
  constructor(
    readonly lang: Language,
    private readonly report: ResultsReport,
  ) {
    this.locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  }
  num(value: number | null, digits = 2): string {
    if (value === null) return '–';
    return numberFormat(this.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }
  int(value: number): string {
    return numberFormat(this.locale, { maximumFractionDigits: 0 }).format(value);
  }
  pct(share: number | null): string {
    if (share === null) return '–';
    return numberFormat(this.locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  }
  date(iso: string | null): string {
    if (!iso) return '–';
    const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
    return dateTimeFormat(this.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(d);
  }
  time(iso: string | null): string {
    if (!iso) return '–';
    return dateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(new Date(iso));
  }
  dateTime(iso: string | null): string {
    return iso ? `${this.date(iso)}, ${this.time(iso)}` : '–';
  }
  /** A grade: its label, with the value on a verbal scale ("Goed (4)"). */
  grade(value: number | null): string {
    if (value === null) return '–';
    const level = this.report.scale.levels.find((l) => l.value === value);
    if (!level) return this.num(value);
    return this.report.scale.kind === 'verbal' ? `${level.label} (${value})` : level.label;
  }
  /** An overall (weighted) grade: the number, and on a verbal scale the nearest grade's label ("4,26 Goed"). */
  overall(value: number | null): string {
    if (value === null) return '–';
    if (this.report.scale.kind !== 'verbal') return this.num(value);
    let nearest = this.report.scale.levels[0]!;
    for (const l of this.report.scale.levels) if (Math.abs(l.value - value) < Math.abs(nearest.value - value)) nearest = l;
    return `${this.num(value)} ${nearest.label}`;
  }
  interval(i: { low: number; high: number } | null): string {
    return i ? `${this.num(i.low)} – ${this.num(i.high)}` : '–';
  }
}

function paragraphs(text: string): DocBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ kind: 'paragraph', text: p.replace(/\s*\n\s*/g, ' ') }));
}

function mono(text: string): DocRun[] {
  return [{ text, mono: true }];
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** Builds the document in `lang`. The organisers' own text is printed as written. */
export function buildAdviceDocument(input: AdviceDocumentInput, lang: Language): AdviceDocument {
  const t = TEXTS[lang];
  const { evening, results: report } = input;
  const f = new Format(lang, report);
  const name = new Map(report.bidders.map((b) => [b.id, b.name]));
  const bidderName = (id: string | null): string => (id === null ? '–' : (name.get(id) ?? id));
  const all = report.all;
  const ctx: Ctx = { input, t, f, bidderName, lang };

  const versionLabel = input.version ? fill(t.versionN, { n: input.version.number }) : t.draft;
  const sections: Omit<DocSection, 'number'>[] = [
    { id: 'summary', title: t.sections.summary, blocks: summarySection(ctx) },
    { id: 'status', title: t.sections.status, blocks: statusSection(ctx) },
    { id: 'background', title: t.sections.background, blocks: backgroundSection(ctx) },
    { id: 'framework', title: t.sections.framework, blocks: frameworkSection(ctx) },
    { id: 'conduct', title: t.sections.conduct, blocks: conductSection(ctx) },
    { id: 'participation', title: t.sections.participation, blocks: participationSection(ctx) },
    { id: 'criteria-results', title: t.sections.criteriaResults, blocks: criteriaSection(ctx, all) },
    { id: 'overall', title: t.sections.overall, blocks: overallSection(ctx, all) },
    { id: 'robustness', title: t.sections.robustness, blocks: robustnessSection(ctx) },
    { id: 'bidders', title: t.sections.bidders, blocks: biddersSection(ctx) },
    { id: 'limitations', title: t.sections.limitations, blocks: limitationsSection(ctx) },
    { id: 'accountability', title: t.sections.accountability, blocks: accountabilitySection(ctx) },
    { id: 'feedback', title: t.sections.feedback, blocks: feedbackSection(ctx) },
    { id: 'appendices', title: t.sections.appendices, blocks: appendicesSection(ctx), newPage: true },
  ];

  const issued = input.version?.issuedAt ?? null;
  return {
    lang,
    title: fill(t.title, { tender: evening.tender.name || evening.title }),
    subtitle: fill(t.subtitle, { committee: evening.tender.committee || t.theCommittee, municipality: evening.tender.municipality || '–' }),
    titleFacts: [
      { label: t.facts.by, value: input.network },
      { label: t.facts.evening, value: `${evening.title}, ${f.date(evening.date)}${evening.venue ? `, ${evening.venue}` : ''}` },
      { label: t.facts.tender, value: [evening.tender.name, evening.tender.reference].filter(Boolean).join(' · ') || '–' },
      { label: t.facts.version, value: versionLabel },
      { label: issued ? t.facts.issuedOn : t.facts.generatedOn, value: f.date(issued ?? input.generatedAt) },
      { label: t.facts.setupFingerprint, value: mono(evening.fingerprint ?? '–') },
    ],
    draftMark: input.version ? null : t.draftMark,
    contentsTitle: t.contents,
    footer: `${fill(t.footer, { tender: evening.tender.name || evening.title })} · ${versionLabel}`,
    pageLabel: t.pageLabel,
    sections: sections.map((s, i) => ({ ...s, number: i + 1 })),
  };
}

interface Ctx {
  input: AdviceDocumentInput;
  t: Texts;
  f: Format;
  lang: Language;
  bidderName: (id: string | null) => string;
}

function orPending(ctx: Ctx, text: string): DocBlock[] {
  const blocks = paragraphs(text);
  return blocks.length > 0 ? blocks : [{ kind: 'paragraph', style: 'note', text: ctx.t.notWritten }];
}

function verdictText(ctx: Ctx, section: ResultsSection): string {
  const { t, f, bidderName } = ctx;
  const v = section.verdict;
  switch (v.code) {
    case 'clear-preference':
      return fill(t.verdict.clear, { top: bidderName(v.top), second: bidderName(v.second), share: f.pct(v.shareTopAhead), required: f.pct(v.required) });
    case 'no-clear-preference':
      return fill(t.verdict.unclear, {
        top: bidderName(v.top),
        second: bidderName(v.second),
        reasons: v.reasons.map((r: VerdictReason) => t.verdictReasons[r]).join('; '),
      });
    case 'not-applicable':
      return t.verdict.notApplicable;
  }
}

function rankingTable(ctx: Ctx, section: ResultsSection, caption: string): DocBlock {
  const { t, f, bidderName } = ctx;
  const byId = new Map(section.bidders.map((b) => [b.bidderId, b]));
  const rows: DocText[][] = section.ranking.map((r: RankEntry) => {
    const b = byId.get(r.bidderId)!;
    return [
      String(r.place) + (r.tiedWith.length > 0 ? ' =' : ''),
      bidderName(r.bidderId),
      f.overall(b.majorityGrade),
      `${f.pct(b.gauge.shareAbove)} / ${f.pct(b.gauge.shareBelow)}`,
      f.num(b.weightedMean),
      f.interval(b.interval),
      f.pct(b.probabilityFirst),
      f.int(b.ballots),
    ];
  });
  for (const id of section.unranked) rows.push(['–', bidderName(id), '–', '–', '–', '–', '–', '0']);
  return {
    kind: 'table',
    header: t.rankingHeader,
    rows,
    align: ['center', 'left', 'left', 'center', 'right', 'center', 'right', 'right'],
    widths: [0.6, 3, 2, 1.6, 1.2, 1.8, 1, 1],
    caption,
  };
}

function summarySection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const all = input.results.all;
  return [
    ...orPending(ctx, input.advice.summary),
    { kind: 'heading', level: 2, text: t.headings.recommendation },
    ...orPending(ctx, input.advice.recommendation),
    { kind: 'heading', level: 2, text: t.headings.inNumbers },
    {
      kind: 'paragraph',
      text: fill(t.summaryNumbers, { voters: f.int(all.voters), ballots: f.int(all.ballots), bidders: input.results.bidders.length }),
    },
    rankingTable(ctx, all, t.rankingCaption),
    { kind: 'paragraph', text: [{ text: `${t.verdictLabel}: `, bold: true }, { text: verdictText(ctx, all) }] },
    ...(input.advice.minorityViews.trim() ? [{ kind: 'heading', level: 2, text: t.headings.minority } as DocBlock, ...paragraphs(input.advice.minorityViews)] : []),
  ];
}

function statusSection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const e = input.evening;
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: fill(t.status.nonBinding, { network: input.network, committee: e.tender.committee || t.theCommittee, municipality: e.tender.municipality || '–' }) },
    { kind: 'paragraph', text: t.status.basis },
  ];
  if (input.version) {
    blocks.push({
      kind: 'paragraph',
      text: fill(t.status.issued, { n: input.version.number, date: f.dateTime(input.version.issuedAt), by: input.version.issuedBy }),
    });
    if (input.version.note.trim()) blocks.push({ kind: 'paragraph', text: [{ text: `${t.status.correction}: `, bold: true }, { text: input.version.note.trim() }] });
  } else {
    blocks.push({ kind: 'paragraph', text: t.status.draft });
  }
  blocks.push({ kind: 'paragraph', text: t.status.versions });
  return blocks;
}

function backgroundSection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const e = input.evening;
  return [
    { kind: 'paragraph', text: fill(t.background.intro, { municipality: e.tender.municipality || '–', tender: e.tender.name || e.title }) },
    ...paragraphs(e.tender.subject),
    {
      kind: 'facts',
      rows: [
        { label: t.background.municipality, value: e.tender.municipality || '–' },
        { label: t.background.tender, value: e.tender.name || '–' },
        { label: t.background.reference, value: e.tender.reference || '–' },
        { label: t.background.committee, value: e.tender.committee || '–' },
        { label: t.background.deadline, value: e.tender.adviceDeadline ? f.date(e.tender.adviceDeadline) : '–' },
        { label: t.background.evening, value: `${e.title}, ${f.date(e.date)}${e.startTime ? ` ${e.startTime}` : ''}` },
        { label: t.background.venue, value: e.venue || '–' },
      ],
    },
    { kind: 'paragraph', text: t.background.assignment },
    {
      kind: 'table',
      header: t.background.biddersHeader,
      rows: e.bidders.map((b) => [String(b.position), b.name, b.pitchTitle || '–']),
      align: ['center', 'left', 'left'],
      widths: [0.5, 3, 4],
    },
  ];
}

function frameworkSection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const e = input.evening;
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: t.framework.intro },
    { kind: 'heading', level: 2, text: t.framework.criteria },
    {
      kind: 'table',
      header: t.framework.criteriaHeader,
      rows: e.criteria.map((c) => [c.name, `${c.weight}%`, c.awardCriterion || '–', c.explanation || '–']),
      align: ['left', 'right', 'left', 'left'],
      widths: [2, 0.8, 2, 4],
    },
    { kind: 'heading', level: 2, text: t.framework.scale },
    { kind: 'paragraph', text: e.scale.kind === 'verbal' ? t.framework.verbal : t.framework.numeric },
    {
      kind: 'table',
      header: t.framework.scaleHeader,
      rows: e.scale.levels.map((l) => [l.label, String(l.value), l.description || '–']),
      align: ['left', 'center', 'left'],
      widths: [1.5, 0.7, 5],
    },
  ];
  const refined = e.criteria.filter((c) => Object.values(c.levelDescriptors).some((d) => d.trim()));
  if (refined.length > 0) {
    blocks.push({ kind: 'heading', level: 3, text: t.framework.refinements });
    for (const c of refined) {
      blocks.push({ kind: 'paragraph', text: [{ text: c.name, bold: true }] });
      blocks.push({
        kind: 'list',
        items: e.scale.levels.filter((l) => c.levelDescriptors[String(l.value)]?.trim()).map((l) => [{ text: `${l.label}: `, bold: true }, { text: c.levelDescriptors[String(l.value)]!.trim() }]),
      });
    }
  }
  blocks.push(
    { kind: 'heading', level: 2, text: t.framework.frozen },
    { kind: 'paragraph', text: fill(t.framework.frozenText, { date: f.dateTime(e.frozenAt) }) },
    { kind: 'facts', rows: [{ label: t.framework.fingerprint, value: mono(e.fingerprint ?? '–') }] },
    { kind: 'paragraph', style: 'note', text: t.framework.fingerprintNote },
  );
  return blocks;
}

function conductSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const e = input.evening;
  const c = input.conduct;
  const latestDraw = [...e.draws].sort((a, b) => b.sequence - a.sequence)[0];
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.conduct.order }];
  if (e.orderMethod === 'lot' && latestDraw) {
    blocks.push(
      { kind: 'paragraph', text: fill(t.conduct.byLot, { date: f.dateTime(latestDraw.drawnAt), draws: e.draws.length }) },
      { kind: 'facts', rows: [{ label: t.conduct.seed, value: mono(latestDraw.seed) }, { label: t.conduct.algorithm, value: mono(latestDraw.algorithm) }] },
    );
  } else {
    blocks.push({ kind: 'paragraph', text: t.conduct.manual });
  }
  blocks.push(
    {
      kind: 'table',
      header: t.conduct.pitchHeader,
      rows: c.pitches.map((p, i) => [
        String(i + 1),
        bidderName(p.bidderId),
        t.pitchStatus[p.status],
        f.time(p.startedAt),
        p.scoringOpenedAt ? `${f.time(p.scoringOpenedAt)} – ${f.time(p.scoringClosedAt)}` : '–',
      ]),
      align: ['center', 'left', 'left', 'center', 'center'],
      widths: [0.5, 3, 1.5, 1, 1.8],
    },
    { kind: 'paragraph', text: fill(t.conduct.timing, { start: f.dateTime(c.startedAt), end: f.time(c.endedAt) }) },
    { kind: 'heading', level: 2, text: t.conduct.whoVoted },
    { kind: 'paragraph', text: t.conduct.whoVotedText },
    { kind: 'heading', level: 2, text: t.conduct.ties },
    { kind: 'paragraph', text: fill(t.conduct.tiesText, { ties: input.results.integrity.tiesDeclared, excluded: input.results.integrity.excludedForTies.length }) },
    { kind: 'heading', level: 2, text: t.conduct.incidents },
  );
  if (c.events.length > 0) {
    blocks.push({
      kind: 'table',
      header: t.conduct.eventsHeader,
      rows: c.events.map((ev) => [f.time(ev.at), bidderName(ev.bidderId), t.eventTypes[ev.type], ev.reason || '–']),
      align: ['center', 'left', 'left', 'left'],
      widths: [0.8, 2.5, 2, 3.5],
    });
  } else {
    blocks.push({ kind: 'paragraph', text: t.conduct.noEvents });
  }
  blocks.push(...paragraphs(input.advice.incidents));
  return blocks;
}

function participationSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const r = input.results;
  const excluded = new Map<string, number>();
  for (const x of r.integrity.excludedForTies) excluded.set(x.bidderId, (excluded.get(x.bidderId) ?? 0) + 1);
  const paperTotal = Object.values(input.conduct.paper).reduce((a, n) => a + n, 0);
  const rules = input.conduct.rules;
  return [
    {
      kind: 'paragraph',
      text: fill(t.participation.text, { attendees: f.int(input.conduct.attendees), voters: f.int(r.all.voters), received: f.int(r.ballotsReceived), counted: f.int(r.all.ballots) }),
    },
    {
      kind: 'paragraph',
      text: `${rules.accessMode === 'tickets' ? t.participation.byTicket : t.participation.byCode} ${rules.presenceRule ? t.participation.presenceOn : t.participation.presenceOff}`,
    },
    {
      kind: 'paragraph',
      text:
        paperTotal === 0
          ? t.participation.noPaper
          : fill(t.participation.paper, {
              paper: f.int(paperTotal),
              phone: f.int(r.all.ballots - paperTotal),
              perBidder: r.all.bidders.map((x) => `${bidderName(x.bidderId)} ${f.int(input.conduct.paper[x.bidderId] ?? 0)}`).join(', '),
            }),
    },
    {
      kind: 'table',
      header: t.participation.header,
      rows: r.all.bidders.map((b, i) => {
        const out = excluded.get(b.bidderId) ?? 0;
        return [String(i + 1), bidderName(b.bidderId), f.int(b.ballots + out), f.int(out), f.int(b.ballots)];
      }),
      align: ['center', 'left', 'right', 'right', 'right'],
      widths: [0.5, 3, 1.2, 1.2, 1.2],
      caption: t.participation.caption,
    },
    ...paperEntryBlocks(input.conduct.paperEntry, f, ctx.lang),
    ...joinBlocks(input.conduct.joins, f, ctx.lang),
  ];
}

function criteriaSection(ctx: Ctx, section: ResultsSection): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const r = input.results;
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: t.criteriaResults.intro }];
  r.criteria.forEach((c, ci) => {
    blocks.push({ kind: 'heading', level: 2, text: `${c.name} (${c.weight}%)` });
    blocks.push({
      kind: 'merit-chart',
      caption: fill(t.criteriaResults.caption, { criterion: c.name }),
      levels: r.scale.levels,
      rows: section.bidders.map((b: BidderResult) => {
        const cr = b.criteria[ci]!;
        return {
          label: bidderName(b.bidderId),
          counts: cr.distribution.map((d) => d.count),
          total: cr.ballots,
          note: fill(t.criteriaResults.note, { median: f.grade(cr.median), mean: f.num(cr.mean), n: cr.ballots }),
        };
      }),
    });
  });
  return blocks;
}

function overallSection(ctx: Ctx, section: ResultsSection): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const levels = input.results.scale.levels;
  const min = levels[levels.length - 1]!.value;
  const max = levels[0]!.value;
  return [
    { kind: 'paragraph', text: t.overall.intro },
    rankingTable(ctx, section, t.rankingCaption),
    {
      kind: 'interval-chart',
      caption: t.overall.chartCaption,
      min,
      max,
      ticks: [...levels].reverse().map((l) => ({ value: l.value, label: input.results.scale.kind === 'verbal' ? `${l.value} ${l.label}` : l.label })),
      rows: section.bidders.map((b) => ({
        label: bidderName(b.bidderId),
        value: b.weightedMean,
        low: b.interval?.low ?? null,
        high: b.interval?.high ?? null,
        note: b.weightedMean === null ? '–' : `${f.num(b.weightedMean)} (${f.interval(b.interval)})`,
      })),
    },
    { kind: 'heading', level: 2, text: t.overall.verdict },
    { kind: 'paragraph', text: verdictText(ctx, section) },
    { kind: 'paragraph', style: 'note', text: fill(t.overall.verdictRule, { required: f.pct(section.verdict.required) }) },
  ];
}

function robustnessSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const r = input.results;
  const all = r.all;
  const placeOf = (ranking: RankEntry[], id: string): string => {
    const e = ranking.find((x) => x.bidderId === id);
    return e ? String(e.place) : '–';
  };
  const i = r.integrity;
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: t.robustness.intro },
    { kind: 'heading', level: 2, text: t.robustness.methods },
    {
      kind: 'table',
      header: t.robustness.methodsHeader,
      rows: all.bidders.map((b) => [
        bidderName(b.bidderId),
        placeOf(all.ranking, b.bidderId),
        placeOf(all.meanRanking, b.bidderId),
        f.num(b.meanZ),
        f.num(b.trimmedMean),
        f.num(b.borda, 1),
        f.pct(b.probabilityFirst),
      ]),
      align: ['left', 'center', 'center', 'right', 'right', 'right', 'right'],
      widths: [3, 1, 1, 1.1, 1.1, 1, 1.1],
      caption: fill(t.robustness.methodsCaption, {
        included: f.int(all.normalisation.votersIncluded),
        tooFew: f.int(all.normalisation.votersTooFewBidders),
        noSpread: f.int(all.normalisation.votersNoSpread),
        trim: f.pct(r.settings.trimFraction),
      }),
    },
    {
      kind: 'paragraph',
      text: all.pairwise.condorcetWinner ? fill(t.robustness.condorcet, { bidder: bidderName(all.pairwise.condorcetWinner) }) : t.robustness.noCondorcet,
    },
    { kind: 'heading', level: 2, text: t.robustness.integrity },
    {
      kind: 'list',
      items: [
        fill(t.robustness.ties, { ties: f.int(i.tiesDeclared), excluded: f.int(i.excludedForTies.length) }),
        fill(t.robustness.clusters, { clusters: i.identicalClusters.length, voters: i.identicalClusters.reduce((n, c) => n + c.voters.length, 0) }),
        fill(t.robustness.topBottom, { voters: i.topBottomVoters.length }),
        fill(t.robustness.bursts, { bursts: i.bursts.length, ballots: f.int(i.bursts.reduce((n, b) => n + b.ballots, 0)), timed: f.int(i.ballotsWithTime) }),
        fill(t.robustness.flagged, { flagged: f.int(i.flaggedBallots.length) }),
      ],
    },
  ];
  for (const b of i.bursts) {
    blocks.push({ kind: 'paragraph', style: 'note', text: fill(t.robustness.burstDetail, { bidder: bidderName(b.bidderId), from: f.time(new Date(b.from).toISOString()), ballots: b.ballots, peak: b.peak, expected: f.num(b.expected, 1) }) });
  }
  if (i.flaggedBallots.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.robustness.nothingFlagged });
  } else {
    const same = JSON.stringify(r.withoutFlagged.ranking.map((x) => [x.place, x.bidderId])) === JSON.stringify(all.ranking.map((x) => [x.place, x.bidderId]));
    blocks.push(
      { kind: 'heading', level: 3, text: t.robustness.withoutFlagged },
      { kind: 'paragraph', text: same ? t.robustness.sameRanking : t.robustness.otherRanking },
      rankingTable(ctx, r.withoutFlagged, t.robustness.withoutFlaggedCaption),
      { kind: 'paragraph', text: [{ text: `${t.verdictLabel}: `, bold: true }, { text: verdictText(ctx, r.withoutFlagged) }] },
    );
  }
  return blocks;
}

function biddersSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const all = input.results.all;
  const blocks: DocBlock[] = [{ kind: 'paragraph', text: t.bidders.intro }];
  const advice = new Map(input.advice.bidders.map((b) => [b.bidderId, b]));
  for (const b of all.bidders) {
    const a = advice.get(b.bidderId);
    const place = all.ranking.find((r) => r.bidderId === b.bidderId)?.place;
    blocks.push(
      { kind: 'heading', level: 2, text: bidderName(b.bidderId) },
      {
        kind: 'paragraph',
        style: 'note',
        text: fill(t.bidders.numbers, {
          place: place ?? '–',
          grade: f.overall(b.majorityGrade),
          mean: f.num(b.weightedMean),
          interval: f.interval(b.interval),
          n: b.ballots,
        }),
      },
    );
    const parts: [string, string][] = [
      [t.bidders.strengths, a?.strengths ?? ''],
      [t.bidders.concerns, a?.concerns ?? ''],
      [t.bidders.conditions, a?.conditions ?? ''],
    ];
    for (const [title, text] of parts) {
      if (!text.trim()) continue;
      blocks.push({ kind: 'heading', level: 3, text: title }, ...paragraphs(text));
    }
    if (parts.every(([, text]) => !text.trim())) blocks.push({ kind: 'paragraph', style: 'note', text: t.notWritten });
    const quotes = (a?.quoteIds ?? []).map((id) => input.quotes[id]).filter((q): q is string => typeof q === 'string');
    if (quotes.length > 0) {
      blocks.push({ kind: 'heading', level: 3, text: t.bidders.quotes });
      for (const q of quotes) blocks.push({ kind: 'quote', text: q, source: t.bidders.quoteSource });
    }
  }
  return blocks;
}

function limitationsSection(ctx: Ctx): DocBlock[] {
  const { input, t } = ctx;
  return [{ kind: 'list', items: t.limitations }, ...paragraphs(input.advice.limitations)];
}

function accountabilitySection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const s = input.results.settings;
  return [
    { kind: 'heading', level: 2, text: t.accountability.privacy },
    { kind: 'paragraph', text: fill(t.accountability.privacyText, { days: input.retentionDays }) },
    { kind: 'heading', level: 2, text: t.accountability.fingerprints },
    { kind: 'paragraph', text: t.accountability.fingerprintsText },
    {
      kind: 'facts',
      rows: [
        { label: t.accountability.setup, value: mono(input.evening.fingerprint ?? '–') },
        { label: t.accountability.record, value: mono(input.recordSha256) },
        { label: t.accountability.results, value: mono(input.resultsSha256) },
      ],
    },
    { kind: 'heading', level: 2, text: t.accountability.method },
    {
      kind: 'paragraph',
      text: fill(t.accountability.methodText, { resamples: f.int(s.bootstrapResamples), confidence: f.pct(s.confidence), prng: s.prng, software: input.software }),
    },
    { kind: 'list', ordered: true, items: t.accountability.steps },
  ];
}

function feedbackSection(ctx: Ctx): DocBlock[] {
  const { input, t } = ctx;
  return t.feedback.map((p) => ({ kind: 'paragraph', text: fill(p, { network: input.network, committee: input.evening.tender.committee || t.theCommittee }) }) as DocBlock);
}

function appendicesSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const r = input.results;
  const all = r.all;
  const blocks: DocBlock[] = [{ kind: 'heading', level: 2, text: t.appendices.perCriterion }];
  r.criteria.forEach((c, ci) => {
    blocks.push({ kind: 'heading', level: 3, text: `${c.name} (${c.weight}%)` });
    blocks.push({
      kind: 'table',
      header: [t.appendices.bidder, ...r.scale.levels.map((l) => l.label), 'n', t.appendices.median, t.appendices.mean],
      rows: all.bidders.map((b) => {
        const cr = b.criteria[ci]!;
        return [bidderName(b.bidderId), ...cr.distribution.map((d) => f.int(d.count)), f.int(cr.ballots), f.grade(cr.median), f.num(cr.mean)];
      }),
      align: ['left', ...r.scale.levels.map(() => 'right' as const), 'right', 'left', 'right'],
      widths: [3, ...r.scale.levels.map(() => 1), 0.8, 1.8, 1],
    });
  });
  const ids = all.pairwise.bidderIds;
  blocks.push(
    { kind: 'heading', level: 2, text: t.appendices.pairwise },
    { kind: 'paragraph', style: 'note', text: t.appendices.pairwiseNote },
    {
      kind: 'table',
      header: ['', ...ids.map((_, j) => String(j + 1))],
      rows: ids.map((id, i) => [`${i + 1}. ${bidderName(id)}`, ...ids.map((_, j) => (i === j ? '–' : f.int(all.pairwise.preferred[i]![j]!)))]),
      align: ['left', ...ids.map(() => 'right' as const)],
      widths: [3, ...ids.map(() => 0.7)],
    },
    { kind: 'heading', level: 2, text: t.appendices.settings },
    {
      kind: 'facts',
      rows: [
        { label: t.appendices.seed, value: mono(r.settings.seed) },
        { label: t.appendices.resamples, value: f.int(r.settings.bootstrapResamples) },
        { label: t.appendices.trim, value: f.pct(r.settings.trimFraction) },
        { label: t.appendices.confidence, value: f.pct(r.settings.confidence) },
        {
          label: t.appendices.thresholds,
          value: fill(t.appendices.thresholdsText, {
            clusterVoters: r.settings.integrity.clusterMinVoters,
            clusterBidders: r.settings.integrity.clusterMinBidders,
            others: r.settings.integrity.topBottomMinOthers,
            window: r.settings.integrity.burstWindowSeconds,
            minBallots: r.settings.integrity.burstMinBallots,
            factor: r.settings.integrity.burstRateFactor,
          }),
        },
      ],
    },
  );
  return blocks;
}
