import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * Notifications about running evenings. Services emit them; the notifier (gateway) turns them into
 * socket messages. Cross-feature side effects go through `DomainEvents` instead.
 */
export interface LiveEventMap {
  /** The programme state changed (a host command, an automatic close). */
  state: [eveningId: string];
  /** Ballots, attendees or ties changed: the tally is out of date. */
  tally: [eveningId: string];
  /** A place of the ranking was revealed. */
  reveal: [eveningId: string];
  /** Another node changed the evening's state; this node's copy was brought up to date (nothing to broadcast). */
  refreshed: [eveningId: string];
  /** An evening was loaded into memory (at first use, or after a restart). */
  loaded: [eveningId: string];
  /** The evening's personal data was deleted (retention): its phones can no longer connect. */
  purged: [eveningId: string];
  /** The host released this voter's ticket: their phone's connections close, telling it why. */
  released: [eveningId: string, attendeeId: string];
  /** Questions of the evening changed (asked, voted, moderated, settings): the boards are out of date, and so are these phones' own lists. */
  questions: [eveningId: string, attendeeIds: string[]];
}

@Injectable()
export class LiveEvents extends EventEmitter<LiveEventMap> {}
