import { checkWeights, describeWeightsProblem } from './weights';

describe('checkWeights', () => {
  it('accepts whole percentages that add up to exactly 100', () => {
    expect(checkWeights([20, 25, 15, 15, 15, 10])).toEqual({ ok: true, total: 100 });
    expect(checkWeights([100])).toEqual({ ok: true, total: 100 });
  });

  it('refuses a total other than 100 and says what the total is', () => {
    const check = checkWeights([30, 30, 35]);
    expect(check).toEqual({ ok: false, total: 95, reason: 'wrong-total' });
    expect(describeWeightsProblem(check)).toBe('The weights add up to 95 %; they must add up to exactly 100 %.');
    expect(checkWeights([50, 51])).toMatchObject({ ok: false, total: 101, reason: 'wrong-total' });
  });

  it('refuses fractions, zero or negative weights, and an empty list', () => {
    expect(checkWeights([33.5, 66.5])).toMatchObject({ ok: false, reason: 'not-integer' });
    expect(checkWeights([0, 100])).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(checkWeights([-10, 110])).toMatchObject({ ok: false, reason: 'out-of-range' });
    expect(checkWeights([])).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('has no problem to describe when the weights are fine', () => {
    expect(describeWeightsProblem(checkWeights([40, 60]))).toBeNull();
  });
});
