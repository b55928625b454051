import type { ConnectionEnded } from '@buurtjury/shared';

export { TICKET_RELEASED } from '../live/live-evening';

/** Why a host connection was closed: its organiser session is over. */
export const SESSION_ENDED = {
  code: 'SESSION_ENDED',
  message: 'Your organiser session has ended (logged out, ended on another device, expired, or your account was removed). Log in again to continue.',
} as const satisfies ConnectionEnded;
