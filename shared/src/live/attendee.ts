import type { AttendeeRecord, CommittedBallot } from './live-evening';
import { WatchedMap, WatchedSet, type AttendeeObserver } from './tally-book';

/**
 * An attendee of a running evening. `joinedAt`, `ties` and `latest` feed the tally, which is kept up
 * to date per change: every change of them (also `ties.add`, `ties = ...`, `latest.set`,
 * `joinedAt = ...` from outside) is told to the evening's observer once made.
 */
export class Attendee implements AttendeeRecord {
  readonly #observer: AttendeeObserver;
  #joinedAt: Date;
  #ties: WatchedSet;
  readonly latest: WatchedMap<string, CommittedBallot>;

  constructor(
    readonly id: string,
    public tokenHash: string | null,
    public phoneSince: number,
    joinedAt: Date,
    public firstName: string,
    observer: AttendeeObserver,
  ) {
    this.#observer = observer;
    this.#joinedAt = joinedAt;
    this.#ties = this.watchedTies();
    this.latest = new WatchedMap((previous, next) => observer.ballot(this, previous, next));
  }

  get joinedAt(): Date {
    return this.#joinedAt;
  }

  set joinedAt(value: Date) {
    const before = this.#joinedAt;
    this.#joinedAt = value;
    this.#observer.joined(this, before);
  }

  get ties(): Set<string> {
    return this.#ties;
  }

  set ties(value: Set<string>) {
    const before = this.#ties;
    const after = (this.#ties = this.watchedTies(value));
    for (const bidderId of before) if (!after.has(bidderId)) this.#observer.tie(this, bidderId, false);
    for (const bidderId of after) if (!before.has(bidderId)) this.#observer.tie(this, bidderId, true);
  }

  private watchedTies(values?: Iterable<string>): WatchedSet {
    return new WatchedSet((bidderId, tied) => this.#observer.tie(this, bidderId, tied), values);
  }
}
