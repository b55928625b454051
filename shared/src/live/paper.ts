import type { PaperCardStatus } from '../domain/evening';

/**
 * Paper score cards, for residents without a phone. Each card is typed in twice, by two different
 * moderator accounts; it counts only when both entries agree on every grade and on the remark.
 * Buurtjury can tell accounts apart, not persons: one person with two accounts could type a card
 * twice, so the advice says so and names the accounts that typed cards.
 *
 * When entries close: at the end of the evening (the host's "end the evening", the moment the
 * final tally is logged and the results can be shown). After that no card can be entered or
 * withdrawn. A pitch has only the cards that existed when it started: raising the number of
 * cards later adds cards for later pitches, never for a pitch already given.
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

/** What the rules below read from the evening's audit trail. */
export interface PaperTrailEntry {
  sequence: number;
  type: string;
  detail: Readonly<Record<string, unknown>>;
}

/**
 * The number of cards per pitch that existed when this pitch started: the last "paper cards
 * printed" number logged before the pitch's first "pitch started" entry (0 when none was). Null
 * when the trail shows no start of this pitch.
 */
export function cardsBeforePitch(trail: readonly PaperTrailEntry[], bidderId: string): number | null {
  let printed = 0;
  for (const e of [...trail].sort((a, b) => a.sequence - b.sequence)) {
    if (e.type === 'paper-cards-printed' && typeof e.detail.to === 'number') printed = e.detail.to;
    else if (e.type === 'pitch-started' && e.detail.bidderId === bidderId) return printed;
  }
  return null;
}

/** One typed entry, as the conduct summary needs it. */
export interface PaperEntryTimed extends PaperEntryLike {
  bidderId: string;
  cardNumber: number;
  enteredByName: string;
  enteredAt: Date;
  withdrawnAt: Date | null;
}

/** How paper entry went, for the advice's participation section. */
export interface PaperConduct {
  /** When entry closed: the end of the evening (null before it ended). */
  closedAt: string | null;
  /** Cards that count (two agreeing entries). */
  counted: number;
  /** When the first entry of a counted card was typed, and when the last counted card was completed. */
  firstEnteredAt: string | null;
  lastCompletedAt: string | null;
  /**
   * Counted cards completed after entry closed, with the time (only on evenings held before entry
   * closed at the end: such cards could change the outcome after the results were known).
   */
  late: { card: string; at: string }[];
  /** Cards with entries that do not count: only one entry, or two that differ. */
  oneEntry: number;
  disagreed: number;
  /** The moderator accounts whose entries make up the counted cards, by name, sorted. */
  accounts: string[];
}

/** Sums up the entries of an evening (withdrawn ones included; they do not count). */
export function paperConduct(entries: readonly PaperEntryTimed[], position: ReadonlyMap<string, number>, closedAt: Date | null): PaperConduct {
  const cards = new Map<string, PaperEntryTimed[]>();
  const current = entries.filter((e) => e.withdrawnAt === null).sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime());
  for (const e of current) {
    const key = `${e.bidderId}\n${e.cardNumber}`;
    const card = cards.get(key);
    if (card) card.push(e);
    else cards.set(key, [e]);
  }
  let counted = 0;
  let oneEntry = 0;
  let disagreed = 0;
  let first: number | null = null;
  let last: number | null = null;
  const late: { card: string; at: string; time: number }[] = [];
  const accounts = new Set<string>();
  for (const card of cards.values()) {
    const state = paperCardState(card).status;
    if (state === 'one-entry') oneEntry++;
    else if (state === 'disagreed') disagreed++;
    if (state !== 'agreed') continue;
    counted++;
    const started = card[0]!.enteredAt.getTime();
    const completed = card[1]!.enteredAt.getTime();
    first = first === null ? started : Math.min(first, started);
    last = last === null ? completed : Math.max(last, completed);
    for (const e of card.slice(0, 2)) accounts.add(e.enteredByName);
    if (closedAt && completed > closedAt.getTime()) {
      late.push({ card: paperCardLabel(position.get(card[0]!.bidderId) ?? 0, card[0]!.cardNumber), at: new Date(completed).toISOString(), time: completed });
    }
  }
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    closedAt: closedAt ? closedAt.toISOString() : null,
    counted,
    firstEnteredAt: iso(first),
    lastCompletedAt: iso(last),
    late: late.sort((a, b) => a.time - b.time || a.card.localeCompare(b.card)).map(({ card, at }) => ({ card, at })),
    oneEntry,
    disagreed,
    accounts: [...accounts].sort((a, b) => a.localeCompare(b)),
  };
}
