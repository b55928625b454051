import { Injectable } from '@nestjs/common';
import { AttendeeEntity, ReleasedPhoneEntity } from '../infrastructure/database/schema/attendees';
import { DomainEvents } from '../infrastructure/events/domain-events';

/**
 * Retention for the attendees: the link between phones and voters (token hashes, also those of
 * phones whose ticket was released), the first names and the address codes go. The attendees
 * themselves and their tie declarations stay under their random ids, so the record does not change.
 */
@Injectable()
export class AttendeesRetention {
  constructor(events: DomainEvents) {
    events.subscribe('retentionDue', async ({ evening, manager: m, tally }) => {
      const cleared = await m.update(AttendeeEntity, { eveningId: evening.id }, { tokenHash: null, firstName: '', joinAddress: null });
      await m.delete(ReleasedPhoneEntity, { eveningId: evening.id });
      tally.attendees = cleared.affected ?? 0;
    });
  }
}
