import type { PaperCardStatus } from '../api/rest';

/**
 * Paper score cards, for residents without a phone. Each card is typed in by two different
 * moderators; it counts only when both entries agree on every grade and on the remark.
 */

export interface PaperEntryLike {
  enteredById: string;
  grades: Record<string, number>;
  remark: string;
}

/** Printed on the card: the pitch's position and the card number, e.g. "2-017". */
export function paperCardLabel(pitchPosition: number, cardNumber: number): string {
  return `${pitchPosition}-${String(cardNumber).padStart(3, '0')}`;
}

/** Remarks are compared as typed, ignoring surrounding spaces, runs of spaces and letter case. */
function sameRemark(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return norm(a) === norm(b);
}

/** Criterion ids (and "remark") on which two entries of the same card differ. */
export function paperDifferences(a: PaperEntryLike, b: PaperEntryLike): string[] {
  const keys = [...new Set([...Object.keys(a.grades), ...Object.keys(b.grades)])].sort();
  const differences = keys.filter((k) => a.grades[k] !== b.grades[k]);
  if (!sameRemark(a.remark, b.remark)) differences.push('remark');
  return differences;
}

/** The state of a card from its current (not withdrawn) entries. */
export function paperCardState(entries: readonly PaperEntryLike[]): { status: PaperCardStatus; differences: string[] } {
  if (entries.length === 0) return { status: 'unentered', differences: [] };
  if (entries.length === 1) return { status: 'one-entry', differences: [] };
  const differences = paperDifferences(entries[0]!, entries[1]!);
  return { status: differences.length === 0 ? 'agreed' : 'disagreed', differences };
}
