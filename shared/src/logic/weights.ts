import { problem, type Problem } from '../api/errors';

/** Weights are whole percentages; an evening's weights must add up to exactly 100. */
export const WEIGHT_TOTAL = 100;

export type WeightsCheck =
  | { ok: true; total: number }
  | { ok: false; total: number; reason: 'empty' | 'not-integer' | 'out-of-range' | 'wrong-total' };

export function checkWeights(weights: readonly number[]): WeightsCheck {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (weights.length === 0) return { ok: false, total, reason: 'empty' };
  if (weights.some((w) => !Number.isInteger(w))) return { ok: false, total, reason: 'not-integer' };
  if (weights.some((w) => w < 1 || w > WEIGHT_TOTAL)) return { ok: false, total, reason: 'out-of-range' };
  if (total !== WEIGHT_TOTAL) return { ok: false, total, reason: 'wrong-total' };
  return { ok: true, total };
}

/** The problem with its reason (the UI translates it) and a sentence in English (the API language). */
export function weightsIssue(check: WeightsCheck): Problem | null {
  if (check.ok) return null;
  switch (check.reason) {
    case 'empty':
      return problem('weightsEmpty');
    case 'not-integer':
      return problem('weightsNotWhole');
    case 'out-of-range':
      return problem('weightsOutOfRange');
    case 'wrong-total':
      return problem('weightsTotal', { total: check.total });
  }
}

/** A sentence a person can act on, in English (the API language); the UI translates by reason (`weightsIssue`). */
export function describeWeightsProblem(check: WeightsCheck): string | null {
  return weightsIssue(check)?.message ?? null;
}
