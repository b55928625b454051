import type { LateBallotNote } from './closing';
import type { BallotProgressState } from './types';

export type Busy = Exclude<BallotProgressState, 'idle'>;

/**
 * What the host needs to know before closing scoring, kept in memory per running evening: per
 * pitch, the phones whose owner is filling in its form or has a ballot waiting on the phone (as
 * the phones report it), which phones are connected, and the ballots that arrived after scoring
 * closed (loaded from and written to the database by the ballots feature). Held by LiveEvening.
 */
export class ProgressBook {
  /** Per bidder id, per attendee id: filling in, or a ballot waiting on the phone. */
  private readonly busy = new Map<string, Map<string, Busy>>();
  /** Open connections per attendee. */
  private readonly connections = new Map<string, number>();
  /** Ballots refused because scoring had closed, one per phone and pitch. */
  readonly late: LateBallotNote[] = [];
  private readonly lateKeys = new Set<string>();

  /** Records what a phone reports; true when it changed what the host sees. */
  report(attendeeId: string, bidderId: string, state: BallotProgressState): boolean {
    const pitch = this.busy.get(bidderId);
    if (state === 'idle') return pitch?.delete(attendeeId) ?? false;
    if (pitch?.get(attendeeId) === state) return false;
    if (pitch) pitch.set(attendeeId, state);
    else this.busy.set(bidderId, new Map([[attendeeId, state]]));
    return true;
  }

  /** The phone's ballot for the pitch was stored: it is no longer busy with it. */
  stored(attendeeId: string, bidderId: string): void {
    this.busy.get(bidderId)?.delete(attendeeId);
  }

  /** Scoring for the pitch closed: what was still being filled in can no longer be sent. */
  closed(bidderId: string): void {
    this.busy.delete(bidderId);
  }

  /** A connection of the attendee opened. */
  connected(attendeeId: string): void {
    this.connections.set(attendeeId, (this.connections.get(attendeeId) ?? 0) + 1);
  }

  /** A connection of the attendee closed; true when that leaves a busy phone without a connection. */
  disconnected(attendeeId: string): boolean {
    const n = (this.connections.get(attendeeId) ?? 0) - 1;
    if (n > 0) {
      this.connections.set(attendeeId, n);
      return false;
    }
    this.connections.delete(attendeeId);
    for (const pitch of this.busy.values()) if (pitch.has(attendeeId)) return true;
    return false;
  }

  isConnected(attendeeId: string): boolean {
    return this.connections.has(attendeeId);
  }

  /**
   * For one pitch: connected phones filling in, connected phones with a ballot waiting, and
   * phones busy with it that lost their connection. `excluded`: phones that may not score it
   * (for example a tie declared since).
   */
  counts(bidderId: string, excluded: (attendeeId: string) => boolean): { filling: number; waiting: number; disconnected: number } {
    const result = { filling: 0, waiting: 0, disconnected: 0 };
    for (const [attendeeId, state] of this.busy.get(bidderId) ?? []) {
      if (excluded(attendeeId)) continue;
      if (!this.connections.has(attendeeId)) result.disconnected++;
      else result[state]++;
    }
    return result;
  }

  /** Notes a ballot that arrived too late; false when this phone already has a note for the pitch. */
  noteLate(note: LateBallotNote): boolean {
    const key = `${note.attendeeId}\n${note.bidderId}`;
    if (this.lateKeys.has(key)) return false;
    this.lateKeys.add(key);
    this.late.push(note);
    return true;
  }

  /** Takes back a note that could not be stored. */
  forgetLate(note: LateBallotNote): void {
    const key = `${note.attendeeId}\n${note.bidderId}`;
    if (!this.lateKeys.delete(key)) return;
    const i = this.late.findIndex((n) => n.attendeeId === note.attendeeId && n.bidderId === note.bidderId);
    if (i >= 0) this.late.splice(i, 1);
  }
}
