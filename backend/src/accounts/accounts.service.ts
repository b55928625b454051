import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, MoreThan, Not, Repository, type EntityManager } from 'typeorm';
import { problem, type EndedSessionsResponse, type MeResponse, type SessionResponse, type SessionsResponse } from '@buurtjury/shared';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { AppError, badRequest, conflict, notFound, unprocessable } from '../platform/common/app-error';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { requirePermission } from './access';
import type { Actor } from './actor';
import { InvitationEntity, NetworkEntity, NetworkEventEntity, OrganiserEntity, SessionEntity } from '../infrastructure/database/schema/accounts';
import { LoginLockout } from './login-lockout';
import { toNetworkView, toOrganiserView } from './mappers';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { SessionEvents } from './session-events';
import { DAY_MS, newToken, tokenHash } from './tokens';
import type { ChangePasswordDto, LoginDto, SignUpDto } from './dto/accounts.dto';

/** A live session: who it belongs to and until when it lasts. */
export interface LiveSession {
  actor: Actor & { sessionId: string };
  expiresAt: Date;
}

/** Sign-up, log-in, the bearer-token sessions behind them, and the organiser's own account (password, sessions). */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: DatabaseWriter,
    private readonly lockout: LoginLockout,
    private readonly sessionEvents: SessionEvents,
    @InjectRepository(OrganiserEntity) private readonly organisers: Repository<OrganiserEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  /** Creates an organiser: with a new network, or in the inviting network when an invitation token is given. */
  async signUp(dto: SignUpDto): Promise<SessionResponse> {
    const passwordHash = await hashPassword(dto.password);
    const { organiser, network } = await this.writer.write(async (m) => {
      if (await m.existsBy(OrganiserEntity, { email: dto.email })) {
        throw conflict('EMAIL_TAKEN', problem('accounts.emailTaken'));
      }
      let network: NetworkEntity;
      let role: OrganiserEntity['role'];
      if (dto.inviteToken !== undefined) {
        const invitation = await m.findOneBy(InvitationEntity, { tokenHash: tokenHash(dto.inviteToken), acceptedAt: IsNull(), revokedAt: IsNull() });
        if (!invitation || invitation.expiresAt.getTime() < Date.now()) {
          throw badRequest('INVITATION_INVALID', problem('accounts.invitationInvalid'));
        }
        if (invitation.email !== dto.email) {
          throw badRequest('INVITATION_INVALID', problem('accounts.invitationOtherEmail', { email: invitation.email }));
        }
        network = await m.findOneByOrFail(NetworkEntity, { id: invitation.networkId });
        role = invitation.role;
        invitation.acceptedAt = new Date();
        await m.save(invitation);
      } else {
        network = m.create(NetworkEntity, { id: randomUUID(), name: dto.networkName ?? '' });
        await m.insert(NetworkEntity, network);
        role = 'owner';
      }
      const organiser = m.create(OrganiserEntity, {
        id: randomUUID(),
        networkId: network.id,
        email: dto.email,
        passwordHash,
        displayName: dto.displayName,
        role,
        removedAt: null,
      });
      await m.insert(OrganiserEntity, organiser);
      return { organiser, network };
    });
    return this.startSession(organiser, network);
  }

  /**
   * Refused while this e-mail address is locked for the caller's network address by repeated
   * failures (LoginLockout), whether or not it has an account.
   */
  async logIn(dto: LoginDto, address: string): Promise<SessionResponse> {
    await this.lockout.begin(address, dto.email);
    const organiser = await this.organisers.findOneBy({ email: dto.email, removedAt: IsNull() });
    const ok = await verifyPassword(dto.password, organiser?.passwordHash ?? (await dummyPasswordHash()));
    if (!organiser || !ok) {
      await this.lockout.failed(address, dto.email);
      throw new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'The e-mail address or password is not correct.');
    }
    await this.lockout.succeeded(address, dto.email);
    const network = await this.networks.findOneByOrFail({ id: organiser.networkId });
    return this.startSession(organiser, network);
  }

  /** Ends the session of this token; its open connections (a host console) are closed at once. */
  async logOut(token: string): Promise<void> {
    const ended = await this.writer.write(async (m) => {
      const session = await m.findOneBy(SessionEntity, { tokenHash: tokenHash(token) });
      if (session) await m.delete(SessionEntity, { id: session.id });
      return session ? [session.id] : [];
    });
    this.announce(ended);
  }

  /** The organiser behind a bearer token, or null when the token is unknown or expired. */
  async authenticate(token: string): Promise<(Actor & { sessionId: string }) | null> {
    return (await this.session({ tokenHash: tokenHash(token) }))?.actor ?? null;
  }

  /** The session of a bearer token with its end, or null (for sockets, which also watch the end). */
  sessionOfToken(token: string): Promise<LiveSession | null> {
    return this.session({ tokenHash: tokenHash(token) });
  }

  /** Whether a session still lasts, read afresh (its organiser's role may have changed since). */
  sessionById(sessionId: string): Promise<LiveSession | null> {
    return this.session({ id: sessionId });
  }

  async me(actor: Actor): Promise<MeResponse> {
    requirePermission(actor, 'account');
    const organiser = await this.organisers.findOneByOrFail({ id: actor.organiserId });
    const network = await this.networks.findOneByOrFail({ id: actor.networkId });
    return { organiser: toOrganiserView(organiser), network: toNetworkView(network) };
  }

  /** The organiser's own sessions that have not expired, newest first. */
  async listSessions(actor: Actor): Promise<SessionsResponse> {
    requirePermission(actor, 'account');
    const rows = await this.sessions.find({ where: { organiserId: actor.organiserId, expiresAt: MoreThan(new Date()) }, order: { createdAt: 'DESC' } });
    return {
      sessions: rows.map((s) => ({ id: s.id, createdAt: s.createdAt.toISOString(), expiresAt: s.expiresAt.toISOString(), current: s.id === actor.sessionId })),
    };
  }

  /** Ends one of the organiser's own sessions (for example a laptop left logged in elsewhere). */
  async endSession(actor: Actor, sessionId: string): Promise<void> {
    requirePermission(actor, 'account');
    await this.writer.write(async (m) => {
      const result = await m.delete(SessionEntity, { id: sessionId, organiserId: actor.organiserId });
      if (!result.affected) throw notFound('session');
    });
    this.announce([sessionId]);
  }

  /** Ends every session of the organiser except the one this request came with. */
  async endOtherSessions(actor: Actor): Promise<EndedSessionsResponse> {
    requirePermission(actor, 'account');
    const ended = await this.writer.write(async (m) => {
      const ids = await this.otherSessions(m, actor);
      if (ids.length > 0) {
        await m.delete(SessionEntity, { id: In(ids) });
        await this.record(m, actor, 'sessions-ended', { count: ids.length });
      }
      return ids;
    });
    this.announce(ended);
    return { ended: ended.length };
  }

  /**
   * Changes the password after checking the current one (failures count towards the same
   * lock-out as log-ins), and ends every other session: whoever else was logged in with the old
   * password is logged out.
   */
  async changePassword(actor: Actor, dto: ChangePasswordDto, address: string): Promise<EndedSessionsResponse> {
    requirePermission(actor, 'account');
    const organiser = await this.organisers.findOneByOrFail({ id: actor.organiserId });
    await this.lockout.begin(address, organiser.email);
    if (!(await verifyPassword(dto.currentPassword, organiser.passwordHash))) {
      await this.lockout.failed(address, organiser.email);
      throw unprocessable('PASSWORD_INCORRECT', problem('accounts.passwordIncorrect'));
    }
    await this.lockout.succeeded(address, organiser.email);
    const passwordHash = await hashPassword(dto.newPassword);
    const ended = await this.writer.write(async (m) => {
      await m.update(OrganiserEntity, { id: organiser.id }, { passwordHash });
      const ids = await this.otherSessions(m, actor);
      if (ids.length > 0) await m.delete(SessionEntity, { id: In(ids) });
      await this.record(m, actor, 'password-changed', { sessionsEnded: ids.length });
      return ids;
    });
    this.announce(ended);
    return { ended: ended.length };
  }

  private async otherSessions(m: EntityManager, actor: Actor): Promise<string[]> {
    const rows = await m.find(SessionEntity, {
      where: { organiserId: actor.organiserId, ...(actor.sessionId ? { id: Not(actor.sessionId) } : {}) },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  private async record(m: EntityManager, actor: Actor, type: NetworkEventEntity['type'], detail: NetworkEventEntity['detail']): Promise<void> {
    await m.insert(NetworkEventEntity, {
      id: randomUUID(),
      networkId: actor.networkId,
      type,
      actorName: actor.displayName,
      subjectName: actor.displayName,
      detail,
      at: new Date(),
    });
  }

  /** Closes the open connections of sessions that ended. */
  private announce(sessionIds: string[]): void {
    if (sessionIds.length > 0) this.sessionEvents.emit('ended', sessionIds);
  }

  private async session(where: { tokenHash: string } | { id: string }): Promise<LiveSession | null> {
    const session = await this.sessions.findOneBy(where);
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    const organiser = await this.organisers.findOneBy({ id: session.organiserId, removedAt: IsNull() });
    if (!organiser) return null;
    return {
      actor: { organiserId: organiser.id, networkId: organiser.networkId, role: organiser.role, displayName: organiser.displayName, sessionId: session.id },
      expiresAt: session.expiresAt,
    };
  }

  private async startSession(organiser: OrganiserEntity, network: NetworkEntity): Promise<SessionResponse> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + this.config.sessionDays * DAY_MS);
    await this.writer.write(async (m) => {
      await m.delete(SessionEntity, { organiserId: organiser.id, expiresAt: LessThan(new Date()) });
      await m.insert(SessionEntity, { id: randomUUID(), tokenHash: tokenHash(token), organiserId: organiser.id, expiresAt });
    });
    return { token, expiresAt: expiresAt.toISOString(), organiser: toOrganiserView(organiser), network: toNetworkView(network) };
  }
}
