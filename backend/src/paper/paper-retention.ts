import { Injectable } from '@nestjs/common';
import { Not, type EntityManager } from 'typeorm';
import { paperEntriesDigest, paperEntryHash } from '@buurtjury/shared';
import { PaperEntryEntity } from '../infrastructure/database/schema/paper';
import { DomainEvents, type RetentionTally } from '../infrastructure/events/domain-events';
import { LiveQuery } from '../live/live.query';

/** Retention for the paper cards: every entry is checked against its logged hash, then the raw remarks are deleted. */
@Injectable()
export class PaperRetention {
  constructor(
    events: DomainEvents,
    private readonly live: LiveQuery,
  ) {
    events.subscribe('retentionDue', ({ evening, manager, tally }) => this.purge(manager, evening.id, tally));
  }

  private async purge(m: EntityManager, eveningId: string, tally: RetentionTally): Promise<void> {
    // One after the other: `m` is the purge's transaction (node-postgres deprecates parallel queries on one connection).
    const paper = await m.findBy(PaperEntryEntity, { eveningId });
    const logged = await this.live.logOf(eveningId, ['paper-entry'], m);
    const hashes = new Map(logged.map((e) => [String(e.detail.entryId), e.detail.entryHash]));
    tally.paperMismatched = paper.filter((p) => hashes.get(p.id) !== paperEntryHash(p)).length;
    tally.paperDigest = paperEntriesDigest(paper);
    const cleared = await m.update(PaperEntryEntity, { eveningId, remark: Not('') }, { remark: '' });
    tally.remarks += cleared.affected ?? 0;
  }
}
