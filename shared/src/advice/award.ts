/**
 * The advice's account of the tender's award criteria: findings per award criterion (which of the
 * residents' criteria map to it and what they measured), the residents' criteria outside the award
 * criteria kept apart, the ranking on the mapped criteria alone beside the full ranking, and the
 * box on how a committee may and may not use the advice. Its own texts in both languages live here
 * too, so this part of the document stays in one place.
 */

import type { EveningDetail } from '../api/rest';
import type { Criterion, Language } from '../domain/setup';
import { plural, type PluralForms } from '../logic/plural';
import type { BidderResult, RankEntry, ResultsReport, ResultsSection, Verdict } from '../results/types';
import type { DocBlock, DocText } from './document';

/** The formatting the award part uses (the builder's `Format`). */
export interface AwardFormat {
  num(value: number | null, digits?: number): string;
  int(value: number): string;
  grade(value: number | null): string;
  majority(b: Pick<BidderResult, 'majorityGrade' | 'majorityLevel'>): string;
}

export interface AwardContext {
  lang: Language;
  evening: EveningDetail;
  results: ResultsReport;
  /** The ranking on the mapped criteria alone (`mappedCriteriaSection`), or null when no criterion maps. */
  mappedOnly: ResultsSection | null;
  f: AwardFormat;
  bidderName: (id: string | null) => string;
  verdictName: (v: Verdict) => string;
  /** Chapter numbers the texts refer to. */
  chapters: { award: number; overall: number; appendices: number; criteria: number; accountability: number };
}

const forms = (one: string, other: string): PluralForms => ({ one, other });

