/**
 * English versions of what the organisers wrote in Dutch: their texts in the advice, the names and
 * explanations of the criteria and the labels and descriptions of the scale. All optional: the
 * English edition of a Dutch evening prints an English version where there is one and the Dutch
 * text where there is none, and says on its first page which parts remain in Dutch. The Dutch
 * edition never prints them. They are part of the advice draft, not of the frozen setup: adding a
 * translation changes no fingerprint.
 */

import type { EveningDetail } from '../api/rest';
import type { Language, ScaleLevel } from '../domain/setup';
import { defaultVerbalScale } from '../logic/scale';
import type { ResultsReport } from '../results/types';
import { isWritten, type AdviceContent } from './content';

export interface EnglishBidderTexts {
  bidderId: string;
  strengths: string;
  concerns: string;
  conditions: string;
}

export interface EnglishCriterion {
  criterionId: string;
  name: string;
  explanation: string;
}

export interface EnglishScaleLevel {
  /** The scale level's value. */
  value: number;
  label: string;
  description: string;
}

export interface EnglishVersions {
  summary: string;
  recommendation: string;
  minorityViews: string;
  incidents: string;
  limitations: string;
  bidders: EnglishBidderTexts[];
  criteria: EnglishCriterion[];
  scale: EnglishScaleLevel[];
}

export const ENGLISH_TEXT_FIELDS = ['summary', 'recommendation', 'minorityViews', 'incidents', 'limitations'] as const;
export const ENGLISH_BIDDER_FIELDS = ['strengths', 'concerns', 'conditions'] as const;

export function emptyEnglish(): EnglishVersions {
  return { summary: '', recommendation: '', minorityViews: '', incidents: '', limitations: '', bidders: [], criteria: [], scale: [] };
}

/** A part of the organisers' Dutch text that the English edition prints in Dutch (no English version). */
export type DutchPart =
  | { kind: 'text'; field: (typeof ENGLISH_TEXT_FIELDS)[number] }
  | { kind: 'bidder'; bidderId: string }
  | { kind: 'criteria'; count: number }
  | { kind: 'criterion-refinements' }
  | { kind: 'scale'; count: number };

/** What an edition prints of the organisers' texts, after the English versions are applied. */
export interface LocalisedInput {
  evening: EveningDetail;
  results: ResultsReport;
  advice: AdviceContent;
  /** Parts still in Dutch; empty when every written part has an English version or the edition is Dutch. */
  dutchParts: DutchPart[];
}

const pick = (english: string | undefined, dutch: string): string => (english !== undefined && isWritten(english) ? english : dutch);
const missing = (english: string | undefined, dutch: string): boolean => isWritten(dutch) && !(english !== undefined && isWritten(english));

/**
 * The evening, results and advice as `lang`'s edition prints them. Only the English edition of a
 * Dutch evening uses English versions; every other edition gets the input unchanged.
 */
