import type { Actor } from '../accounts/actor';

/** Who is on the other end of a socket, established once when it connects. */
export type SocketContext =
  | { role: 'attendee'; eveningId: string; attendeeId: string }
  | { role: 'host'; eveningId: string; actor: Actor }
  | { role: 'screen'; eveningId: string };
