/**
 * The ranking on the residents' criteria that map to one of the tender's award criteria, beside the
 * full ranking: the same counted ballots, the same majority judgment and verdict, the same seed,
 * but each ballot's overall grade is the weighted grade over the mapped criteria alone (their
 * weights relative to each other; a ballot counts overall when it grades at least
 * `overallMinWeight` percent of the mapped criteria's weight). It is not part of results.json:
 * the advice prints it as a comparison, and anyone can recompute it from the record with this
 * function.
 */

import { gradedWeight, weightedGrade } from '../live/ballot-rules';
import { prepareInput, type Prepared } from './prepare';
import { computeSection } from './section';
import type { ResultsInput, ResultsSection } from './types';

/**
 * The section over all counted ballots with only the given criteria in the overall grade; null
 * when none of them is a criterion of the input (no criterion maps to an award criterion). Throws
 * a `ResultsInputError` for input that cannot be counted, like `computeResults`.
 */
export function mappedCriteriaSection(input: ResultsInput, criterionIds: readonly string[]): ResultsSection | null {
  const prepared = prepareInput(input);
  const wanted = new Set(criterionIds);
  const criteria = prepared.criteria.filter((c) => wanted.has(c.id));
  if (criteria.length === 0) return null;
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  const min = prepared.settings.overallMinWeight;
  const counted = prepared.counted.map((b) => ({
    ...b,
    overall: gradedWeight(b.grades, criteria) * 100 >= min * total ? weightedGrade(b.grades, criteria) : null,
    partial: criteria.some((c) => b.grades[c.id] === undefined),
  }));
  const mapped: Prepared = { ...prepared, criteria, counted };
  return computeSection(mapped, counted);
}
