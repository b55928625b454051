import { jsonShapeProblem, MAX_JSON_DEPTH } from './json-shape';

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: [nested(depth - 1)] });

describe('jsonShapeProblem', () => {
  it('accepts ordinary bodies, scalars and nesting up to the limit', () => {
    expect(jsonShapeProblem({ title: 'Avond', tender: { name: 'X' }, weights: [{ criterionId: 'c', weight: 50 }] })).toBeNull();
    expect(jsonShapeProblem(null)).toBeNull();
    expect(jsonShapeProblem('text')).toBeNull();
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH / 2))).toBeNull();
  });

  it('refuses nesting beyond the limit without recursing', () => {
    expect(jsonShapeProblem(nested(MAX_JSON_DEPTH))).toMatch(/nested more than 32 levels/);
    expect(jsonShapeProblem(JSON.parse('['.repeat(50_000) + ']'.repeat(50_000)))).toMatch(/nested/);
  });

  it('refuses reserved keys at any level', () => {
    expect(jsonShapeProblem({ title: { constructor: 1 } })).toBe('the field name constructor is not allowed');
    expect(jsonShapeProblem(JSON.parse('{"a":[{"__proto__":{"x":1}}]}'))).toBe('the field name __proto__ is not allowed');
    expect(jsonShapeProblem({ prototype: null })).toBe('the field name prototype is not allowed');
  });
});
