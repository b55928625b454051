/**
 * Writes the advisory document, in Dutch or English, from the frozen setup, how the evening went,
 * the results report and the organisers' text. The sections follow Dutch advisory reports (see
 * `SECTION_IDS`). Pure: the same input gives the same document; numbers and dates are formatted
 * here so that PDF, DOCX and the in-app view print exactly the same figures.
 */

import type { EveningDetail, EveningRules } from '../api/rest';
import type { Language } from '../domain/setup';
import type { BidderResult, ChannelCounts, RankEntry, ResultsReport, ResultsSection, Verdict } from '../results/types';
import { plural, pluralForm, type PluralForms } from '../logic/plural';
import { PRNG_NAME } from '../results/prng';
import { isWritten, type AdviceContent } from './content';
import type { AdviceDocument, DocBlock, DocRun, DocSection, DocText } from './document';
import type { JoinWatch } from '../live/join-watch';
import type { PaperConduct } from '../live/paper';
import { joinBlocks, paperEntryBlocks } from './participation-notes';
import { lateBallotBlocks } from './late-ballots';
import { TEXTS, type Texts } from './texts';
import type { Incident } from '../domain/procedure';
import type { PitchTiming, ReopeningEffect } from './procedure-facts';
import { PROCEDURE_TEXTS, procedureBlocks } from './procedure';
import { questionAccountBlocks, questionAppendixBlocks } from './questions';
import type { BidderQuestionAccount } from '../questions/questions';
import { lotDrawBlocks } from './lot-draw-blocks';
import { awardSection, awardSectionTitle, awardSummary, awardUseBox, type AwardContext } from './award';
import type { AdviceAuthorship } from './authorship';
import { authorshipTitleBlocks, englishEditionNote, measuredLabel, methodologyBlocks, replyTo, summaryConclusion, whoSaysWhatBlocks } from './authorship-blocks';
import { bidderPageBlocks, type CountedRemarkRef } from './bidder-page';
import { localise } from './english';
import { AUTHORSHIP_TEXTS } from './authorship-texts';

export const SECTION_IDS = [
  'summary',
  'status',
  'background',
  'framework',
  'conduct',
  'participation',
  'criteria-results',
  'overall',
  'award',
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
  /**
   * Ballots that arrived after scoring for their pitch closed and were not counted, per bidder
   * with any, in running order; `changes`: of those, ballots that would have replaced the same
   * phone's earlier ballot, which counts (see shared/src/live/closing.ts).
   */
  lateBallots: { bidderId: string; late: number; changes: number }[];
  /**
   * With the presence rule on: per started pitch with any, how many phones joined after its
   * presence deadline and so could not score it (see missedByPresence). Absent in inputs from
   * before it was recorded: the document then says nothing about it.
   */
  presenceMissed?: { bidderId: string; phones: number }[];
  /** Planned and measured time of every bidder's slot, from the live log, in running order (see procedure-facts.ts). */
  timings: PitchTiming[];
  /** Every reopened scoring: the counted ballots that arrived after it and whether the ranking depends on them. */
  reopenings: ReopeningEffect[];
  /**
   * Questions from the room per bidder in running order: asked, shown, answered, and the shown
   * questions (no names; see shared/src/questions). Absent in inputs from before questions were
   * recorded: the document then says nothing about them.
   */
  questions?: BidderQuestionAccount[];
}

