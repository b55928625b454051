import { overallGrade } from './ballot-rules';

/** What the tally reads of one attendee: when they joined, their ties and their latest ballot per bidder. */
export interface TallyMember {
  readonly id: string;
  readonly joinedAt: Date;
  readonly ties: ReadonlySet<string>;
  readonly latest: ReadonlyMap<string, { readonly bidderId: string; readonly grades: Readonly<Record<string, number>> }>;
}

/** The phones' part of one pitch's tally, kept up to date per change. */
export interface BidderCounts {
  /** Counted ballots (latest per attendee, not tied). */
  ballots: number;
  excludedForTies: number;
  criteriaOnly: number;
  tiesDeclared: number;
  /** Counted ballots that grade each criterion (no entry at 0). */
  perCriterion: Map<string, number>;
  /** The counted ballots' overall grades (those that have one), ascending. */
  overall: number[];
  /** When each attendee tied to the bidder joined (ms). */
  tiedJoined: Map<string, number>;
}

/** Index of the first element of the ascending `sorted` that is at least (`strict`: above) `value`. */
export function boundIn(sorted: readonly number[], value: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid]!;
    if (x < value || (strict && x === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The ascending merge of two ascending lists. */
export const mergeSorted = (a: readonly number[], b: readonly number[]): number[] => {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]! <= b[j]! ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
};
const insertSorted = (sorted: number[], value: number): void => {
  const at = boundIn(sorted, value, true);
  if (at === sorted.length) sorted.push(value);
  else sorted.splice(at, 0, value);
};

const removeSorted = (sorted: number[], value: number): boolean => {
  const at = boundIn(sorted, value, false);
  if (sorted[at] !== value) return false;
  if (at === sorted.length - 1) sorted.pop();
  else sorted.splice(at, 1);
  return true;
};

/**
 * The sums behind LiveEvening's tally, kept per attendee change instead of walking every attendee
 * on every tally: an attendee's contribution is taken out before it changes and put back after
 * (`remove`, `add`). Exactly what the walk over all attendees counts (the spec checks it over random
 * evenings); `broken` tells the owner to build it again should a removal not find what was added.
 */
export class TallyBook {
  /** When each attendee joined (ms), ascending. */
  readonly joined: number[] = [];
  readonly bidders: ReadonlyMap<string, BidderCounts>;
  broken = false;

  constructor(
    bidderIds: readonly string[],
    private readonly criteria: readonly { id: string; weight: number }[],
  ) {
    this.bidders = new Map(
      bidderIds.map((id) => [id, { ballots: 0, excludedForTies: 0, criteriaOnly: 0, tiesDeclared: 0, perCriterion: new Map(), overall: [], tiedJoined: new Map() }]),
    );
  }

  add(a: TallyMember): void {
    this.count(a, 1);
  }

  remove(a: TallyMember): void {
    this.count(a, -1);
  }

  /** Attendees that joined no later than `deadline` (ms). */
  joinedBy(deadline: number): number {
    return boundIn(this.joined, deadline, true);
  }

  private count(a: TallyMember, sign: 1 | -1): void {
    const joined = a.joinedAt.getTime();
    if (sign > 0) insertSorted(this.joined, joined);
    else if (!removeSorted(this.joined, joined)) this.broken = true;
    for (const bidderId of a.ties) {
      const t = this.bidders.get(bidderId);
      if (!t) continue;
      t.tiesDeclared += sign;
      if (sign > 0) t.tiedJoined.set(a.id, joined);
      else t.tiedJoined.delete(a.id);
    }
    for (const b of a.latest.values()) {
      const t = this.bidders.get(b.bidderId);
      if (!t) continue;
      if (a.ties.has(b.bidderId)) {
        t.excludedForTies += sign;
        continue;
      }
      t.ballots += sign;
      const overall = overallGrade(b.grades, this.criteria);
      if (overall === null) t.criteriaOnly += sign;
      else if (sign > 0) insertSorted(t.overall, overall);
      else if (!removeSorted(t.overall, overall)) this.broken = true;
      for (const criterionId of Object.keys(b.grades)) {
        const n = (t.perCriterion.get(criterionId) ?? 0) + sign;
        if (n === 0) t.perCriterion.delete(criterionId);
        else t.perCriterion.set(criterionId, n);
      }
    }
  }
}

/** Runs a change of an attendee's tally data (the tally takes the attendee out before and back in after). */
export type AttendeeChange = (mutate: () => void) => void;

/** An attendee's ties: a Set whose changes go through `change`, so the tally follows them. */
export class WatchedSet<T> extends Set<T> {
  readonly #change: AttendeeChange;

  constructor(change: AttendeeChange, values?: Iterable<T>) {
    super();
    this.#change = change;
    if (values) for (const v of values) super.add(v);
  }

  override add(value: T): this {
    if (!this.has(value)) this.#change(() => super.add(value));
    return this;
  }

  override delete(value: T): boolean {
    if (!this.has(value)) return false;
    this.#change(() => super.delete(value));
    return true;
  }

  override clear(): void {
    if (this.size > 0) this.#change(() => super.clear());
  }
}

/** An attendee's latest ballots: a Map whose changes go through `change`, so the tally follows them. */
export class WatchedMap<K, V> extends Map<K, V> {
  readonly #change: AttendeeChange;

  constructor(change: AttendeeChange) {
    super();
    this.#change = change;
  }

  override set(key: K, value: V): this {
    this.#change(() => super.set(key, value));
    return this;
  }

  override delete(key: K): boolean {
    if (!this.has(key)) return false;
    this.#change(() => super.delete(key));
    return true;
  }

  override clear(): void {
    if (this.size > 0) this.#change(() => super.clear());
  }
}
