import type { Actor } from '../accounts/actor';

/**
 * Who is on the other end of a socket, established when it connects. An attendee's connection
 * counts only while its token is the voter's current phone (a released ticket ends it); a host's
 * only while its session lasts (rechecked on every command, and closed when it ends).
 */
export type SocketContext =
  | { role: 'attendee'; eveningId: string; attendeeId: string; tokenHash: string }
  | { role: 'host'; eveningId: string; actor: Actor; sessionId: string; sessionExpiresAt: number }
  /** `byOrganiser`: opened by a logged-in organiser of the evening's network; not counted against SCREENS_PER_EVENING. */
  | { role: 'screen'; eveningId: string; byOrganiser?: boolean };
