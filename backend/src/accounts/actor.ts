import type { OrganiserRole } from '@buurtjury/shared';

/** Who is making a request, as established by the auth guard. Services check access against it. */
export interface Actor {
  organiserId: string;
  networkId: string;
  role: OrganiserRole;
  displayName: string;
  /** The session the request came with (absent for actors made outside a request, such as the demo seed). */
  sessionId?: string;
}
