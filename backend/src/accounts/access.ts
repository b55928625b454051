import { may, problem, type Permission } from '@buurtjury/shared';
import { forbidden } from '../platform/common/app-error';
import type { Actor } from './actor';

// Each permission's refusal is the reason `forbidden.<permission>` of the shared vocabulary (shared/src/api/errors.ts).

/** The access check at the top of a service method: throws 403 FORBIDDEN unless the actor's role grants it. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!may(actor.role, permission)) throw forbidden(problem(`forbidden.${permission}`));
}
