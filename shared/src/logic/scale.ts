import type { Language, Scale, ScaleLevel } from '../domain/setup';
import { LIMITS } from '../domain/limits';

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

/** Problems with a scale, as sentences; empty when the scale is usable. */
export function scaleProblems(scale: Scale): string[] {
  const problems: string[] = [];
  const { levels } = scale;
  if (levels.length < LIMITS.scaleLevelsMin || levels.length > LIMITS.scaleLevelsMax) {
    problems.push(`A scale has between ${LIMITS.scaleLevelsMin} and ${LIMITS.scaleLevelsMax} grades; this one has ${levels.length}.`);
  }
  const values = levels.map((l) => l.value);
  if (values.some((v) => !Number.isInteger(v) || v < 0 || v > 100)) {
    problems.push('Grade values are whole numbers from 0 to 100.');
  }
  if (new Set(values).size !== values.length) problems.push('Two grades have the same value.');
  for (let i = 1; i < values.length; i++) {
    if (values[i]! >= values[i - 1]!) {
      problems.push('List the grades from best (highest value) to worst (lowest value).');
      break;
    }
  }
  const labels = levels.map((l) => l.label.trim().toLowerCase());
  if (labels.some((l) => l.length === 0)) problems.push('Every grade needs a label.');
  if (new Set(labels).size !== labels.length) problems.push('Two grades have the same label.');
  if (scale.kind === 'numeric') {
    if (levels.some((l) => l.label.trim() !== String(l.value))) {
      problems.push('On a numeric scale each grade is labelled with its own number.');
    }
    for (let i = 1; i < values.length; i++) {
      if (values[i - 1]! - values[i]! !== 1) {
        problems.push('A numeric scale has no gaps (for example 1, 2, 3, 4, 5).');
        break;
      }
    }
  }
  return problems;
}
