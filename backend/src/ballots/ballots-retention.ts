import { Injectable } from '@nestjs/common';
import { Not, type EntityManager } from 'typeorm';
import { ballotHash, ballotsDigest } from '@buurtjury/shared';
import { BallotEntity } from '../infrastructure/database/schema/ballots';
import { DomainEvents, type RetentionTally } from '../infrastructure/events/domain-events';
import { LiveQuery } from '../live/live.query';

/**
 * Retention for the ballots: every ballot is checked against its logged hash, then the raw remarks
 * are deleted; the grades and receipts stay, so the record and the results do not change.
 */
@Injectable()
export class BallotsRetention {
  constructor(
    events: DomainEvents,
    private readonly live: LiveQuery,
  ) {
    events.subscribe('retentionDue', ({ evening, manager, tally }) => this.purge(manager, evening.id, tally));
  }

  private async purge(m: EntityManager, eveningId: string, tally: RetentionTally): Promise<void> {
    // One after the other: `m` is the purge's transaction (node-postgres deprecates parallel queries on one connection).
    const ballots = await m.findBy(BallotEntity, { eveningId });
    const logged = await this.live.logOf(eveningId, ['ballot-accepted', 'ballot-replaced'], m);
    const hashes = new Map(logged.map((e) => [String(e.detail.ballotId), e.detail.ballotHash]));
    tally.ballotsMismatched = ballots.filter((b) => hashes.get(b.id) !== ballotHash(b)).length;
    tally.ballotsDigest = ballotsDigest(ballots);
    const cleared = await m.update(BallotEntity, { eveningId, remark: Not('') }, { remark: '' });
    tally.remarks += cleared.affected ?? 0;
  }
}
