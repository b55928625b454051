import { Injectable } from '@nestjs/common';
import { TicketEntity } from '../infrastructure/database/schema/tickets';
import { DomainEvents } from '../infrastructure/events/domain-events';

/**
 * Retention for the tickets: which ticket admitted whom goes (the printed number no longer leads
 * to the ballots); the tickets stay, and the receipts are in the published record anyway.
 */
@Injectable()
export class TicketsRetention {
  constructor(events: DomainEvents) {
    events.subscribe('retentionDue', async ({ evening, manager: m, tally }) => {
      tally.tickets = (await m.update(TicketEntity, { eveningId: evening.id }, { attendeeId: null })).affected ?? 0;
    });
  }
}
