/**
 * Owner and co-organisers prepare evenings and write the advice; a moderator runs the console
 * and enters paper ballots but cannot change a setup or the advice. See `shared/src/logic/access.ts`.
 */
export const ORGANISER_ROLES = ['owner', 'co-organiser', 'moderator'] as const;
export type OrganiserRole = (typeof ORGANISER_ROLES)[number];
/** The roles an invitation can give. */
export const INVITED_ROLES = ['co-organiser', 'moderator'] as const;
export type InvitedRole = (typeof INVITED_ROLES)[number];

export const NETWORK_EVENT_TYPES = ['member-removed', 'role-changed', 'password-changed', 'sessions-ended'] as const;
/** Changes to the network's accounts that are kept as a record for the organisers. */
export type NetworkEventType = (typeof NETWORK_EVENT_TYPES)[number];
