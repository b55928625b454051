/** Moving one item of an ordered list (bidders, criteria) one place up or down. */

/** The ids with the item at `index` moved by `delta` places. */
export function movedIds(ids: readonly string[], index: number, delta: -1 | 1): string[] {
  const next = [...ids];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(index + delta, 0, moved);
  return next;
}

/**
 * After a move, keeps keyboard focus on the moved row: on the button pressed when it still
 * applies, otherwise on the other one (the row reached the top or the bottom).
 */
export function focusMovedRow(prefix: string, id: string, place: number, count: number, delta: -1 | 1): void {
  const preferred = delta === -1 ? (place > 0 ? 'up' : 'down') : place < count - 1 ? 'down' : 'up';
  document.getElementById(`${prefix}-${preferred}-${id}`)?.focus();
}
