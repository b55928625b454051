import type { InvitationView, MemberView, NetworkView, OrganiserView } from '@buurtjury/shared';
import type { InvitationEntity, NetworkEntity, OrganiserEntity } from '../infrastructure/database/schema/accounts';

export const toOrganiserView = (o: OrganiserEntity): OrganiserView => ({
  id: o.id,
  email: o.email,
  displayName: o.displayName,
  role: o.role,
});

export const toNetworkView = (n: NetworkEntity): NetworkView => ({ id: n.id, name: n.name });

export const toMemberView = (o: OrganiserEntity): MemberView => ({ ...toOrganiserView(o), joinedAt: o.createdAt.toISOString() });

export const toInvitationView = (i: InvitationEntity, invitedBy: string): InvitationView => ({
  id: i.id,
  email: i.email,
  role: i.role,
  invitedBy,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});
