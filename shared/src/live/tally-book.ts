import { overallGrade } from './ballot-rules';

type Ballot = { readonly bidderId: string; readonly grades: Readonly<Record<string, number>> };

/** What the tally reads of one attendee: when they joined, their ties and their latest ballot per bidder. */
export interface TallyMember {
  readonly id: string;
  readonly joinedAt: Date;
  readonly ties: ReadonlySet<string>;
  readonly latest: ReadonlyMap<string, Ballot>;
}

/**
 * Told of every change of an attendee's tally data, after it is made: a latest ballot set or
 * removed, a tie declared or withdrawn, the join time moved.
 */
export interface AttendeeObserver {
  ballot(a: TallyMember, previous: Ballot | undefined, next: Ballot | undefined): void;
  tie(a: TallyMember, bidderId: string, tied: boolean): void;
  joined(a: TallyMember, before: Date): void;
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
  /** How many counted ballots have each overall grade. */
  overall: Map<number, number>;
  /** The overall grades ascending, made from `overall` when asked for (null: to be made again). */
  sorted: number[] | null;
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

const bump = <K>(counts: Map<K, number>, key: K, by: number): void => {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
};

/**
 * The sums behind LiveEvening's tally, kept per change instead of walking every attendee on every
 * tally: an attendee's whole contribution when they are added or removed (`add`, `remove`), and
 * per ballot, tie or join time as those change (the AttendeeObserver calls). Exactly what the walk
 * over all attendees counts (the spec checks it over random evenings); `broken` tells the owner to
 * build it again should a removal not find what was added.
 */
export class TallyBook implements AttendeeObserver {
  /** When each attendee joined (ms), ascending. */
  readonly joinedTimes: number[] = [];
  readonly bidders: ReadonlyMap<string, BidderCounts>;
  broken = false;

  constructor(
    bidderIds: readonly string[],
    private readonly criteria: readonly { id: string; weight: number }[],
  ) {
    this.bidders = new Map(
      bidderIds.map((id) => [
        id,
        { ballots: 0, excludedForTies: 0, criteriaOnly: 0, tiesDeclared: 0, perCriterion: new Map(), overall: new Map(), sorted: [], tiedJoined: new Map() },
      ]),
    );
  }

  add(a: TallyMember): void {
    this.member(a, 1);
  }

  remove(a: TallyMember): void {
    this.member(a, -1);
  }

  /** Attendees that joined no later than `deadline` (ms). */
  joinedBy(deadline: number): number {
    return boundIn(this.joinedTimes, deadline, true);
  }

  /** The counted phone ballots' overall grades for the bidder, ascending (not to be changed). */
  sortedOverall(c: BidderCounts): readonly number[] {
    if (c.sorted) return c.sorted;
    const sorted: number[] = [];
    for (const grade of [...c.overall.keys()].sort((x, y) => x - y)) for (let n = c.overall.get(grade)!; n > 0; n--) sorted.push(grade);
    return (c.sorted = sorted);
  }

  ballot(a: TallyMember, previous: Ballot | undefined, next: Ballot | undefined): void {
    if (previous) this.countBallot(a, previous, -1);
    if (next) this.countBallot(a, next, 1);
  }

  tie(a: TallyMember, bidderId: string, tied: boolean): void {
    const t = this.bidders.get(bidderId);
    if (!t) return;
    const sign = tied ? 1 : -1;
    t.tiesDeclared += sign;
    if (tied) t.tiedJoined.set(a.id, a.joinedAt.getTime());
    else t.tiedJoined.delete(a.id);
    // The attendee's ballots for the bidder move between counted and excluded.
    for (const b of a.latest.values()) {
      if (b.bidderId !== bidderId) continue;
      t.excludedForTies += sign;
      this.countGrades(t, b, -sign as 1 | -1);
    }
  }

  joined(a: TallyMember, before: Date): void {
    if (!removeSorted(this.joinedTimes, before.getTime())) this.broken = true;
    const joined = a.joinedAt.getTime();
    insertSorted(this.joinedTimes, joined);
    for (const bidderId of a.ties) this.bidders.get(bidderId)?.tiedJoined.set(a.id, joined);
  }

  private member(a: TallyMember, sign: 1 | -1): void {
    const joined = a.joinedAt.getTime();
    if (sign > 0) insertSorted(this.joinedTimes, joined);
    else if (!removeSorted(this.joinedTimes, joined)) this.broken = true;
    for (const bidderId of a.ties) {
      const t = this.bidders.get(bidderId);
      if (!t) continue;
      t.tiesDeclared += sign;
      if (sign > 0) t.tiedJoined.set(a.id, joined);
      else t.tiedJoined.delete(a.id);
    }
    for (const b of a.latest.values()) this.countBallot(a, b, sign);
  }

  private countBallot(a: TallyMember, b: Ballot, sign: 1 | -1): void {
    const t = this.bidders.get(b.bidderId);
    if (!t) return;
    if (a.ties.has(b.bidderId)) t.excludedForTies += sign;
    else this.countGrades(t, b, sign);
  }

  /** A counted ballot's part: its count, overall grade (or none) and the criteria it grades. */
  private countGrades(t: BidderCounts, b: Ballot, sign: 1 | -1): void {
    t.ballots += sign;
    const overall = overallGrade(b.grades, this.criteria);
    if (overall === null) t.criteriaOnly += sign;
    else {
      if (sign < 0 && !t.overall.has(overall)) this.broken = true;
      bump(t.overall, overall, sign);
      t.sorted = null;
    }
    for (const criterionId of Object.keys(b.grades)) bump(t.perCriterion, criterionId, sign);
  }
}

/** An attendee's ties: a Set that tells `observe` of each tie declared or withdrawn. */
export class WatchedSet extends Set<string> {
  readonly #observe: (bidderId: string, tied: boolean) => void;

  constructor(observe: (bidderId: string, tied: boolean) => void, values?: Iterable<string>) {
    super();
    this.#observe = observe;
    if (values) for (const v of values) super.add(v);
  }

  override add(value: string): this {
    if (this.has(value)) return this;
    super.add(value);
    this.#observe(value, true);
    return this;
  }

  override delete(value: string): boolean {
    if (!super.delete(value)) return false;
    this.#observe(value, false);
    return true;
  }

  override clear(): void {
    for (const value of [...this]) this.delete(value);
  }
}

/** An attendee's latest ballots: a Map that tells `observe` of each ballot set or removed. */
export class WatchedMap<K, V> extends Map<K, V> {
  readonly #observe: (previous: V | undefined, next: V | undefined) => void;

  constructor(observe: (previous: V | undefined, next: V | undefined) => void) {
    super();
    this.#observe = observe;
  }

  override set(key: K, value: V): this {
    const previous = this.get(key);
    super.set(key, value);
    this.#observe(previous, value);
    return this;
  }

  override delete(key: K): boolean {
    if (!this.has(key)) return false;
    const previous = this.get(key);
    super.delete(key);
    this.#observe(previous, undefined);
    return true;
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }
}
