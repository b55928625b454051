import type { OrganiserRole } from '../domain/roles';

/**
 * What each organiser role may do within its own network. The backend checks these in every
 * service method; the frontend uses them only to hide what would be refused anyway.
 *
 * - setup: create, edit, freeze and delete evenings, set their rules, make tickets.
 * - advice: write and issue the advice, make and withdraw committee links.
 * - members: invite and withdraw invitations, remove members and change their roles (not an owner's).
 * - ownership: make someone owner, and change or remove an owner (a network always keeps one).
 * - run: the host console (pitches, scoring, screen, reveal) and releasing a ticket at the door.
 * - paper: print paper score cards and enter them.
 * - read: see evenings, results, the advice, the audit trail and the tickets.
 * - account: their own account: change the password, see and end their own sessions.
 */
export const PERMISSIONS = ['setup', 'advice', 'members', 'ownership', 'run', 'paper', 'read', 'account'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<OrganiserRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  'co-organiser': ['setup', 'advice', 'members', 'run', 'paper', 'read', 'account'],
  moderator: ['run', 'paper', 'read', 'account'],
};

export function may(role: OrganiserRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