export interface AdviceDocumentInput {
  evening: EveningDetail;
  /** Name of the resident network that held the evening. */
  network: string;
  conduct: EveningConduct;
  results: ResultsReport;
  /**
   * The ranking on the residents' criteria that map to an award criterion alone
   * (`mappedCriteriaSection` over the record's counted ballots), or null when none maps.
   */
  mappedOnly: ResultsSection | null;
  resultsSha256: string;
  recordSha256: string;
  advice: AdviceContent;
  /** Masked text of every picked quote, by id. */
  quotes: Readonly<Record<string, string>>;
  /** The issued version, or null for a draft. */
  version: { number: number; issuedAt: string; issuedBy: string; note: string } | null;
  /** When this document was generated (the draft's date). */
  generatedAt: string;
  /**
   * The seal: the fingerprint of the frame (setup + the evening's printed details + rules; for a
   * draft, the frame as it is now), the audit chain's last entry when the document was drawn up,
   * and the committee page's address (null for a draft).
   */
  seal: { frameFingerprint: string | null; auditHead: { sequence: number; hash: string } | null; committeeUrl: string | null };
  /** Days after issuing after which the link between phones and ballots is deleted. */
  retentionDays: number;
  /** Version of the Buurtjury software. */
  software: string;
  /** The incidents the organisers recorded (structured; see domain/procedure.ts). */
  incidents: Incident[];
  /** Who issued the version and to whom (see authorship.ts); null for a draft. */
  authorship: AdviceAuthorship | null;
  /** Every remark from a counted assessment, phone or paper card (the counts per bidder; which quotes come from paper). */
  remarks: readonly CountedRemarkRef[];
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

type Unit = keyof Texts['units'];

/** Formatting of numbers, counts, dates and grades in one language. */
class Format {
  private readonly locale: string;
  private readonly t: Texts;
  constructor(
    readonly lang: Language,
    private readonly report: ResultsReport,
  ) {
    this.locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
    this.t = TEXTS[lang];
  }
  /** A count with its noun in the right number ("1 telefoon", "42 telefoons"), through the language's plural rules. */
  count(n: number, unit: Unit): string {
    return plural(this.lang, n, this.t.units[unit], this.int(n));
  }
  /** Voters by channel, never added up: "42 telefoons en 15 papieren scorekaarten". */
  voters(c: ChannelCounts): string {
    const parts: string[] = [];
    if (c.phone > 0) parts.push(this.count(c.phone, 'phones'));
    if (c.paper > 0) parts.push(this.count(c.paper, 'cards'));
    return parts.length === 0 ? this.t.noVoters : parts.join(` ${this.t.and} `);
  }
  /** A sentence form chosen by the plural category of `n`, with its placeholders filled. */
  sentence(forms: PluralForms, n: number, values: Record<string, string | number>): string {
    return fill(pluralForm(this.lang, n, forms), values);
  }
  /** A share estimated by resampling: never 0 % or 100 %, but "less than 0.1 %" and "more than 99.9 %"; else one decimal. */
  estimate(share: number | null): string {
    if (share === null) return '–';
    const pct1 = (x: number) => numberFormat(this.locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
    if (share > 0.999) return fill(this.t.moreThan, { p: pct1(0.999) });
    if (share < 0.001) return fill(this.t.lessThan, { p: pct1(0.001) });
    return pct1(share);
  }
  /** The majority grade: the number, and on a verbal scale the highest scale grade at least half reached ("3,70 – minstens Voldoende"). */
  majority(b: Pick<BidderResult, 'majorityGrade' | 'majorityLevel'>): string {
    if (b.majorityGrade === null) return '–';
    if (this.report.scale.kind !== 'verbal' || b.majorityLevel === null) return this.num(b.majorityGrade);
    const level = this.report.scale.levels.find((l) => l.value === b.majorityLevel);
    return level ? `${this.num(b.majorityGrade)} – ${fill(this.t.atLeastLevel, { label: level.label })}` : this.num(b.majorityGrade);
  }
  num(value: number | null, digits = 2): string {
    if (value === null) return '–';
    return numberFormat(this.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }
  /** A small probability written out ("0,00000001"). */
  small(value: number): string {
    return numberFormat(this.locale, { maximumSignificantDigits: 3, maximumFractionDigits: 20 }).format(value);
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

/** With the presence rule on: how many phones per bidder arrived too late to score that pitch (none said as such). */
function presenceMissedSentence(ctx: Ctx): string[] {
  const { input, t, f, bidderName } = ctx;
  const missed = input.conduct.presenceMissed;
  if (!input.conduct.rules.presenceRule || missed === undefined) return [];
  if (missed.length === 0) return [t.participation.presenceMissedNone];
  return [fill(t.participation.presenceMissed, { perBidder: missed.map((m) => `${bidderName(m.bidderId)} ${f.int(m.phones)}`).join(', ') })];
}

/**
 * The presence rule as it applied: off; on without a grace (only pitches that started after the
 * phone joined: the rule of evenings from before the grace existed); or on with a grace in minutes.
 */
function presenceSentence(t: Texts, f: Format, rules: EveningRules): string {
  if (!rules.presenceRule) return t.participation.presenceOff;
  const minutes = rules.presenceGraceMinutes;
  return minutes > 0 ? f.sentence(t.participation.presenceGrace, minutes, { minutes: f.int(minutes) }) : t.participation.presenceOn;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** Builds the document in `lang`. The organisers' own text is printed as written. */
/**
 * The document's input must agree with itself, or a sentence it prints would be false: a remark
 * (and so a quote) marked as written on a paper card exists only where paper cards for that bidder
 * were counted, no more of them than there were cards. Throws when it does not: a bug upstream.
 */
export function checkRemarkChannels(input: Pick<AdviceDocumentInput, 'remarks' | 'conduct'>): void {
  const paperRemarks = new Map<string, number>();
  for (const r of input.remarks) if (r.channel === 'paper') paperRemarks.set(r.bidderId, (paperRemarks.get(r.bidderId) ?? 0) + 1);
  for (const [bidderId, n] of paperRemarks) {
    const cards = input.conduct.paper[bidderId] ?? 0;
    if (n > cards) throw new Error(`${n} remark(s) for bidder ${bidderId} are marked as written on a paper card, but ${cards} paper card(s) for that bidder were counted.`);
  }
}

export function buildAdviceDocument(original: AdviceDocumentInput, lang: Language): AdviceDocument {
  checkRemarkChannels(original);
  const t = TEXTS[lang];
  // The English edition of a Dutch evening prints the organisers' English versions where they added them.
  const localised = localise(original.evening, original.results, original.advice, lang);
  const input: AdviceDocumentInput = { ...original, evening: localised.evening, results: localised.results, advice: localised.advice };
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
    { id: 'award', title: awardSectionTitle(lang), blocks: awardSection(awardContext(ctx)) },
    { id: 'robustness', title: t.sections.robustness, blocks: robustnessSection(ctx) },
    { id: 'bidders', title: t.sections.bidders, blocks: biddersSection(ctx), newPage: true },
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
      { label: t.facts.version, value: input.version ? String(input.version.number) : t.draft },
      { label: issued ? t.facts.issuedOn : t.facts.generatedOn, value: f.date(issued ?? input.generatedAt) },
      { label: t.facts.setupFingerprint, value: mono(evening.fingerprint ?? '–') },
      { label: t.facts.frameFingerprint, value: mono(input.seal.frameFingerprint ?? '–') },
      // An edition in another language than the evening's says which texts stay as the organisers entered them.
      ...(lang !== evening.language ? [{ label: t.languageLabel, value: lang === 'en' ? englishEditionNote(evening, original.advice, localised.dutchParts, bidderName, {
                    incidents: input.incidents.length,
                    reasons: input.conduct.events.filter((e) => e.reason.trim() !== '').length,
                    letter: input.authorship !== null,
                  }) : t.languageNote }] : []),
    ],
    titleBlocks: authorshipTitleBlocks(lang, f, input.network, input.authorship, input.version?.issuedAt ?? null),
    draftMark: input.version ? null : t.draftMark,
    contentsTitle: t.contents,
    footer: `${fill(t.footer, { tender: evening.tender.name || evening.title })} · ${versionLabel}`,
    pageLabel: t.pageLabel,
    sections: sections.map((s, i) => ({ ...s, blocks: measuredLabel(lang, s.id, s.blocks), number: i + 1 })),
  };
}

/** What the award part of the document (award.ts) needs from the builder. */
function awardContext(ctx: Ctx): AwardContext {
  const chapter = (id: SectionId) => SECTION_IDS.indexOf(id) + 1;
  return {
    lang: ctx.lang,
    evening: ctx.input.evening,
    results: ctx.input.results,
    mappedOnly: ctx.input.mappedOnly,
    f: ctx.f,
    bidderName: ctx.bidderName,
    verdictName: (v) => verdictName(ctx, v),
    chapters: { award: chapter('award'), overall: chapter('overall'), appendices: chapter('appendices'), criteria: chapter('criteria-results'), accountability: chapter('accountability') },
  };
}

interface Ctx {
  input: AdviceDocumentInput;
  t: Texts;
  f: Format;
  lang: Language;
  bidderName: (id: string | null) => string;
}

/**
 * An organiser's text, or where it is empty the note that it is not written (in an issued version,
 * whose issuer confirmed it: that the organisers wrote nothing). `emptyAdviceSections` lists these
 * places before a version is issued.
 */
function orPending(ctx: Ctx, text: string): DocBlock[] {
  return isWritten(text) ? paragraphs(text) : [notWritten(ctx)];
}

function notWritten(ctx: Ctx): DocBlock {
  return { kind: 'paragraph', style: 'note', text: notWrittenText(ctx.lang, ctx.input.version !== null) };
}

/** What the document prints where an organiser's text is empty, in a draft or in an issued version. */
export function notWrittenText(lang: Language, issued: boolean): string {
  return issued ? TEXTS[lang].notWrittenIssued : TEXTS[lang].notWritten;
}

/** The names of the bidders a list names, joined ("A, B en C"). */
function nameList(ctx: Ctx, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${ctx.t.and} ${items[items.length - 1]!}`;
}

/** One line naming the verdict, for comparisons between variants ("geen duidelijke voorkeur"). */
function verdictName(ctx: Ctx, v: Verdict): string {
  return fill(ctx.t.verdictNames[v.code], { leader: ctx.bidderName(v.leader) });
}

type ReasonWithText = keyof Texts['verdictReasons'];

/**
 * The verdict on a preference, as blocks: a paragraph, and for "no clear preference" the list of
 * every condition that failed with the numbers behind it. Every percentage from the resamples is an
 * estimate and printed as such (never 0 % or 100 %).
 */
function verdictBlocks(ctx: Ctx, section: ResultsSection, label: boolean): DocBlock[] {
  const { t, f, bidderName } = ctx;
  const v = section.verdict;
  const leader = bidderName(v.leader);
  const byId = new Map(section.bidders.map((b) => [b.bidderId, b]));
  const lead = (text: string): DocBlock => ({ kind: 'paragraph', text: label ? [{ text: `${t.verdictLabel}: `, bold: true }, { text }] : text });
  switch (v.code) {
    case 'not-applicable':
      return [lead(t.verdict.notApplicable)];
    case 'too-few-voters': {
      const list = nameList(
        ctx,
        v.tooFewVoters.map((id) => fill(t.countOf, { bidder: bidderName(id), n: f.count(byId.get(id)?.overallGrades ?? 0, 'overallGrades') })),
      );
      return [lead(fill(t.verdict.tooFew, { min: f.count(v.minVoters, 'overallGrades'), list }))];
    }
    case 'clear-preference': {
      const closest = [...v.comparisons].sort((a, b) => a.shareLeaderAhead - b.shareLeaderAhead)[0]!;
      return [lead(fill(t.verdict.clear, { leader, required: f.pct(v.required), minShare: f.estimate(closest.shareLeaderAhead), closest: bidderName(closest.bidderId) }))];
    }
    case 'no-clear-preference': {
      const items: DocText[] = [];
      const cmp = new Map(v.comparisons.map((c) => [c.bidderId, c]));
      for (const reason of v.reasons) {
        if (reason === 'fewer-than-two-ranked' || reason === 'too-few-voters') continue;
        const values: Record<string, string> = { leader, required: f.pct(v.required) };
        switch (reason) {
          case 'majority-judgment-tie':
            values.others = nameList(ctx, v.tiedWithLeader.map(bidderName));
            break;
          case 'resampling-below-confidence':
            values.list = nameList(
              ctx,
              v.comparisons.filter((c) => c.shareLeaderAhead < v.required).map((c) => fill(t.versus, { bidder: bidderName(c.bidderId), share: f.estimate(c.shareLeaderAhead) })),
            );
            break;
          case 'mean-disagrees': {
            // Two decimals, or four where two would make different means look equal.
            const leaderMean = byId.get(v.leader ?? '')?.weightedMean ?? null;
            const others = v.meanAhead.map((id) => byId.get(id)?.weightedMean ?? null);
            const digits = others.some((m) => m !== leaderMean && f.num(m) === f.num(leaderMean)) ? 4 : 2;
            values.list = nameList(ctx, v.meanAhead.map((id, i) => fill(t.meanOf, { bidder: bidderName(id), mean: f.num(others[i]!, digits) })));
            values.leaderMean = f.num(leaderMean, digits);
            break;
          }
          case 'pairwise-disagrees':
            values.list = nameList(
              ctx,
              v.pairwiseNotBeaten.map((id) =>
                fill(t.pairwiseVersus, { bidder: bidderName(id), forLeader: f.int(cmp.get(id)?.pairwiseForLeader ?? 0), forOther: f.int(cmp.get(id)?.pairwiseForOther ?? 0) }),
              ),
            );
            break;
          case 'resampled-ranking-disagrees':
            values.list = nameList(ctx, v.resampledAhead.map((id) => fill(t.shareOf, { bidder: bidderName(id), share: f.estimate(byId.get(id)?.majorityProbabilityFirst ?? 0) })));
            values.leaderShare = f.estimate(byId.get(v.leader ?? '')?.majorityProbabilityFirst ?? 0);
            break;
        }
        items.push(fill(t.verdictReasons[reason satisfies ReasonWithText], values));
      }
      return [lead(fill(t.verdict.unclear, { leader })), { kind: 'list', items }, { kind: 'paragraph', text: fill(t.verdict.unclearEnd, { leader }) }];
    }
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
      f.majority(b),
      `${f.pct(b.gauge.shareAbove)} / ${f.pct(b.gauge.shareBelow)}`,
      f.estimate(b.majorityProbabilityFirst),
      `${f.num(b.weightedMean)} (${f.interval(b.meanInterval)})`,
      f.int(b.overallGrades),
    ];
  });
  for (const id of section.unranked) rows.push(['–', bidderName(id), t.notAssessed, '–', '–', '–', '0']);
  return {
    kind: 'table',
    header: t.rankingHeader,
    rows,
    align: ['center', 'left', 'left', 'center', 'right', 'center', 'right'],
    widths: [0.6, 2.8, 2.4, 1.4, 1.3, 2.2, 0.7],
    caption,
  };
}

/** Above a ranking (kept with it on the page) whose bidders have fewer overall grades than a verdict needs: what its probabilities and intervals can say. */
function fewGradesNote(ctx: Ctx, section: ResultsSection): DocBlock[] {
  const ranked = new Set(section.ranking.map((r) => r.bidderId));
  const counts = section.bidders.filter((b) => ranked.has(b.bidderId)).map((b) => b.overallGrades);
  if (counts.length === 0) return [];
  const fewest = Math.min(...counts);
  if (fewest >= ctx.input.results.settings.verdictMinVoters) return [];
  return [{ kind: 'paragraph', style: 'note', text: fill(ctx.t.fewGrades, { n: ctx.f.int(fewest) }) }];
}

function rankingCaption(ctx: Ctx): string {
  const c = ctx.t.rankingCaption;
  return `${ctx.input.results.scale.kind === 'verbal' ? c.verbal : c.numeric} ${c.rest}`;
}

function summarySection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const all = input.results.all;
  const minority = input.advice.minorityViews.trim() ? [{ kind: 'heading', level: 3, text: t.headings.minority } as DocBlock, ...paragraphs(input.advice.minorityViews)] : [];
  return [
    // What the organisers conclude, apart from what was measured (authorship-blocks.ts).
    ...summaryConclusion(ctx.lang, input.network, input.authorship, [
      ...orPending(ctx, input.advice.summary),
      { kind: 'heading', level: 3, text: t.headings.recommendation },
      ...orPending(ctx, input.advice.recommendation),
      ...minority,
    ]),
    { kind: 'heading', level: 2, text: `${AUTHORSHIP_TEXTS[ctx.lang].measured}: ${t.headings.inNumbers.charAt(0).toLowerCase()}${t.headings.inNumbers.slice(1)}` },
    { kind: 'paragraph', style: 'note', text: AUTHORSHIP_TEXTS[ctx.lang].measuredNote },
    {
      kind: 'paragraph',
      text: f.sentence(t.summaryNumbers, all.ballots, {
        assessments: f.count(all.ballots, 'assessments'),
        voters: f.voters(all.voters),
        bidders: f.count(input.results.bidders.length, 'bidders'),
      }),
    },
    ...fewGradesNote(ctx, all),
    rankingTable(ctx, all, rankingCaption(ctx)),
    ...verdictBlocks(ctx, all, true),
    // The ranking the committee may use beside the full one, when part of the weight lies outside the award criteria.
    ...awardSummary(awardContext(ctx)),
  ];
}

function statusSection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const e = input.evening;
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: fill(t.status.nonBinding, { network: input.network, committee: e.tender.committee || t.theCommittee, municipality: e.tender.municipality || '–' }) },
    { kind: 'paragraph', text: paperCounted(input) > 0 ? t.status.basisPaper : t.status.basis },
    ...whoSaysWhatBlocks(ctx.lang, input.network, input.authorship),
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
  blocks.push(awardUseBox(awardContext(ctx)));
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
    ...(input.version ? [] : [{ kind: 'paragraph', style: 'note', text: t.framework.notSealed } as DocBlock]),
    {
      kind: 'facts',
      rows: [
        { label: t.framework.fingerprint, value: mono(e.fingerprint ?? '–') },
        { label: t.framework.frameFingerprint, value: mono(input.seal.frameFingerprint ?? '–') },
      ],
    },
    { kind: 'paragraph', style: 'note', text: fill(t.framework.fingerprintNote, { chapter: `${SECTION_IDS.indexOf('accountability') + 1}` }) },
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
      { kind: 'paragraph', text: fill(t.conduct.byLot, { date: f.dateTime(latestDraw.drawnAt), draws: f.count(e.draws.length, 'draws') }) },
      { kind: 'facts', rows: [{ label: t.conduct.seed, value: mono(latestDraw.seed) }, { label: t.conduct.algorithm, value: mono(latestDraw.algorithm) }] },
      ...lotDrawBlocks(ctx.lang, latestDraw, (iso) => f.dateTime(iso)),
    );
  } else {
    blocks.push({ kind: 'paragraph', text: t.conduct.manual });
  }
  blocks.push(
    {
      kind: 'paragraph',
      text: c.startedAt
        ? fill(t.conduct.timing, { start: f.dateTime(c.startedAt), end: f.time(c.endedAt) })
        : fill(PROCEDURE_TEXTS[ctx.lang].eveningNotStarted, { end: f.dateTime(c.endedAt) }),
    },
    // The title page prints the planned date; when the evening ran on another day, both are said.
    ...(c.startedAt && input.evening.date && f.date(c.startedAt) !== f.date(input.evening.date)
      ? [{ kind: 'paragraph', text: fill(t.conduct.plannedOtherDay, { planned: f.date(input.evening.date), time: input.evening.startTime ? `, ${input.evening.startTime}` : '' }) } as DocBlock]
      : []),
    { kind: 'heading', level: 2, text: t.conduct.whoVoted },
    { kind: 'paragraph', text: whoVotedText(ctx) },
    ...procedureBlocks({
      lang: ctx.lang,
      f,
      evening: e,
      network: input.network,
      timings: c.timings,
      reopenings: c.reopenings,
      incidents: input.incidents,
      lateBallots: c.lateBallots,
      paperCards: paperCounted(input),
      bidderName,
      nameList: (items) => nameList(ctx, items),
      tiesText: tiesText(ctx),
      participationChapter: SECTION_IDS.indexOf('participation') + 1,
      eventBlocks: eventBlocks(ctx),
      organisersNote: paragraphs(input.advice.incidents),
    }),
    ...questionAccountBlocks(ctx.lang, c.questions, bidderName, (n) => f.int(n), SECTION_IDS.indexOf('appendices') + 1),
  );
  return blocks;
}

/** The log's notable events: reopened and skipped pitches, automatic closes. */
function eventBlocks(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const events = input.conduct.events;
  if (events.length === 0) return [{ kind: 'paragraph', text: t.conduct.noEvents }];
  return [
    {
      kind: 'table',
      header: t.conduct.eventsHeader,
      rows: events.map((ev) => [f.time(ev.at), bidderName(ev.bidderId), t.eventTypes[ev.type], ev.reason || '–']),
      align: ['center', 'left', 'left', 'left'],
      widths: [0.8, 2.5, 2, 3.5],
    },
  ];
}

/** What the conduct chapter says about declared ties, with every count in the right number. */
function tiesText(ctx: Ctx): string {
  const { t, f } = ctx;
  const i = ctx.input.results.integrity;
  const parts = [t.conduct.tiesText];
  if (i.tiesDeclared === 0) {
    parts.push(t.conduct.tiesNone);
  } else {
    parts.push(f.sentence(t.conduct.tiesDeclared, i.tiesDeclared, { ties: f.count(i.tiesDeclared, 'ties'), voters: f.count(i.tiedVoters, 'phones') }));
    parts.push(f.sentence(t.conduct.tiesExcluded, i.excludedForTies.length, { excluded: f.count(i.excludedForTies.length, 'assessments') }));
  }
  return parts.join(' ');
}

function participationSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const r = input.results;
  const excluded = new Map<string, number>();
  for (const x of r.integrity.excludedForTies) excluded.set(x.bidderId, (excluded.get(x.bidderId) ?? 0) + 1);
  const paperTotal = r.all.voters.paper;
  const partial = r.all.bidders.reduce((n, b) => n + b.partialBallots, 0);
  const criteriaOnly = r.all.bidders.reduce((n, b) => n + b.ballots - b.overallGrades, 0);
  const rules = input.conduct.rules;
  const p = t.participation.facts;
  return [
    {
      kind: 'facts',
      rows: [
        { label: p.attendees, value: f.int(input.conduct.attendees) },
        { label: p.phoneVoters, value: f.int(r.all.voters.phone) },
        { label: p.cards, value: f.int(paperTotal) },
        { label: p.received, value: f.int(r.ballotsReceived) },
        { label: p.excluded, value: f.int(r.integrity.excludedForTies.length) },
        { label: p.counted, value: f.int(r.all.ballots) },
        { label: p.partial, value: f.int(partial) },
        { label: fill(p.criteriaOnly, { minWeight: r.settings.overallMinWeight }), value: f.int(criteriaOnly) },
      ],
    },
    { kind: 'paragraph', text: t.participation.notPeople },
    {
      kind: 'paragraph',
      text: [rules.accessMode === 'tickets' ? t.participation.byTicket : t.participation.byCode, presenceSentence(t, f, rules), ...presenceMissedSentence(ctx)].join(' '),
    },
    {
      kind: 'paragraph',
      text:
        paperTotal === 0
          ? t.participation.noPaper
          : f.sentence(t.participation.paper, paperTotal, {
              paper: f.count(paperTotal, 'assessments'),
              perBidder: r.all.bidders.map((x) => `${bidderName(x.bidderId)} ${f.int(input.conduct.paper[x.bidderId] ?? 0)}`).join(', '),
            }),
    },
    {
      kind: 'table',
      header: t.participation.header,
      rows: r.all.bidders.map((b, i) => {
        const out = excluded.get(b.bidderId) ?? 0;
        return [String(i + 1), bidderName(b.bidderId), f.int(b.ballots + out), f.int(out), f.int(b.ballots), f.int(b.overallGrades)];
      }),
      align: ['center', 'left', 'right', 'right', 'right', 'right'],
      widths: [0.5, 3, 1.1, 1, 1, 1.2],
      caption: t.participation.caption,
    },
    ...paperEntryBlocks(input.conduct.paperEntry, f, ctx.lang),
    ...lateBallotBlocks(input.conduct.lateBallots, f, ctx.lang, bidderName),
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
  const v = section.verdict;
  const byId = new Map(section.bidders.map((b) => [b.bidderId, b]));
  const leader = bidderName(v.leader);
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: fill(t.overall.intro, { minWeight: input.results.settings.overallMinWeight }) },
    ...fewGradesNote(ctx, section),
    rankingTable(ctx, section, rankingCaption(ctx)),
    {
      kind: 'interval-chart',
      caption: t.overall.chartCaption,
      min,
      max,
      ticks: [...levels].reverse().map((l) => ({ value: l.value, label: input.results.scale.kind === 'verbal' ? `${l.value} ${l.label}` : l.label })),
      rows: section.bidders.map((b) => ({
        label: bidderName(b.bidderId),
        value: b.weightedMean,
        low: b.meanInterval?.low ?? null,
        high: b.meanInterval?.high ?? null,
        note: b.weightedMean === null ? t.notAssessed : `${f.num(b.weightedMean)} (${f.interval(b.meanInterval)})`,
      })),
    },
    { kind: 'heading', level: 2, text: t.overall.verdict },
    ...verdictBlocks(ctx, section, false),
  ];
  if (v.comparisons.length > 0) {
    blocks.push({
      kind: 'table',
      header: t.overall.comparisonHeader.map((h) => fill(h, { leader })),
      rows: v.comparisons.map((c) => [
        bidderName(c.bidderId),
        f.estimate(c.shareLeaderAhead),
        f.int(c.pairwiseForLeader),
        f.int(c.pairwiseForOther),
        f.num(byId.get(c.bidderId)?.weightedMean ?? null),
      ]),
      align: ['left', 'right', 'right', 'right', 'right'],
      widths: [3, 2, 1.6, 1.6, 0.9],
      caption: t.overall.comparisonCaption,
    });
  }
  blocks.push({
    kind: 'paragraph',
    style: 'note',
    text: fill(t.overall.verdictRule, { required: f.pct(v.required), min: f.count(v.minVoters, 'overallGrades') }),
  });
  return blocks;
}

/** Whether a variant of the results (without tied voters, without flagged ballots) changes the leader or the verdict. */
function variantSentences(ctx: Ctx, variant: ResultsSection): string {
  const { t, bidderName } = ctx;
  const all = ctx.input.results.all;
  const same = (a: RankEntry[], b: RankEntry[]) => JSON.stringify(a.map((x) => [x.place, x.bidderId])) === JSON.stringify(b.map((x) => [x.place, x.bidderId]));
  const leader = all.verdict.leader;
  const newLeader = variant.verdict.leader;
  const verdict = verdictName(ctx, all.verdict);
  const newVerdict = verdictName(ctx, variant.verdict);
  const out: string[] = [];
  if (leader === newLeader && verdict === newVerdict) out.push(fill(t.robustness.variantSame, { leader: bidderName(leader), verdict }));
  if (leader === newLeader && verdict !== newVerdict) out.push(fill(t.robustness.variantLeaderSame, { leader: bidderName(leader) }));
  if (leader !== newLeader) out.push(fill(t.robustness.variantLeader, { leader: bidderName(leader), newLeader: bidderName(newLeader) }));
  if (verdict !== newVerdict) out.push(fill(t.robustness.variantVerdict, { verdict, newVerdict }));
  if (leader === newLeader && !same(variant.ranking, all.ranking)) out.push(t.robustness.variantRanking);
  return out.join(' ');
}

function robustnessSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const r = input.results;
  const all = r.all;
  const placeOf = (ranking: RankEntry[], id: string): string => {
    const e = ranking.find((x) => x.bidderId === id);
    return e ? String(e.place) + (e.tiedWith.length > 0 ? ' =' : '') : '–';
  };
  const i = r.integrity;
  const n = all.normalisation;
  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: t.robustness.intro },
    { kind: 'heading', level: 2, text: t.robustness.methods },
    {
      kind: 'table',
      header: t.robustness.methodsHeader,
      rows: all.bidders.map((b) => [
        bidderName(b.bidderId),
        placeOf(all.ranking, b.bidderId),
        b.overallGrades === 0 ? '–' : f.estimate(b.majorityProbabilityFirst),
        placeOf(all.meanRanking, b.bidderId),
        b.overallGrades === 0 ? '–' : f.estimate(b.meanProbabilityFirst),
        f.num(b.meanZ),
        f.num(b.trimmedMean),
        b.borda === null ? '–' : f.pct(b.borda),
      ]),
      align: ['left', 'center', 'right', 'center', 'right', 'right', 'right', 'right'],
      widths: [2.6, 0.8, 1.2, 0.8, 1.2, 0.9, 1, 0.8],
      caption: fill(t.robustness.methodsCaption, {
        included: f.voters(n.votersIncluded),
        tooFew: f.voters(n.votersTooFewBidders),
        noSpread: f.voters(n.votersNoSpread),
        trim: f.pct(r.settings.trimFraction),
      }),
    },
    {
      kind: 'paragraph',
      text: all.pairwise.condorcetWinner ? fill(t.robustness.condorcet, { bidder: bidderName(all.pairwise.condorcetWinner) }) : t.robustness.noCondorcet,
    },
  ];
  if (all.unranked.length > 0) blocks.push({ kind: 'paragraph', text: fill(t.robustness.notAssessed, { bidders: nameList(ctx, all.unranked.map(bidderName)) }) });

  blocks.push({ kind: 'heading', level: 2, text: t.robustness.tiesHeading });
  if (i.tiedVoters === 0) {
    blocks.push({ kind: 'paragraph', text: t.robustness.tiesNone });
  } else {
    blocks.push(
      { kind: 'paragraph', text: f.sentence(t.robustness.tiesIntro, i.tiedVoters, { voters: f.count(i.tiedVoters, 'phones'), ballots: f.count(i.tiedVotersBallots, 'assessments') }) },
      { kind: 'paragraph', text: variantSentences(ctx, r.withoutTiedVoters) },
      ...fewGradesNote(ctx, r.withoutTiedVoters),
      rankingTable(ctx, r.withoutTiedVoters, t.robustness.tiesCaption),
    );
  }

  blocks.push(
    { kind: 'heading', level: 2, text: t.robustness.integrity },
    {
      kind: 'list',
      items: [
        fill(t.robustness.ties, { ties: f.int(i.tiesDeclared), excluded: f.int(i.excludedForTies.length) }),
        i.identicalClusters.length === 0
          ? t.robustness.clustersNone
          : fill(t.robustness.clusters, { clusters: f.int(i.identicalClusters.length), voters: f.count(i.identicalClusters.reduce((k, c) => k + c.voters.length, 0), 'voters') }),
        fill(t.robustness.topBottom, { voters: f.int(i.topBottomVoters.length) }),
        fill(t.robustness.bursts, {
          bursts: f.int(i.bursts.length),
          ballots: f.count(i.bursts.reduce((k, b) => k + b.ballots, 0), 'assessments'),
          timed: f.count(i.ballotsWithTime, 'assessments'),
        }),
        fill(t.robustness.flagged, { flagged: f.int(i.flaggedBallots.length) }),
      ],
    },
  );
  for (const b of i.bursts) {
    blocks.push({
      kind: 'paragraph',
      style: 'note',
      text: fill(t.robustness.burstDetail, {
        bidder: bidderName(b.bidderId),
        ballots: f.count(b.ballots, 'assessments'),
        peak: f.int(b.peak),
        window: f.count(r.settings.integrity.burstWindowSeconds, 'seconds'),
        expected: f.num(b.expected, 1),
      }),
    });
  }
  if (i.flaggedBallots.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.robustness.nothingFlagged });
  } else {
    blocks.push(
      { kind: 'heading', level: 3, text: t.robustness.withoutFlagged },
      { kind: 'paragraph', text: `${t.robustness.flaggedCount} ${variantSentences(ctx, r.withoutFlagged)}` },
      ...fewGradesNote(ctx, r.withoutFlagged),
      rankingTable(ctx, r.withoutFlagged, t.robustness.withoutFlaggedCaption),
    );
  }
  return blocks;
}

function biddersSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const all = input.results.all;
  // The page says when scoring for this bidder was reopened; what that changed is in the conduct chapter.
  const reopenedAt = (bidderId: string) => input.conduct.events.filter((e) => e.type === 'scoring-reopened' && e.bidderId === bidderId).map((e) => f.time(e.at));
  const pitchStatus = new Map(
    input.conduct.pitches.map((p) => {
      const times = reopenedAt(p.bidderId);
      const status = t.pitchStatus[p.status];
      return [p.bidderId, times.length === 0 ? status : fill(t.pitchReopened, { status, times: nameList(ctx, times), chapter: `${SECTION_IDS.indexOf('conduct') + 1}` })];
    }),
  );
  const page = {
    lang: ctx.lang,
    f,
    evening: input.evening,
    results: input.results,
    advice: input.advice,
    quotes: input.quotes,
    remarks: input.remarks,
    pitchStatus,
    network: input.network,
    authorship: input.authorship,
    bidderName,
    nameList: (items: string[]) => nameList(ctx, items),
    notWritten: notWritten(ctx),
    labels: { strengths: t.bidders.strengths, concerns: t.bidders.concerns, conditions: t.bidders.conditions, numbers: t.bidders.numbers, notAssessed: t.notAssessed },
  };
  return [{ kind: 'paragraph', text: AUTHORSHIP_TEXTS[ctx.lang].bidderPage.intro }, ...all.bidders.flatMap((b, i) => bidderPageBlocks(page, b.bidderId, i === 0))];
}

function limitationsSection(ctx: Ctx): DocBlock[] {
  const { input, t } = ctx;
  const items = paperCounted(input) > 0 ? [...t.limitations.slice(0, 3), t.limitationPaper, ...t.limitations.slice(3)] : [...t.limitations];
  return [{ kind: 'list', items }, ...paragraphs(input.advice.limitations)];
}

/** The files issued with a version, as they are named for download (a draft: as version n). */
function versionFiles(n: number | null): string[] {
  const v = n === null ? 'n' : String(n);
  return [`advies-v${v}-nl.pdf`, `advies-v${v}-nl.docx`, `advies-v${v}-en.pdf`, `advies-v${v}-en.docx`, 'record.json', 'record.csv', 'results.json'];
}

function accountabilitySection(ctx: Ctx): DocBlock[] {
  const { input, t, f } = ctx;
  const s = input.results.settings;
  const head = input.seal.auditHead;
  return [
    { kind: 'heading', level: 2, text: t.accountability.privacy },
    { kind: 'paragraph', text: fill(t.accountability.privacyText, { days: f.count(input.retentionDays, 'days') }) },
    { kind: 'heading', level: 2, text: t.accountability.fingerprints },
    { kind: 'paragraph', text: t.accountability.fingerprintsText },
    {
      kind: 'facts',
      rows: [
        { label: t.accountability.frame, value: mono(input.seal.frameFingerprint ?? '–') },
        { label: t.accountability.setup, value: mono(input.evening.fingerprint ?? '–') },
        { label: t.accountability.record, value: mono(input.recordSha256) },
        { label: t.accountability.results, value: mono(input.resultsSha256) },
        {
          label: t.accountability.auditHead,
          value: head ? [{ text: fill(t.accountability.auditHeadValue, { n: f.int(head.sequence) }) }, { text: head.hash, mono: true }] : t.accountability.noAudit,
        },
        { label: t.accountability.committeePage, value: input.seal.committeeUrl ? mono(input.seal.committeeUrl) : t.accountability.committeePending },
      ],
    },
    { kind: 'paragraph', text: fill(t.accountability.filesText, { files: nameList(ctx, versionFiles(input.version?.number ?? null)) }) },
    { kind: 'heading', level: 2, text: t.accountability.check },
    { kind: 'list', ordered: true, items: t.accountability.checkSteps },
    { kind: 'heading', level: 2, text: t.accountability.method },
    {
      kind: 'paragraph',
      text: fill(AUTHORSHIP_TEXTS[ctx.lang].methodText, { resamples: f.int(s.bootstrapResamples), confidence: f.pct(s.confidence), prng: s.prng === PRNG_NAME ? t.prng : s.prng, software: input.software }),
    },
    { kind: 'list', ordered: true, items: AUTHORSHIP_TEXTS[ctx.lang].methodSteps },
  ];
}

/** Counted assessments from paper score cards, over all bidders. */
function paperCounted(input: AdviceDocumentInput): number {
  return Object.values(input.conduct.paper).reduce((sum, n) => sum + n, 0);
}

/** Who could vote: by the evening code or by admission card, one assessment per phone and bidder, and the paper cards that count. */
function whoVotedText(ctx: Ctx): string {
  const { input, t, f } = ctx;
  const paper = paperCounted(input);
  return [
    input.conduct.rules.accessMode === 'tickets' ? t.conduct.whoVotedTicket : t.conduct.whoVotedCode,
    t.conduct.whoVotedCounts,
    ...(paper > 0 ? [f.sentence(t.conduct.whoVotedPaper, paper, { n: f.int(paper), chapter: `${SECTION_IDS.indexOf('participation') + 1}` })] : []),
  ].join(' ');
}

function feedbackSection(ctx: Ctx): DocBlock[] {
  const { input, t } = ctx;
  const values = {
    network: input.network,
    reply: replyTo(ctx.lang, input.network, input.authorship),
    statusChapter: `${SECTION_IDS.indexOf('status') + 1}`,
  };
  return t.feedback.map((p) => ({ kind: 'paragraph', text: fill(p, values) }) as DocBlock);
}

function appendicesSection(ctx: Ctx): DocBlock[] {
  const { input, t, f, bidderName } = ctx;
  const r = input.results;
  const all = r.all;
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 2, text: t.appendices.glossary },
    { kind: 'paragraph', text: AUTHORSHIP_TEXTS[ctx.lang].glossaryIntro },
    {
      kind: 'facts',
      rows: [...t.appendices.glossaryTerms, ...AUTHORSHIP_TEXTS[ctx.lang].glossaryTerms]
        .sort(([a], [b]) => a.localeCompare(b, ctx.lang))
        .map(([label, value]) => ({ label, value })),
    },
    ...methodologyBlocks(ctx.lang),
    { kind: 'heading', level: 2, text: t.appendices.perCriterion },
  ];
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
  const assessed = ids.map((id, i) => ({ id, i })).filter(({ id }) => all.pairwise.assessed.includes(id));
  blocks.push(
    { kind: 'heading', level: 2, text: t.appendices.pairwise },
    { kind: 'paragraph', style: 'note', text: t.appendices.pairwiseNote },
    {
      kind: 'table',
      header: ['', ...assessed.map(({ i }) => String(i + 1))],
      rows: assessed.map(({ id, i }) => [`${i + 1}. ${bidderName(id)}`, ...assessed.map(({ i: j }) => (i === j ? '–' : f.int(all.pairwise.preferred[i]![j]!)))]),
      align: ['left', ...assessed.map(() => 'right' as const)],
      widths: [3, ...assessed.map(() => 0.7)],
    },
    { kind: 'heading', level: 2, text: t.appendices.settings },
    {
      kind: 'facts',
      rows: [
        { label: t.appendices.seed, value: mono(r.settings.seed) },
        { label: t.appendices.resamples, value: f.int(r.settings.bootstrapResamples) },
        { label: t.appendices.trim, value: f.pct(r.settings.trimFraction) },
        { label: t.appendices.confidence, value: f.pct(r.settings.confidence) },
        { label: t.appendices.overallMinWeight, value: fill(t.appendices.overallMinWeightText, { weight: r.settings.overallMinWeight }) },
        { label: t.appendices.minVoters, value: fill(t.appendices.minVotersText, { n: f.count(r.settings.verdictMinVoters, 'overallGrades') }) },
        {
          label: t.appendices.thresholds,
          value: fill(t.appendices.thresholdsText, {
            clusterVoters: f.count(r.settings.integrity.clusterMinVoters, 'voters'),
            clusterBidders: f.count(r.settings.integrity.clusterMinBidders, 'bidders'),
            clusterGrades: f.count(r.settings.integrity.clusterMinGrades, 'grades'),
            others: f.count(r.settings.integrity.topBottomMinOthers, 'bidders'),
            topGrades: f.count(r.settings.integrity.topBottomMinGrades, 'grades'),
            window: f.count(r.settings.integrity.burstWindowSeconds, 'seconds'),
            minBallots: f.count(r.settings.integrity.burstMinBallots, 'assessments'),
            factor: f.count(r.settings.integrity.burstRateFactor, 'times'),
            context: f.count(r.settings.integrity.burstContextSeconds, 'seconds'),
            p: f.small(r.settings.integrity.burstMaxProbability),
          }),
        },
      ],
    },
    ...questionAppendixBlocks(ctx.lang, input.conduct.questions, bidderName, (n) => f.int(n)),
  );
  return blocks;
}
