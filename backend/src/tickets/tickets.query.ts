import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TicketEntity } from '../infrastructure/database/schema/tickets';
import { ticketCodeHash } from '../infrastructure/database/schema/ticket-code';

/**
 * The tickets' reads and the one write other features make on them (admission binds a ticket to
 * its voter), always inside the caller's transaction. Owns the ticket table with TicketsService.
 */
@Injectable()
export class TicketsQuery {
  /** The evening's ticket with this printed code, or null when no card has it. */
  byCode(m: EntityManager, eveningId: string, code: string): Promise<TicketEntity | null> {
    return m.findOneBy(TicketEntity, { eveningId, codeHash: ticketCodeHash(eveningId, code) });
  }

  /** Binds the ticket to the voter who just used it (a released ticket is in use again). */
  async bind(m: EntityManager, ticketId: string, attendeeId: string, at: Date): Promise<void> {
    await m.update(TicketEntity, { id: ticketId }, { attendeeId, usedAt: at, releasedAt: null });
  }
}
