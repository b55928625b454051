import type { Language, Scale, ScaleLevel } from '../domain/setup';
import { LIMITS } from '../domain/limits';
import { problem, type Problem } from '../api/errors';

const VERBAL_NL: ScaleLevel[] = [
  { value: 5, label: 'Uitstekend', description: 'Overtuigt volledig: concreet, goed onderbouwd en duidelijk beter dan wat je zou verwachten.' },
  { value: 4, label: 'Goed', description: 'Sterk en geloofwaardig, met hooguit kleine zwakke plekken.' },
  { value: 3, label: 'Voldoende', description: 'Het basisniveau is gehaald; weinig dat eruit springt, niets wat echt ontbreekt.' },
  { value: 2, label: 'Matig', description: 'Er ontbreken belangrijke dingen of het blijft te vaag om op te vertrouwen.' },
  { value: 1, label: 'Onvoldoende', description: 'Gaat niet in op wat de wijk nodig heeft, of is niet geloofwaardig.' },
];

const VERBAL_EN: ScaleLevel[] = [
  { value: 5, label: 'Excellent', description: 'Fully convincing: concrete, well founded and clearly better than expected.' },
  { value: 4, label: 'Good', description: 'Strong and credible, with at most minor weak spots.' },
  { value: 3, label: 'Sufficient', description: 'Meets the basic level; little stands out, nothing essential is missing.' },
  { value: 2, label: 'Poor', description: 'Important things are missing, or it stays too vague to rely on.' },
  { value: 1, label: 'Insufficient', description: 'Does not address what the neighbourhood needs, or is not credible.' },
];

/** The default five-point verbal scale, in the evening's language. */
export function defaultVerbalScale(language: Language = 'nl'): Scale {
  return { kind: 'verbal', levels: (language === 'en' ? VERBAL_EN : VERBAL_NL).map((l) => ({ ...l })) };
}

/** A numeric scale from `min` to `max` (for example 1–5 or 1–10), best grade first. */
export function numericScale(min: number, max: number): Scale {
  const levels: ScaleLevel[] = [];
  for (let v = max; v >= min; v--) levels.push({ value: v, label: String(v), description: '' });
  return { kind: 'numeric', levels };
}

/** Problems with a scale, with their reasons; empty when the scale is usable. */
export function scaleIssues(scale: Scale): Problem[] {
  const problems: Problem[] = [];
  const { levels } = scale;
  if (levels.length < LIMITS.scaleLevelsMin || levels.length > LIMITS.scaleLevelsMax) {
    problems.push(problem('scaleSize', { min: LIMITS.scaleLevelsMin, max: LIMITS.scaleLevelsMax, count: levels.length }));
  }
  const values = levels.map((l) => l.value);
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 100)) {
    problems.push(problem('scaleValues'));
  }
  if (new Set(values).size !== values.length) problems.push(problem('scaleSameValue'));
  for (let i = 1; i < values.length; i++) {
    if (values[i]! >= values[i - 1]!) {
      problems.push(problem('scaleOrder'));
      break;
    }
  }
  const labels = levels.map((l) => l.label.trim().toLowerCase());
  if (labels.some((l) => l.length === 0)) problems.push(problem('scaleLabelMissing'));
  if (new Set(labels).size !== labels.length) problems.push(problem('scaleSameLabel'));
  if (scale.kind === 'numeric') {
    if (levels.some((l) => l.label.trim() !== String(l.value))) {
      problems.push(problem('scaleNumericLabels'));
    }
    for (let i = 1; i < values.length; i++) {
      if (values[i - 1]! - values[i]! !== 1) {
        problems.push(problem('scaleNumericGaps'));
        break;
      }
    }
  }
  return problems;
}

/** Problems with a scale, as sentences in English (the API language); empty when the scale is usable. */
export function scaleProblems(scale: Scale): string[] {
  return scaleIssues(scale).map((p) => p.message);
}
