import { Injectable } from '@nestjs/common';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { lockEvening } from '../infrastructure/database/evening-lock';
import { LateBallotEntity } from '../infrastructure/database/schema/ballots';

/**
 * The notes of ballots that arrived after scoring for their pitch closed (the `late_ballot`
 * table): which phone, which pitch, when; never the grades. Each note is written with its audit
 * entry (`ballot-too-late`, with the ballot's random id and the bidder, never the phone) in one
 * transaction. Read through BallotsQuery.
 */
@Injectable()
export class LateBallots {
  constructor(
    private readonly writer: DatabaseWriter,
    private readonly audit: AuditLog,
  ) {}

  /** Notes a late ballot; false when its id is taken or the phone already has a note for the pitch (nothing is written then). */
  note(row: LateBallotEntity): Promise<boolean> {
    return this.writer.write(async (m) => {
      // Another node may note the same phone and pitch at the same moment: one after the other.
      await lockEvening(m, row.eveningId);
      if (await m.existsBy(LateBallotEntity, [{ id: row.id }, { attendeeId: row.attendeeId, bidderId: row.bidderId }])) return false;
      await m.insert(LateBallotEntity, row);
      await this.audit.append(m, row.eveningId, [{ type: 'ballot-too-late', actor: 'attendee', detail: { ballotId: row.id, bidderId: row.bidderId } }]);
      return true;
    });
  }
}
