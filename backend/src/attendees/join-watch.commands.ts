import { Injectable } from '@nestjs/common';
import { problem, type ExpectedAttendanceResponse } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { conflict } from '../platform/common/app-error';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { requireEvening } from '../evenings/evening.store';
import { LiveQuery } from '../live/live.query';
import { LiveEvents } from '../infrastructure/events/live-events';
import { JoinWatchEntity } from '../infrastructure/database/schema/join-watch';
import { JoinWatchService } from './join-watch.service';

/** The host's setting of the expected attendance: in the audit trail, and fixed once the evening has ended (the advice reports it). */
@Injectable()
export class JoinWatchCommands {
  constructor(
    private readonly writer: DatabaseWriter,
    private readonly audit: AuditLog,
    private readonly watch: JoinWatchService,
    private readonly events: LiveEvents,
    private readonly live: LiveQuery,
  ) {}

  async setExpected(actor: Actor, eveningId: string, expected: number | null): Promise<ExpectedAttendanceResponse> {
    await this.writer.write(async (m) => {
      const evening = await requireEvening(actor, eveningId, 'run', m);
      if (!evening.frozenAt) throw conflict('EVENING_NOT_OPEN', problem('joinWatch.freezeFirst'));
      if ((await this.live.state(eveningId, m))?.phase === 'ended') {
        throw conflict('EVENING_ENDED', problem('joinWatch.ended'));
      }
      await m.save(JoinWatchEntity, { eveningId, expectedAttendance: expected });
      await this.audit.append(m, eveningId, [{ type: 'expected-attendance-set', actor: actor.organiserId, detail: { expected } }]);
    });
    await this.watch.setExpected(eveningId, expected);
    this.events.emit('tally', eveningId);
    return { expected };
  }
}
