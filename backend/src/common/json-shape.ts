/** Deepest nesting a request body or socket message may have; the deepest real one (advice content) is 5. */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys no request field has, that class-transformer mistakes for a class (`constructor`) or that
 * prototype-polluting merges look for. Refused before any DTO sees them: class-transformer throws
 * on a nested `{"constructor": 1}`, which over socket.io would be an uncaught exception.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a parsed JSON value is refused before validation, or null: nested deeper than `maxDepth`
 * (class-transformer recurses and overflows the stack) or holding a reserved key. Iterative, so
 * any depth is safe to check.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return `it is nested more than ${maxDepth} levels deep`;
    for (const key of Object.keys(current)) {
      if (RESERVED_KEYS.has(key)) return `the field name ${key} is not allowed`;
      stack.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}
