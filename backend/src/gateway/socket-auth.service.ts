import { Injectable } from '@nestjs/common';
import { isJoinCode, isUuid, normaliseJoinCode, problem } from '@buurtjury/shared';
import { AccountsService } from '../accounts/accounts.service';
import { TOKEN_PATTERN, tokenHash } from '../accounts/tokens';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import { TICKET_RELEASED } from './connection-ended';
import type { SocketContext } from '../live/socket-context';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Establishes who connects from the socket's `auth`: an attendee, a host or a big screen. */
@Injectable()
export class SocketAuthService {
  constructor(
    private readonly registry: LiveRegistry,
    private readonly accounts: AccountsService,
  ) {}

  async authenticate(auth: unknown): Promise<SocketContext> {
    const a = (typeof auth === 'object' && auth !== null ? auth : {}) as Record<string, unknown>;
    switch (a.role) {
      case 'attendee': {
        const live = await this.registry.get(await this.eveningFor(str(a.joinCode)));
        const token = str(a.attendeeToken);
        const hash = TOKEN_PATTERN.test(token) ? tokenHash(token) : null;
        const attendeeId = hash ? await this.registry.attendeeByTokenHash(live, hash) : null;
        if (hash && !attendeeId && live.releasedTokenHashes.has(hash)) throw new LiveError(TICKET_RELEASED);
        if (!attendeeId || !hash) throw new LiveError({ code: 'UNAUTHENTICATED', ...problem('joinFirst') });
        return { role: 'attendee', eveningId: live.eveningId, attendeeId, tokenHash: hash };
      }
      case 'screen': {
        const live = await this.registry.get(await this.eveningFor(str(a.joinCode)));
        // A screen opened by a logged-in organiser of the evening's network is not an anonymous one.
        const token = str(a.token);
        const actor = TOKEN_PATTERN.test(token) ? await this.accounts.authenticate(token) : null;
        const byOrganiser = actor !== null && (await this.registry.belongsTo(live.eveningId, actor.networkId));
        return { role: 'screen', eveningId: live.eveningId, ...(byOrganiser ? { byOrganiser } : {}) };
      }
      case 'host': {
        const eveningId = str(a.eveningId);
        const token = str(a.token);
        const session = TOKEN_PATTERN.test(token) ? await this.accounts.sessionOfToken(token) : null;
        if (!session) throw new LiveError({ code: 'UNAUTHENTICATED', ...problem('hostLogin') });
        const { actor } = session;
        if (!isUuid(eveningId)) throw new LiveError({ code: 'NOT_FOUND', ...problem('eveningMissing') });
        if (!(await this.registry.belongsTo(eveningId, actor.networkId))) {
          throw new LiveError({ code: 'NOT_FOUND', ...problem('eveningMissing') });
        }
        const live = await this.registry.get(eveningId);
        return { role: 'host', eveningId: live.eveningId, actor, sessionId: actor.sessionId, sessionExpiresAt: session.expiresAt.getTime() };
      }
      default:
        throw new LiveError({ code: 'INVALID_PAYLOAD', message: 'Connect with auth.role set to attendee, host or screen.' });
    }
  }

  /**
   * A host's session, read afresh before each of its commands: null when it has ended (log-out,
   * expiry, ended elsewhere, member removed); otherwise the context with the organiser's current
   * role and name.
   */
  async recheckHost(ctx: Extract<SocketContext, { role: 'host' }>): Promise<Extract<SocketContext, { role: 'host' }> | null> {
    const session = await this.accounts.sessionById(ctx.sessionId);
    if (!session || session.actor.networkId !== ctx.actor.networkId) return null;
    return { ...ctx, actor: session.actor, sessionExpiresAt: session.expiresAt.getTime() };
  }

  private async eveningFor(rawCode: string): Promise<string> {
    const code = normaliseJoinCode(rawCode);
    const id = isJoinCode(code) ? await this.registry.eveningIdForCode(code) : null;
    if (!id) throw new LiveError({ code: 'NOT_FOUND', ...problem('joinCodeUnknown') });
    return id;
  }
}
