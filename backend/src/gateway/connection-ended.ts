import { problem, type ConnectionEnded } from '@buurtjury/shared';

export { TICKET_RELEASED } from '@buurtjury/shared';

/** Why a host connection was closed: its organiser session is over. */
export const SESSION_ENDED: ConnectionEnded = { code: 'SESSION_ENDED', ...problem('sessionEnded') };
