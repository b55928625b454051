import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { InvitationEntity } from '../infrastructure/database/schema/accounts';
import { DomainEvents } from '../infrastructure/events/domain-events';

/**
 * Retention for the accounts: when one of its evenings is due, the network's invitations that were
 * accepted, revoked or have expired go with their e-mail addresses; pending ones stay usable.
 */
@Injectable()
export class AccountsRetention {
  constructor(events: DomainEvents) {
    events.subscribe('retentionDue', async ({ evening, now, manager: m, tally }) => {
      const invitations = await m.find(InvitationEntity, { where: { networkId: evening.networkId }, select: { id: true, acceptedAt: true, revokedAt: true, expiresAt: true } });
      const settled = invitations.filter((i) => i.acceptedAt !== null || i.revokedAt !== null || i.expiresAt.getTime() <= now.getTime()).map((i) => i.id);
      if (settled.length > 0) await m.delete(InvitationEntity, { id: In(settled) });
      tally.invitations = settled.length;
    });
  }
}
