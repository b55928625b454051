/**
 * Closing scoring and the ballots that arrive after it. A ballot that reaches the server after
 * scoring for its pitch closed is refused and not counted (there is no grace period); the server
 * keeps a minimal note of it (which phone, which pitch, when) so the host console, the audit trail
 * and the advice can say how many arrived too late. Pure functions, used by the server's live
 * tally and by the advice, so both count the same way.
 */

/** The evenings are held in the Netherlands: times a person reads are local there. */
export const EVENING_TIME_ZONE = 'Europe/Amsterdam';

let clock: Intl.DateTimeFormat | null = null;

/** "21:04": the time of day at the venue, as phones and the advice print it. */
export function venueClock(at: Date | string | number): string {
  clock ??= new Intl.DateTimeFormat('nl-NL', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: EVENING_TIME_ZONE });
  return clock.format(new Date(at));
}

/** One ballot refused because scoring for its pitch had closed. */
export interface LateBallotNote {
  attendeeId: string;
  bidderId: string;
  /** When it reached the server (ms since the epoch). */
  receivedAt: number;
}

export interface LateCount {
  /** Ballots that arrived too late and did not count, one per phone. */
  late: number;
  /** Of those, ballots that would have replaced an earlier ballot of the same phone, which counts. */
  changes: number;
}

/**
 * Per bidder, the late ballots that stayed uncounted. A late ballot is not counted as lost when
 * the same phone's ballot for that pitch was accepted after it (the host reopened scoring and the
 * phone sent again), nor when the phone declared a tie with the bidder (it would not have counted
 * either way). One per phone and pitch: the server keeps no second note.
 *
 * `latestBallot(attendeeId, bidderId)`: when that phone's counting ballot for the pitch was
 * accepted (ms), or null when it has none.
 */
export function lateCounts(
  notes: readonly LateBallotNote[],
  latestBallot: (attendeeId: string, bidderId: string) => number | null,
  tied: (attendeeId: string, bidderId: string) => boolean,
): Map<string, LateCount> {
  const counts = new Map<string, LateCount>();
  const seen = new Set<string>();
  for (const note of notes) {
    const key = `${note.attendeeId}\n${note.bidderId}`;
    if (seen.has(key) || tied(note.attendeeId, note.bidderId)) continue;
    seen.add(key);
    const accepted = latestBallot(note.attendeeId, note.bidderId);
    if (accepted !== null && accepted > note.receivedAt) continue;
    const count = counts.get(note.bidderId) ?? { late: 0, changes: 0 };
    count.late++;
    if (accepted !== null) count.changes++;
    counts.set(note.bidderId, count);
  }
  return counts;
}