const TEXTS = {
  nl: {
    title: 'Bevindingen per gunningscriterium',
    and: 'en',
    intro: forms(
      'De aanbesteding publiceerde {n} gunningscriterium met zijn weging ({where}). Hieronder staat welke criteria van de bewoners erbij horen en wat de bewoners daarop gaven.',
      'De aanbesteding publiceerde {n} gunningscriteria met hun weging ({where}). Hieronder staat per gunningscriterium welke criteria van de bewoners erbij horen en wat de bewoners daarop gaven.',
    ),
    whereUnknown: 'waar, is niet vastgelegd',
    introNotRecorded:
      'De gunningscriteria van de aanbesteding en hun weging zijn niet in de opzet vastgelegd. De koppeling hieronder volgt de namen van gunningscriteria die de organisatoren bij de criteria van de bewoners opgaven; of die overeenkomen met de gepubliceerde gunningscriteria, staat niet vast.',
    introNothing:
      'De gunningscriteria van de aanbesteding zijn niet in de opzet vastgelegd, en geen criterium van de bewoners is aan een gunningscriterium gekoppeld. Dit advies geeft daarom geen bevindingen per gunningscriterium.',
    pitchesNotTenders: 'De bewoners beoordeelden de pitches op de avond, niet de inschrijvingen zelf: hun bevindingen zijn informatie voor de commissie, geen cijfer op een gunningscriterium.',
    overviewHeader: ['Gunningscriterium', 'Gepubliceerd gewicht', 'Criteria van de bewoners (gewicht)'],
    noneMapped: 'geen: de bewoners gaven hierop geen oordeel',
    weightUnknown: 'niet vastgelegd',
    mappedLine: forms('Hierbij hoort {list}, {w} van het gewicht van de bewoners.', 'Hierbij horen {list}, samen {w} van het gewicht van de bewoners.'),
    bidder: 'Inschrijver',
    notGraded: 'niet beoordeeld',
    medianCaption:
      'Per criterium het middelste cijfer (de mediaan; bij een even aantal het laagste van de twee middelste) en n: het aantal beoordelingen van dat criterium. De verdeling per cijfer staat in hoofdstuk {appendices}.',
    outside: 'Criteria buiten de gunningscriteria',
    outsideText: forms(
      'Dit criterium van de bewoners hoort bij geen gepubliceerd gunningscriterium: {list}. Het weegt {w} van het gewicht van de bewoners. Het telt mee in de totaalrangorde (hoofdstuk {overall}), niet in de rangorde op de gekoppelde criteria hieronder.',
      'Deze criteria van de bewoners horen bij geen gepubliceerd gunningscriterium: {list}. Samen wegen ze {w} van het gewicht van de bewoners. Ze tellen mee in de totaalrangorde (hoofdstuk {overall}), niet in de rangorde op de gekoppelde criteria hieronder.',
    ),
    outsideTextUnrecorded: forms(
      'Dit criterium van de bewoners hebben de organisatoren aan geen gunningscriterium gekoppeld: {list}. Het weegt {w} van het gewicht van de bewoners. Het telt mee in de totaalrangorde (hoofdstuk {overall}), niet in de rangorde op de gekoppelde criteria hieronder.',
      'Deze criteria van de bewoners hebben de organisatoren aan geen gunningscriterium gekoppeld: {list}. Samen wegen ze {w} van het gewicht van de bewoners. Ze tellen mee in de totaalrangorde (hoofdstuk {overall}), niet in de rangorde op de gekoppelde criteria hieronder.',
    ),
    outsideNone: 'Elk criterium van de bewoners hoort bij een gunningscriterium.',
    ranking: 'Rangorde op de gekoppelde criteria alleen',
    rankingNone:
      'Geen criterium van de bewoners hoort bij een gunningscriterium. Er is dus geen rangorde op gekoppelde criteria: de totaalrangorde (hoofdstuk {overall}) rust geheel op criteria buiten de gunningscriteria.',
    rankingIntro:
      'Dezelfde beoordelingen en dezelfde methode als de totaalrangorde (hoofdstuk {overall}), maar het totaalcijfer van elke beoordeling telt alleen de gekoppelde criteria ({list}), met hun gewichten ten opzichte van elkaar. Wie de uitslag narekent (hoofdstuk {accountability}), rekent deze rangorde na door record.json te tellen met alleen die criteria.',
    rankingAllMapped: 'Omdat elk criterium gekoppeld is, is dit dezelfde berekening als de totaalrangorde.',
    rankingHeader: ['Inschrijver', 'Plaats totaal', 'Plaats gekoppeld', 'Meerderheidsoordeel gekoppeld', 'Totaalcijfers gekoppeld'],
    rankingCaption: '"=" betekent een gedeelde plaats; "–": geen totaalcijfer, dus geen plaats.',
    same: 'De rangorde op de gekoppelde criteria is gelijk aan de totaalrangorde.',
    differs: 'De rangorde op de gekoppelde criteria wijkt af van de totaalrangorde bij {list}.',
    differsItem: '{bidder} (plaats {full} totaal, {mapped} gekoppeld)',
    firsts: 'Eerste plaats in de totaalrangorde: {full}. Eerste plaats op de gekoppelde criteria alleen: {mapped}.',
    shared: '{names} (gedeeld)',
    nobody: 'geen (geen inschrijver heeft een totaalcijfer)',
    verdict: 'Oordeel op de gekoppelde criteria alleen: {verdict}.',
    box: 'Wat de commissie met dit advies mag doen',
    summaryMapped: forms(
      'Op de gekoppelde criteria alleen, zonder het criterium buiten de gunningscriteria ({list}, {w} van het gewicht), staat {first} eerst; oordeel: {verdict}. Zie hoofdstuk {award}.',
      'Op de gekoppelde criteria alleen, zonder de criteria buiten de gunningscriteria ({list}, samen {w} van het gewicht), staat {first} eerst; oordeel: {verdict}. Zie hoofdstuk {award}.',
    ),
    summaryNoneMapped: 'Geen criterium van de bewoners hoort bij een gunningscriterium: de rangorde hierboven rust geheel op criteria buiten de gunningscriteria (hoofdstuk {award}).',
    announcedYes: 'De aanbestedingsstukken kondigden deze bewonersavond aan ({where}).',
    announcedNo: 'De aanbestedingsstukken kondigden deze bewonersavond niet aan.',
    announcedUnknown: 'Of de aanbestedingsstukken deze bewonersavond aankondigden, is niet vastgelegd.',
    criteriaRecorded: 'De commissie beoordeelt de inschrijvingen op de gepubliceerde gunningscriteria en hun weging ({where}). Dit advies verandert die niet.',
    criteriaNotRecorded:
      'De commissie beoordeelt de inschrijvingen op de gepubliceerde gunningscriteria en hun weging. Die zijn in dit advies niet vastgelegd; de koppeling in hoofdstuk {award} is die van de organisatoren.',
    criteriaNothing:
      'De commissie beoordeelt de inschrijvingen op de gepubliceerde gunningscriteria en hun weging. Die zijn in dit advies niet vastgelegd, en de criteria van de bewoners zijn er niet aan gekoppeld.',
    may: 'Wel: ',
    mayText: 'de bevindingen per gunningscriterium (hoofdstuk {award}) gebruiken als informatie bij de eigen beoordeling op dat gunningscriterium, en in de motivering zeggen hoe.',
    mayTextNothing: 'de uitkomsten per criterium van de bewoners (hoofdstuk {criteria}) gebruiken als informatie bij de eigen beoordeling op het gepubliceerde gunningscriterium waar een criterium over gaat, en in de motivering zeggen hoe.',
    mayNot: 'Niet: ',
    mayNotText: 'de cijfers of de rangorde van de bewoners overnemen als eigen beoordeling of als extra gunningscriterium, of een inschrijver beoordelen op iets dat niet gepubliceerd is.',
    mayNotOutside: forms(
      'het criterium buiten de gunningscriteria meewegen ({list}, {w} van het gewicht van de bewoners). Ook de totaalrangorde rust daar deels op; de rangorde op de gekoppelde criteria alleen staat in hoofdstuk {award}.',
      'de criteria buiten de gunningscriteria meewegen ({list}, samen {w} van het gewicht van de bewoners). Ook de totaalrangorde rust daar deels op; de rangorde op de gekoppelde criteria alleen staat in hoofdstuk {award}.',
    ),
    mayNotAllOutside: forms(
      'het criterium buiten de gunningscriteria meewegen ({list}). Het is het enige criterium van de bewoners: de totaalrangorde rust er geheel op, en een rangorde op gekoppelde criteria is er niet.',
      'de criteria buiten de gunningscriteria meewegen ({list}). Dat zijn alle criteria van de bewoners: de totaalrangorde rust er geheel op, en een rangorde op gekoppelde criteria is er niet.',
    ),
    careful: 'Let op: ',
    carefulNo: 'de inschrijvers wisten uit de aanbestedingsstukken niet dat deze avond bij de beoordeling zou worden betrokken. Gebruik het advies daarom hooguit als achtergrond.',
    carefulUnknown: 'niet vastgelegd is of de inschrijvers uit de aanbestedingsstukken wisten dat deze avond bij de beoordeling zou worden betrokken. Ga dat na voordat het advies wordt gebruikt.',
  },
  en: {
    title: 'Findings per award criterion',
    and: 'and',
    intro: forms(
      'The tender published {n} award criterion with its weight ({where}). Below are the residents\u2019 criteria that belong to it and what the residents gave on them.',
      'The tender published {n} award criteria with their weights ({where}). Below, per award criterion, are the residents\u2019 criteria that belong to it and what the residents gave on them.',
    ),
    whereUnknown: 'where was not recorded',
    introNotRecorded:
      'The tender\u2019s award criteria and their weights were not recorded in the setup. The mapping below follows the award criterion names the organisers gave with the residents\u2019 criteria; whether these match the published award criteria is not established.',
    introNothing:
      'The tender\u2019s award criteria were not recorded in the setup, and no residents\u2019 criterion is mapped to an award criterion. This advice therefore gives no findings per award criterion.',
    pitchesNotTenders: 'The residents assessed the pitches on the evening, not the tenders themselves: their findings are information for the committee, not a score on an award criterion.',
    overviewHeader: ['Award criterion', 'Published weight', 'Residents\u2019 criteria (weight)'],
    noneMapped: 'none: the residents gave no judgement on this',
    weightUnknown: 'not recorded',
    mappedLine: forms('It has {list}, {w} of the residents\u2019 weight.', 'It has {list}, together {w} of the residents\u2019 weight.'),
    bidder: 'Bidder',
    notGraded: 'not assessed',
    medianCaption:
      'Per criterion the middle grade (the median; with an even number the lower of the two middle ones) and n: the number of assessments of that criterion. The distribution per grade is in chapter {appendices}.',
    outside: 'Criteria outside the award criteria',
    outsideText: forms(
      'This residents\u2019 criterion belongs to no published award criterion: {list}. It weighs {w} of the residents\u2019 weight. It counts in the overall ranking (chapter {overall}), not in the ranking on the mapped criteria below.',
      'These residents\u2019 criteria belong to no published award criterion: {list}. Together they weigh {w} of the residents\u2019 weight. They count in the overall ranking (chapter {overall}), not in the ranking on the mapped criteria below.',
    ),
    outsideTextUnrecorded: forms(
      'The organisers mapped this residents\u2019 criterion to no award criterion: {list}. It weighs {w} of the residents\u2019 weight. It counts in the overall ranking (chapter {overall}), not in the ranking on the mapped criteria below.',
      'The organisers mapped these residents\u2019 criteria to no award criterion: {list}. Together they weigh {w} of the residents\u2019 weight. They count in the overall ranking (chapter {overall}), not in the ranking on the mapped criteria below.',
    ),
    outsideNone: 'Every residents\u2019 criterion belongs to an award criterion.',
    ranking: 'Ranking on the mapped criteria alone',
    rankingNone:
      'No residents\u2019 criterion belongs to an award criterion. So there is no ranking on mapped criteria: the overall ranking (chapter {overall}) rests entirely on criteria outside the award criteria.',
    rankingIntro:
      'The same assessments and the same method as the overall ranking (chapter {overall}), but each assessment\u2019s overall grade counts only the mapped criteria ({list}), with their weights relative to each other. Whoever recomputes the results (chapter {accountability}) recomputes this ranking by counting record.json with only those criteria.',
    rankingAllMapped: 'Because every criterion is mapped, this is the same calculation as the overall ranking.',
    rankingHeader: ['Bidder', 'Place overall', 'Place mapped', 'Majority grade mapped', 'Overall grades mapped'],
    rankingCaption: '"=" means a shared place; "–": no overall grade, so no place.',
    same: 'The ranking on the mapped criteria is the same as the overall ranking.',
    differs: 'The ranking on the mapped criteria differs from the overall ranking for {list}.',
    differsItem: '{bidder} (place {full} overall, {mapped} mapped)',
    firsts: 'First place in the overall ranking: {full}. First place on the mapped criteria alone: {mapped}.',
    shared: '{names} (shared)',
    nobody: 'none (no bidder has an overall grade)',
    verdict: 'Verdict on the mapped criteria alone: {verdict}.',
    box: 'How the committee may use this advice',
    summaryMapped: forms(
      'On the mapped criteria alone, without the criterion outside the award criteria ({list}, {w} of the weight), {first} is first; verdict: {verdict}. See chapter {award}.',
      'On the mapped criteria alone, without the criteria outside the award criteria ({list}, together {w} of the weight), {first} is first; verdict: {verdict}. See chapter {award}.',
    ),
    summaryNoneMapped: 'No residents\u2019 criterion belongs to an award criterion: the ranking above rests entirely on criteria outside the award criteria (chapter {award}).',
    announcedYes: 'The tender documents announced this resident evening ({where}).',
    announcedNo: 'The tender documents did not announce this resident evening.',
    announcedUnknown: 'Whether the tender documents announced this resident evening was not recorded.',
    criteriaRecorded: 'The committee assesses the tenders on the published award criteria and their weights ({where}). This advice does not change them.',
    criteriaNotRecorded:
      'The committee assesses the tenders on the published award criteria and their weights. They are not recorded in this advice; the mapping in chapter {award} is the organisers\u2019.',
    criteriaNothing:
      'The committee assesses the tenders on the published award criteria and their weights. They are not recorded in this advice, and the residents\u2019 criteria are not mapped to them.',
    may: 'May: ',
    mayText: 'use the findings per award criterion (chapter {award}) as information in its own assessment on that award criterion, and say how in its reasons.',
    mayTextNothing: 'use the residents\u2019 results per criterion (chapter {criteria}) as information in its own assessment on the published award criterion a criterion is about, and say how in its reasons.',
    mayNot: 'May not: ',
    mayNotText: 'take over the residents\u2019 scores or ranking as a score or as an extra award criterion, or assess a bidder on anything that was not published.',
    mayNotOutside: forms(
      'weigh the criterion outside the award criteria ({list}, {w} of the residents\u2019 weight). The overall ranking partly rests on it too; the ranking on the mapped criteria alone is in chapter {award}.',
      'weigh the criteria outside the award criteria ({list}, together {w} of the residents\u2019 weight). The overall ranking partly rests on them too; the ranking on the mapped criteria alone is in chapter {award}.',
    ),
    mayNotAllOutside: forms(
      'weigh the criterion outside the award criteria ({list}). It is the residents\u2019 only criterion: the overall ranking rests on it entirely, and there is no ranking on mapped criteria.',
      'weigh the criteria outside the award criteria ({list}). They are all the residents\u2019 criteria: the overall ranking rests on them entirely, and there is no ranking on mapped criteria.',
    ),
    careful: 'Take care: ',
    carefulNo: 'the tender documents did not tell the bidders that this evening would be part of the assessment. Use the advice as background at most.',
    carefulUnknown: 'it was not recorded whether the tender documents told the bidders that this evening would be part of the assessment. Check this before the advice is used.',
  },
} as const;

