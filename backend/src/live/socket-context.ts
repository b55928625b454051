import type { Actor } from '../accounts/actor';

/** Who is on the other end of a socket, established once when it connects. */
export type SocketContext =
  | { role: 'attendee'; eveningId: string; attendeeId: string }
  | { role: 'host'; eveningId: string; actor: Actor }
  /** `byOrganiser`: opened by a logged-in organiser of the evening's network; not counted against SCREENS_PER_EVENING. */
  | { role: 'screen'; eveningId: string; byOrganiser?: boolean };
