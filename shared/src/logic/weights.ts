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

/** A sentence a person can act on, in English (the API language); the UI translates by reason. */
export function describeWeightsProblem(check: WeightsCheck): string | null {
  if (check.ok) return null;
  switch (check.reason) {
    case 'empty':
      return 'Add at least one criterion with a weight.';
    case 'not-integer':
      return 'Weights are whole percentages.';
    case 'out-of-range':
      return 'Each weight is between 1 and 100 percent.';
    case 'wrong-total':
      return `The weights add up to ${check.total} %; they must add up to exactly 100 %.`;
  }
}
