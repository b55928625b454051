import { Inject, Injectable } from '@nestjs/common';
import { requirePermission } from './access';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, MoreThan, Repository } from 'typeorm';
import type { CreatedInvitationResponse, InvitedRole, InvitationPreview, InvitationView, MemberView } from '@buurtjury/shared';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { badRequest, conflict, notFound } from '../common/app-error';
import { DatabaseWriter } from '../database/database-writer';
import { MetaService } from '../meta/meta.service';
import type { Actor } from './actor';
import { InvitationEntity, NetworkEntity, OrganiserEntity } from './entities';
import { toInvitationView, toMemberView } from './mappers';
import { DAY_MS, newToken, tokenHash } from './tokens';


/** The members of a resident network and invitations for co-organisers. */
@Injectable()
export class NetworkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: DatabaseWriter,
    private readonly meta: MetaService,
    @InjectRepository(OrganiserEntity) private readonly organisers: Repository<OrganiserEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(InvitationEntity) private readonly invitations: Repository<InvitationEntity>,
  ) {}

  async members(actor: Actor): Promise<MemberView[]> {
    requirePermission(actor, 'read');
    const members = await this.organisers.find({ where: { networkId: actor.networkId }, order: { createdAt: 'ASC' } });
    return members.map(toMemberView);
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
   * Invites a co-organiser. Buurtjury sends no e-mail: the organiser passes the returned link on.
   * The link's token is returned only now; the database keeps its hash.
   */
  async invite(actor: Actor, email: string, role: InvitedRole = 'co-organiser'): Promise<CreatedInvitationResponse> {
    requirePermission(actor, 'members');
    const token = newToken();
    const invitation = await this.writer.write(async (m) => {
      if (await m.existsBy(OrganiserEntity, { email })) {
        throw conflict('EMAIL_TAKEN', 'This person already has a Buurtjury account; an account belongs to one network.');
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
    return { ...toInvitationView(invitation, actor.displayName), inviteUrl: `${this.meta.publicUrl()}/invite/${token}` };
  }

  async revoke(actor: Actor, invitationId: string): Promise<void> {
    requirePermission(actor, 'members');
    await this.writer.write(async (m) => {
      const invitation = await m.findOneBy(InvitationEntity, { id: invitationId, networkId: actor.networkId, acceptedAt: IsNull(), revokedAt: IsNull() });
      if (!invitation) throw notFound('The invitation');
      invitation.revokedAt = new Date();
      await m.save(invitation);
    });
  }

  /** Public: what the invite page shows before the invitee signs up. */
  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.invitations.findOneBy({ tokenHash: tokenHash(token), acceptedAt: IsNull(), revokedAt: IsNull() });
    if (!invitation || invitation.expiresAt.getTime() < Date.now()) {
      throw badRequest('INVITATION_INVALID', 'This invitation link is not valid any more. Ask for a new one.');
    }
    const network = await this.networks.findOneByOrFail({ id: invitation.networkId });
    return { networkName: network.name, role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() };
  }
}