export function localise(evening: EveningDetail, results: ResultsReport, advice: AdviceContent, lang: Language): LocalisedInput {
  const en = advice.english;
  if (lang !== 'en' || evening.language !== 'nl') return { evening, results, advice, dutchParts: [] };
  const dutchParts: DutchPart[] = [];
  const texts = { ...advice };
  for (const field of ENGLISH_TEXT_FIELDS) {
    if (missing(en?.[field], advice[field])) dutchParts.push({ kind: 'text', field });
    texts[field] = pick(en?.[field], advice[field]);
  }
  const enBidders = new Map((en?.bidders ?? []).map((b) => [b.bidderId, b]));
  texts.bidders = advice.bidders.map((b) => {
    const e = enBidders.get(b.bidderId);
    if (ENGLISH_BIDDER_FIELDS.some((f) => missing(e?.[f], b[f]))) dutchParts.push({ kind: 'bidder', bidderId: b.bidderId });
    return { ...b, strengths: pick(e?.strengths, b.strengths), concerns: pick(e?.concerns, b.concerns), conditions: pick(e?.conditions, b.conditions) };
  });
  delete texts.english;

  const enCriteria = new Map((en?.criteria ?? []).map((c) => [c.criterionId, c]));
  let criteriaInDutch = 0;
  const criteria = evening.criteria.map((c) => {
    const e = enCriteria.get(c.id);
    if (missing(e?.name, c.name) || missing(e?.explanation, c.explanation)) criteriaInDutch += 1;
    return { ...c, name: pick(e?.name, c.name), explanation: pick(e?.explanation, c.explanation) };
  });
  if (criteriaInDutch > 0) dutchParts.push({ kind: 'criteria', count: criteriaInDutch });
  if (evening.criteria.some((c) => Object.values(c.levelDescriptors).some(isWritten))) dutchParts.push({ kind: 'criterion-refinements' });

  const enScale = new Map((en?.scale ?? []).map((l) => [l.value, l]));
  // The product's own default grades are Buurtjury's text, not the organisers': their English is Buurtjury's too.
  const defaultNl = new Map(defaultVerbalScale('nl').levels.map((l) => [l.value, l]));
  const defaultEn = new Map(defaultVerbalScale('en').levels.map((l) => [l.value, l]));
  const builtIn = (l: ScaleLevel, field: 'label' | 'description'): string | undefined =>
    evening.scale.kind === 'verbal' && defaultNl.get(l.value)?.[field] === l[field] ? defaultEn.get(l.value)?.[field] : undefined;
  let levelsInDutch = 0;
  const levels = evening.scale.levels.map((l) => {
    const given = enScale.get(l.value);
    const e = {
      label: given?.label !== undefined && isWritten(given.label) ? given.label : builtIn(l, 'label'),
      description: given?.description !== undefined && isWritten(given.description) ? given.description : builtIn(l, 'description'),
    };
    if (missing(e?.label, l.label) || missing(e?.description, l.description)) levelsInDutch += 1;
    return { ...l, label: pick(e?.label, l.label), description: pick(e?.description, l.description) };
  });
  if (levelsInDutch > 0) dutchParts.push({ kind: 'scale', count: levelsInDutch });

  const criterionName = new Map(criteria.map((c) => [c.id, c.name]));
  const levelLabel = new Map(levels.map((l) => [l.value, l.label]));
  return {
    evening: { ...evening, criteria, scale: { ...evening.scale, levels } },
    results: {
      ...results,
      criteria: results.criteria.map((c) => ({ ...c, name: criterionName.get(c.id) ?? c.name })),
      scale: { ...results.scale, levels: results.scale.levels.map((l) => ({ ...l, label: levelLabel.get(l.value) ?? l.label })) },
    },
    advice: texts,
    dutchParts,
  };
}

/** The English versions with exactly one entry per bidder, criterion and scale grade of the evening (kept texts stay). */
export function alignEnglish(evening: Pick<EveningDetail, 'bidders' | 'criteria' | 'scale'>, english: EnglishVersions | undefined): EnglishVersions {
  const e = english ?? emptyEnglish();
  const bidders = new Map(e.bidders.map((b) => [b.bidderId, b]));
  const criteria = new Map(e.criteria.map((c) => [c.criterionId, c]));
  const levels = new Map(e.scale.map((l) => [l.value, l]));
  return {
    summary: e.summary,
    recommendation: e.recommendation,
    minorityViews: e.minorityViews,
    incidents: e.incidents,
    limitations: e.limitations,
    bidders: [...evening.bidders]
      .sort((a, b) => a.position - b.position)
      .map((b) => ({ bidderId: b.id, strengths: '', concerns: '', conditions: '', ...bidders.get(b.id) })),
    criteria: evening.criteria.map((c) => ({ criterionId: c.id, name: '', explanation: '', ...criteria.get(c.id) })),
    scale: evening.scale.levels.map((l) => ({ value: l.value, label: '', description: '', ...levels.get(l.value) })),
  };
}
