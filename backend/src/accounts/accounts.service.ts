import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, LessThan, Repository } from 'typeorm';
import type { MeResponse, SessionResponse } from '@buurtjury/shared';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AppError, badRequest, conflict } from '../common/app-error';
import { DatabaseWriter } from '../database/database-writer';
import type { Actor } from './actor';
import { InvitationEntity, NetworkEntity, OrganiserEntity, SessionEntity } from './entities';
import { LoginLockout } from './login-lockout';
import { toNetworkView, toOrganiserView } from './mappers';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { DAY_MS, newToken, tokenHash } from './tokens';
import type { LoginDto, SignUpDto } from './dto/accounts.dto';


/** Sign-up, log-in and the bearer-token sessions behind them. */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly writer: DatabaseWriter,
    private readonly lockout: LoginLockout,
    @InjectRepository(OrganiserEntity) private readonly organisers: Repository<OrganiserEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
  ) {}

  /** Creates an organiser: with a new network, or in the inviting network when an invitation token is given. */
  async signUp(dto: SignUpDto): Promise<SessionResponse> {
    const passwordHash = await hashPassword(dto.password);
    const { organiser, network } = await this.writer.write(async (m) => {
      if (await m.existsBy(OrganiserEntity, { email: dto.email })) {
        throw conflict('EMAIL_TAKEN', 'An account with this e-mail address already exists. Log in instead.');
      }
      let network: NetworkEntity;
      let role: OrganiserEntity['role'];
      if (dto.inviteToken !== undefined) {
        const invitation = await m.findOneBy(InvitationEntity, { tokenHash: tokenHash(dto.inviteToken), acceptedAt: IsNull(), revokedAt: IsNull() });
        if (!invitation || invitation.expiresAt.getTime() < Date.now()) {
          throw badRequest('INVITATION_INVALID', 'This invitation link is not valid any more. Ask for a new one.');
        }
        if (invitation.email !== dto.email) {
          throw badRequest('INVITATION_INVALID', `This invitation is for ${invitation.email}. Sign up with that address.`);
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
      });
      await m.insert(OrganiserEntity, organiser);
      return { organiser, network };
    });
    return this.startSession(organiser, network);
  }

  /** Refused while the address is locked by repeated failures (LoginLockout), whether or not it has an account. */
  async logIn(dto: LoginDto): Promise<SessionResponse> {
    await this.lockout.begin(dto.email);
    const organiser = await this.organisers.findOneBy({ email: dto.email });
    const ok = await verifyPassword(dto.password, organiser?.passwordHash ?? (await dummyPasswordHash()));
    if (!organiser || !ok) {
      await this.lockout.failed(dto.email);
      throw new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'The e-mail address or password is not correct.');
    }
    await this.lockout.succeeded(dto.email);
    const network = await this.networks.findOneByOrFail({ id: organiser.networkId });
    return this.startSession(organiser, network);
  }

  async logOut(token: string): Promise<void> {
    await this.writer.write((m) => m.delete(SessionEntity, { tokenHash: tokenHash(token) }));
  }

  /** The organiser behind a bearer token, or null when the token is unknown or expired. */
  async authenticate(token: string): Promise<Actor | null> {
    const session = await this.sessions.findOneBy({ tokenHash: tokenHash(token) });
    if (!session || session.expiresAt.getTime() <= Date.now()) return null;
    const organiser = await this.organisers.findOneBy({ id: session.organiserId });
    if (!organiser) return null;
    return { organiserId: organiser.id, networkId: organiser.networkId, role: organiser.role, displayName: organiser.displayName };
  }

  async me(actor: Actor): Promise<MeResponse> {
    const organiser = await this.organisers.findOneByOrFail({ id: actor.organiserId });
    const network = await this.networks.findOneByOrFail({ id: actor.networkId });
    return { organiser: toOrganiserView(organiser), network: toNetworkView(network) };
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
