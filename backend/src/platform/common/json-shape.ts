/** Deepest nesting a request body or socket message may have; the deepest real one (advice content) is 5. */
export const MAX_JSON_DEPTH = 32;
/** Most fields one object may have; the largest real one (a grade map, the setup) has fewer than 30. */
export const MAX_JSON_FIELDS = 100;
/** Most values (objects, arrays, scalars) a whole body may hold; a full advice draft holds about 2,000. */
export const MAX_JSON_VALUES = 20_000;

/**
 * Keys no request field has, that class-transformer mistakes for a class (`constructor`) or that
 * prototype-polluting merges look for. Refused before any DTO sees them: class-transformer throws
 * on a nested `{"constructor": 1}`, which over socket.io would be an uncaught exception.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a parsed JSON value is refused before validation, or null: nested deeper than `maxDepth`
 * (class-transformer recurses and overflows the stack), an object with more than
 * MAX_JSON_FIELDS fields or more than MAX_JSON_VALUES values in all (validating thousands of
 * unknown fields costs a request's worth of CPU and a list of every one of them), or a reserved
 * key. Stops at the first problem; iterative, so any depth is safe to check.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  let values = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (++values > MAX_JSON_VALUES) return `it holds more than ${MAX_JSON_VALUES} values`;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return `it is nested more than ${maxDepth} levels deep`;
    if (Array.isArray(current)) {
      if (values + current.length > MAX_JSON_VALUES) return `it holds more than ${MAX_JSON_VALUES} values`;
      for (const item of current as unknown[]) stack.push([item, depth + 1]);
      continue;
    }
    let fields = 0;
    for (const key in current) {
      if (!Object.prototype.hasOwnProperty.call(current, key)) continue;
      if (++fields > MAX_JSON_FIELDS) return `an object has more than ${MAX_JSON_FIELDS} fields`;
      if (RESERVED_KEYS.has(key)) return `the field name ${key} is not allowed`;
      stack.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}
