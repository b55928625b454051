import { may, type Permission } from '@buurtjury/shared';
import { forbidden } from '../platform/common/app-error';
import type { Actor } from './actor';

const REFUSALS: Record<Permission, string> = {
  setup: 'Only the organisers can change an evening; a moderator cannot.',
  advice: 'Only the organisers can write or issue the advice and share it; a moderator cannot.',
  members: 'Only the organisers can invite people to the network, remove members or change their roles.',
  ownership: 'Only an owner can make someone owner, or change or remove an owner.',
  run: 'You cannot run this evening.',
  paper: 'You cannot enter paper ballots.',
  read: 'You cannot see this evening.',
  account: 'You cannot change this account.',
};

/** The access check at the top of a service method: throws 403 FORBIDDEN unless the actor's role grants it. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!may(actor.role, permission)) throw forbidden(REFUSALS[permission]);
}
