import { Inject, Injectable } from '@nestjs/common';
import { requirePermission } from './access';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, MoreThan, Repository, type EntityManager } from 'typeorm';
import type {
  CreatedInvitationResponse,
  InvitedRole,
  InvitationPreview,
  InvitationView,
  MemberView,
  NetworkEventView,
  OrganiserRole,
  Language,
} from '@buurtjury/shared';
import { problem } from '@buurtjury/shared';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { badRequest, conflict, notFound } from '../platform/common/app-error';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { MetaService } from '../meta/meta.service';
import { MailService } from '../infrastructure/mail/mail.service';
import type { Actor } from './actor';
import { InvitationEntity, NetworkEntity, NetworkEventEntity, OrganiserEntity, SessionEntity } from '../infrastructure/database/schema/accounts';
import { toInvitationView, toMemberView } from './mappers';
import { SessionEvents } from './session-events';
import { DAY_MS, newToken, tokenHash } from './tokens';

/** How many of the network's account changes the members page shows. */
const EVENTS_SHOWN = 50;


/** The members of a resident network and invitations for co-organisers. */
@Injectable()
export class NetworkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: DatabaseWriter,
    private readonly meta: MetaService,
    private readonly mail: MailService,
    private readonly sessionEvents: SessionEvents,
    @InjectRepository(OrganiserEntity) private readonly organisers: Repository<OrganiserEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>,
    @InjectRepository(NetworkEventEntity) private readonly networkEvents: Repository<NetworkEventEntity>,
  ) {}

  async members(actor: Actor): Promise<MemberView[]> {
    requirePermission(actor, 'read');
    const members = await this.organisers.find({ where: { networkId: actor.networkId, removedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return members.map(toMemberView);
  }

  /**
   * Changes a member's role. Making someone owner, or changing an owner's role, takes an owner;
   * the last owner cannot step down (make someone else owner first). Their open connections
   * pick up the new role with their next command.
   */
  async changeRole(actor: Actor, memberId: string, role: OrganiserRole): Promise<MemberView> {
    requirePermission(actor, 'members');
    const member = await this.writer.write(async (m) => {
      const member = await this.member(m, actor, memberId);
      if (member.role === role) return member;
      if (member.role === 'owner' || role === 'owner') requirePermission(actor, 'ownership');
      if (member.role === 'owner') await this.keepAnOwner(m, actor.networkId, 'accounts.lastOwnerRole');
      const from = member.role;
      member.role = role;
      await m.update(OrganiserEntity, { id: member.id }, { role });
      await this.record(m, actor, member, 'role-changed', { from, to: role });
      return member;
    });
    return toMemberView(member);
  }

  /**
   * Removes a member: they can no longer log in, every session of theirs ends and their open
   * connections close at once. Their name stays in the audit trails of what they did. Removing an
   * owner takes an owner; nobody removes themselves (another organiser does), so the network
   * always keeps an owner.
   */
  async removeMember(actor: Actor, memberId: string): Promise<void> {
    requirePermission(actor, 'members');
    const ended = await this.writer.write(async (m) => {
      const member = await this.member(m, actor, memberId);
      if (member.id === actor.organiserId) {
        throw conflict('INVALID_STATE', problem('network.removeSelf'));
      }
      if (member.role === 'owner') {
        requirePermission(actor, 'ownership');
        await this.keepAnOwner(m, actor.networkId, 'accounts.lastOwnerRemove');
      }
      const now = new Date();
      await m.update(OrganiserEntity, { id: member.id }, { removedAt: now, email: `removed.${member.id}@removed.invalid`, passwordHash: '!' });
      const sessions = await m.find(SessionEntity, { where: { organiserId: member.id }, select: { id: true } });
      await m.delete(SessionEntity, { organiserId: member.id });
      await this.record(m, actor, member, 'member-removed', { role: member.role });
      return sessions.map((s) => s.id);
    });
    if (ended.length > 0) this.sessionEvents.emit('ended', ended);
  }

  /** The network's latest account changes, newest first. */
  async events(actor: Actor): Promise<NetworkEventView[]> {
    requirePermission(actor, 'members');
    const rows = await this.networkEvents.find({ where: { networkId: actor.networkId }, order: { at: 'DESC' }, take: EVENTS_SHOWN });
    return rows.map((e) => ({ id: e.id, type: e.type, actor: e.actorName, subject: e.subjectName, detail: e.detail, at: e.at.toISOString() }));
  }

  private async member(m: EntityManager, actor: Actor, memberId: string): Promise<OrganiserEntity> {
    const member = await m.findOneBy(OrganiserEntity, { id: memberId, networkId: actor.networkId, removedAt: IsNull() });
    if (!member) throw notFound('member');
    return member;
  }

  /** Refuses when the network has only one owner (the one about to be changed or removed). */
  private async keepAnOwner(m: EntityManager, networkId: string, refusal: 'accounts.lastOwnerRole' | 'accounts.lastOwnerRemove'): Promise<void> {
    const owners = await m.countBy(OrganiserEntity, { networkId, role: 'owner', removedAt: IsNull() });
    if (owners <= 1) {
      throw conflict('LAST_OWNER', problem(refusal));
    }
  }

  private async record(m: EntityManager, actor: Actor, subject: OrganiserEntity, type: NetworkEventEntity['type'], detail: NetworkEventEntity['detail']): Promise<void> {
    await m.insert(NetworkEventEntity, {
      id: randomUUID(),
      networkId: actor.networkId,
      type,
      actorName: actor.displayName,
      subjectName: subject.displayName,
      detail,
      at: new Date(),
    });
  }

  /** Pending invitations of the actor's network. */
  async invitationsOf(actor: Actor): Promise<InvitationView[]> {
    requirePermission(actor, 'members');
    const pending = await this.invitations.find({
      where: { networkId: actor.networkId, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'ASC' },
    });
    const inviters = await this.organisers.findBy({ id: In([...new Set(pending.map((i) => i.invitedById))]) });
    const nameOf = new Map(inviters.map((o) => [o.id, o.displayName]));
    return pending.map((i) => toInvitationView(i, nameOf.get(i.invitedById) ?? ''));
  }

  /**
   * Invites a co-organiser or moderator. With SMTP_URL the link is mailed in `language`; without it,
   * or when the mail fails, the organiser passes the returned link on (it is returned either way).
   * The link's token is returned only now; the database keeps its hash.
   */
  async invite(actor: Actor, email: string, role: InvitedRole = 'co-organiser', language: Language = 'nl'): Promise<CreatedInvitationResponse> {
    requirePermission(actor, 'members');
    const token = newToken();
    const invitation = await this.writer.write(async (m) => {
      if (await m.existsBy(OrganiserEntity, { email })) {
        throw conflict('EMAIL_TAKEN', problem('accounts.emailHasAccount'));
      }
      await m.update(InvitationEntity, { networkId: actor.networkId, email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      const created = m.create(InvitationEntity, {
        id: randomUUID(),
        networkId: actor.networkId,
        email,
        role,
        tokenHash: tokenHash(token),
        invitedById: actor.organiserId,
        expiresAt: new Date(Date.now() + this.config.invitationDays * DAY_MS),
        acceptedAt: null,
        revokedAt: null,
      });
      return m.save(created);
    });
    const inviteUrl = `${this.meta.publicUrl()}/invite/${token}`;
    const network = await this.networks.findOneByOrFail({ id: actor.networkId });
    const mail = await this.mail.send(
      email,
      { kind: 'invitation', networkName: network.name, inviterName: actor.displayName, role, url: inviteUrl, expiresAt: invitation.expiresAt },
      language,
    );
    return { ...toInvitationView(invitation, actor.displayName), inviteUrl, mail };
  }

  async revoke(actor: Actor, invitationId: string): Promise<void> {
    requirePermission(actor, 'members');
    await this.writer.write(async (m) => {
      const invitation = await m.findOneBy(InvitationEntity, { id: invitationId, networkId: actor.networkId, acceptedAt: IsNull(), revokedAt: IsNull() });
      if (!invitation) throw notFound('invitation');
      invitation.revokedAt = new Date();
      await m.save(invitation);
    });
  }

  /** Public: what the invite page shows before the invitee signs up. */
  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.invitations.findOneBy({ tokenHash: tokenHash(token), acceptedAt: IsNull(), revokedAt: IsNull() });
    if (!invitation || invitation.expiresAt.getTime() < Date.now()) {
      throw badRequest('INVITATION_INVALID', problem('accounts.invitationInvalid'));
    }
    const network = await this.networks.findOneByOrFail({ id: invitation.networkId });
    return { networkName: network.name, role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() };
  }
}