export type AwardTexts = (typeof TEXTS)['nl'];

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

function list(lang: Language, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${TEXTS[lang].and} ${items[items.length - 1]!}`;
}

const pct = (lang: Language, n: number): string => `${new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(n)}%`;

/** A residents' criterion with its weight ("Kennis van de wijk (20 %)"). */
const withWeight = (lang: Language, c: Criterion): string => `${c.name} (${pct(lang, c.weight)})`;

/** The award criteria the document reports on: the recorded ones, or (when none were recorded) the names the mappings give. */
export function awardGroups(evening: EveningDetail): { name: string; weight: number | null; description: string; criteria: Criterion[] }[] {
  const criteria = [...evening.criteria].sort((a, b) => a.position - b.position);
  if (evening.award.criteria.length > 0) {
    return evening.award.criteria.map((a) => ({ name: a.name, weight: a.weight, description: a.description, criteria: criteria.filter((c) => c.awardCriterion === a.name) }));
  }
  const names = [...new Set(criteria.map((c) => c.awardCriterion).filter((n) => n !== ''))];
  return names.map((name) => ({ name, weight: null, description: '', criteria: criteria.filter((c) => c.awardCriterion === name) }));
}

/** The residents' criteria that belong to no award criterion the document reports on. */
export function criteriaOutside(evening: EveningDetail): Criterion[] {
  const inGroups = new Set(awardGroups(evening).flatMap((g) => g.criteria.map((c) => c.id)));
  return [...evening.criteria].sort((a, b) => a.position - b.position).filter((c) => !inGroups.has(c.id));
}

/** The ids of the residents' criteria that map to an award criterion: what `mappedCriteriaSection` ranks on. */
export function mappedCriterionIds(evening: EveningDetail): string[] {
  return awardGroups(evening).flatMap((g) => g.criteria.map((c) => c.id));
}

/** A table of the residents' criteria's medians per bidder (the numbers as the results give them). */
function mediansTable(ctx: AwardContext, criteria: Criterion[]): DocBlock {
  const t = TEXTS[ctx.lang];
  const { results, f, bidderName } = ctx;
  const index = new Map(results.criteria.map((c, i) => [c.id, i]));
  return {
    kind: 'table',
    header: [t.bidder, ...criteria.map((c) => c.name)],
    rows: results.all.bidders.map((b) => [
      bidderName(b.bidderId),
      ...criteria.map((c) => {
        const cr = b.criteria[index.get(c.id) ?? -1];
        return !cr || cr.ballots === 0 ? t.notGraded : `${f.grade(cr.median)}, n = ${f.int(cr.ballots)}`;
      }),
    ]),
    align: ['left', ...criteria.map(() => 'left' as const)],
    widths: [2.6, ...criteria.map(() => 2)],
    caption: fill(t.medianCaption, { appendices: ctx.chapters.appendices }),
  };
}

function placeOf(ranking: readonly RankEntry[], id: string): string {
  const e = ranking.find((x) => x.bidderId === id);
  return e ? String(e.place) + (e.tiedWith.length > 0 ? ' =' : '') : '–';
}

/** The bidders in first place, as a phrase ("A", "A en B (gedeeld)", or nobody). */
function firstPlace(ctx: AwardContext, ranking: readonly RankEntry[]): string {
  const t = TEXTS[ctx.lang];
  const first = ranking.filter((r) => r.place === 1).map((r) => ctx.bidderName(r.bidderId));
  if (first.length === 0) return t.nobody;
  return first.length === 1 ? first[0]! : fill(t.shared, { names: list(ctx.lang, first) });
}

/** Whether two rankings give every bidder the same place (and the same bidders a place). */
export function sameRanking(a: readonly RankEntry[], b: readonly RankEntry[]): boolean {
  const key = (r: readonly RankEntry[]) => JSON.stringify([...r].map((x) => [x.bidderId, x.place]).sort());
  return key(a) === key(b);
}

/** The chapter "Findings per award criterion". */
export function awardSection(ctx: AwardContext): DocBlock[] {
  const t = TEXTS[ctx.lang];
  const { lang, evening, results, mappedOnly, f, bidderName } = ctx;
  const groups = awardGroups(evening);
  const outside = criteriaOutside(evening);
  const recorded = evening.award.criteria.length > 0;
  const blocks: DocBlock[] = [];
  if (!recorded && groups.length === 0) {
    // Nothing recorded and nothing mapped: no findings, no criteria known to lie outside, no mapped ranking.
    return [{ kind: 'paragraph', text: t.introNothing }];
  } else {
    blocks.push(
      {
        kind: 'paragraph',
        text: recorded ? plural(lang, groups.length, t.intro, f.int(groups.length)).replace('{where}', evening.award.publishedIn || t.whereUnknown) : t.introNotRecorded,
      },
      { kind: 'paragraph', text: t.pitchesNotTenders },
      {
        kind: 'table',
        header: [...t.overviewHeader],
        rows: groups.map((g) => [g.name, g.weight === null ? t.weightUnknown : pct(lang, g.weight), g.criteria.length === 0 ? t.noneMapped : list(lang, g.criteria.map((c) => withWeight(lang, c)))]),
        align: ['left', 'right', 'left'],
        widths: [3, 1.2, 4],
      },
    );
    for (const g of groups) {
      if (g.criteria.length === 0) continue;
      const w = g.criteria.reduce((s, c) => s + c.weight, 0);
      blocks.push(
        { kind: 'heading', level: 3, text: g.weight === null ? g.name : `${g.name} (${pct(lang, g.weight)})` },
        ...(g.description ? [{ kind: 'paragraph', style: 'note', text: g.description } as DocBlock] : []),
        { kind: 'paragraph', text: plural(lang, g.criteria.length, t.mappedLine).replace('{list}', list(lang, g.criteria.map((c) => c.name))).replace('{w}', pct(lang, w)) },
        mediansTable(ctx, g.criteria),
      );
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: t.outside });
  if (outside.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.outsideNone });
  } else {
    const w = outside.reduce((s, c) => s + c.weight, 0);
    blocks.push(
      {
        kind: 'paragraph',
        text: fill(plural(lang, outside.length, recorded ? t.outsideText : t.outsideTextUnrecorded), { list: list(lang, outside.map((c) => c.name)), w: pct(lang, w), overall: ctx.chapters.overall }),
      },
      mediansTable(ctx, outside),
    );
  }

  blocks.push({ kind: 'heading', level: 2, text: t.ranking });
  if (mappedOnly === null) {
    blocks.push({ kind: 'paragraph', text: fill(t.rankingNone, { overall: ctx.chapters.overall }) });
    return blocks;
  }
  const all = results.all;
  const mappedIds = new Set(mappedCriterionIds(evening));
  const mappedCriteria = [...evening.criteria].sort((a, b) => a.position - b.position).filter((c) => mappedIds.has(c.id));
  const byId = new Map(mappedOnly.bidders.map((b) => [b.bidderId, b]));
  const order = [...all.ranking.map((r) => r.bidderId), ...all.unranked];
  blocks.push(
    {
      kind: 'paragraph',
      text: `${fill(t.rankingIntro, { overall: ctx.chapters.overall, accountability: ctx.chapters.accountability, list: list(lang, mappedCriteria.map((c) => c.name)) })}${outside.length === 0 ? ` ${t.rankingAllMapped}` : ''}`,
    },
    {
      kind: 'table',
      header: [...t.rankingHeader],
      rows: order.map((id) => {
        const b = byId.get(id);
        return [bidderName(id), placeOf(all.ranking, id), placeOf(mappedOnly.ranking, id), b ? f.majority(b) : '–', f.int(b?.overallGrades ?? 0)];
      }),
      align: ['left', 'center', 'center', 'left', 'right'],
      widths: [2.8, 1, 1, 2.4, 1.2],
      caption: t.rankingCaption,
    },
  );
  const sentences: string[] = [];
  if (sameRanking(all.ranking, mappedOnly.ranking)) {
    sentences.push(t.same);
  } else {
    const differing = order.filter((id) => placeOf(all.ranking, id) !== placeOf(mappedOnly.ranking, id));
    sentences.push(fill(t.differs, { list: list(lang, differing.map((id) => fill(t.differsItem, { bidder: bidderName(id), full: placeOf(all.ranking, id), mapped: placeOf(mappedOnly.ranking, id) }))) }));
  }
  sentences.push(fill(t.firsts, { full: firstPlace(ctx, all.ranking), mapped: firstPlace(ctx, mappedOnly.ranking) }));
  sentences.push(fill(t.verdict, { verdict: ctx.verdictName(mappedOnly.verdict) }));
  blocks.push({ kind: 'paragraph', text: sentences.join(' ') });
  return blocks;
}

/**
 * In the summary, beside the full ranking: the first place and verdict on the mapped criteria alone,
 * when some of the residents' weight lies outside the award criteria (and it is known which).
 */
export function awardSummary(ctx: AwardContext): DocBlock[] {
  const t = TEXTS[ctx.lang];
  const { lang, evening, mappedOnly } = ctx;
  const groups = awardGroups(evening);
  if (evening.award.criteria.length === 0 && groups.length === 0) return [];
  const outside = criteriaOutside(evening);
  if (outside.length === 0) return [];
  if (mappedOnly === null) return [{ kind: 'paragraph', text: fill(t.summaryNoneMapped, { award: ctx.chapters.award }) }];
  const w = outside.reduce((sum, c) => sum + c.weight, 0);
  return [
    {
      kind: 'paragraph',
      text: fill(plural(lang, outside.length, t.summaryMapped), {
        list: list(lang, outside.map((c) => c.name)),
        w: pct(lang, w),
        first: firstPlace(ctx, mappedOnly.ranking),
        verdict: ctx.verdictName(mappedOnly.verdict),
        award: ctx.chapters.award,
      }),
    },
  ];
}

/** The box in plain words on how the committee may and may not use the advice under the published criteria. */
export function awardUseBox(ctx: AwardContext): DocBlock {
  const t = TEXTS[ctx.lang];
  const { lang, evening } = ctx;
  const award = evening.award;
  const where = award.publishedIn || t.whereUnknown;
  const lines: DocText[] = [];
  lines.push(award.eveningAnnounced === 'yes' ? fill(t.announcedYes, { where: award.announcedWhere || t.whereUnknown }) : award.eveningAnnounced === 'no' ? t.announcedNo : t.announcedUnknown);
  const nothing = award.criteria.length === 0 && awardGroups(evening).length === 0;
  lines.push(award.criteria.length > 0 ? fill(t.criteriaRecorded, { where }) : nothing ? t.criteriaNothing : fill(t.criteriaNotRecorded, { award: ctx.chapters.award }));
  lines.push([{ text: t.may, bold: true }, { text: nothing ? fill(t.mayTextNothing, { criteria: ctx.chapters.criteria }) : fill(t.mayText, { award: ctx.chapters.award }) }]);
  lines.push([{ text: t.mayNot, bold: true }, { text: t.mayNotText }]);
  const outside = criteriaOutside(evening);
  // Outside only where it is known: the award criteria were recorded or the organisers mapped some criteria.
  if (!nothing && outside.length > 0) {
    const w = outside.reduce((s, c) => s + c.weight, 0);
    const names = list(lang, outside.map((c) => c.name));
    const text = outside.length === evening.criteria.length ? fill(plural(lang, outside.length, t.mayNotAllOutside), { list: names }) : fill(plural(lang, outside.length, t.mayNotOutside), { list: names, w: pct(lang, w), award: ctx.chapters.award });
    lines.push([{ text: t.mayNot, bold: true }, { text }]);
  }
  if (award.eveningAnnounced !== 'yes') {
    lines.push([{ text: t.careful, bold: true }, { text: award.eveningAnnounced === 'no' ? t.carefulNo : t.carefulUnknown }]);
  }
  return { kind: 'box', title: t.box, lines };
}

/** The chapter's title in `lang`. */
export function awardSectionTitle(lang: Language): string {
  return TEXTS[lang].title;
}
