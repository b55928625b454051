import type { AttendeeRecord, CommittedBallot } from './live-evening';
import { WatchedMap, WatchedSet, type AttendeeChange } from './tally-book';

/**
 * An attendee of a running evening. `joinedAt`, `ties` and `latest` feed the tally, which is kept up
 * to date per change: every change of them (also `ties.add`, `ties = ...`, `latest.set` from outside)
 * goes through the evening's `change`.
 */
export class Attendee implements AttendeeRecord {
  readonly #change: AttendeeChange;
  #joinedAt: Date;
  #ties: WatchedSet<string>;
  readonly latest: WatchedMap<string, CommittedBallot>;

  constructor(
    readonly id: string,
    public tokenHash: string | null,
    public phoneSince: number,
    joinedAt: Date,
    public firstName: string,
    change: (a: Attendee, mutate: () => void) => void,
  ) {
    this.#change = (mutate) => change(this, mutate);
    this.#joinedAt = joinedAt;
    this.#ties = new WatchedSet(this.#change);
    this.latest = new WatchedMap(this.#change);
  }

  get joinedAt(): Date {
    return this.#joinedAt;
  }

  set joinedAt(value: Date) {
    this.#change(() => (this.#joinedAt = value));
  }

  get ties(): Set<string> {
    return this.#ties;
  }

  set ties(value: Set<string>) {
    this.#change(() => (this.#ties = new WatchedSet(this.#change, value)));
  }
}
