import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { AttendeesQuery } from '../attendees/attendees.query';
import { BallotEntity, LateBallotEntity } from '../infrastructure/database/schema/ballots';

/** The ballots' reads for other features (and, through LiveSources, for the registry of running evenings). */
@Injectable()
export class BallotsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attendees: AttendeesQuery,
  ) {}

  /**
   * The stored ballots of the evening with a serial above `afterSerial` (every one for 0), in serial
   * order, and every note of a late one, in the caller's transaction. Where several nodes write,
   * serials are given under the evening's lock (BallotWriter), so in commit order: a read never
   * sees a serial before an earlier one is committed.
   */
  async forLiveEvening(m: EntityManager, eveningId: string, afterSerial = 0): Promise<{ ballots: BallotEntity[]; late: LateBallotEntity[] }> {
    // One after another: the caller may read in one transaction (one connection).
    const ballots = await m.find(BallotEntity, { where: { eveningId, serial: MoreThan(afterSerial) }, order: { serial: 'ASC' } });
    const late = await m.findBy(LateBallotEntity, { eveningId });
    return { ballots, late };
  }

  /**
   * Phones whose latest stored ballot for the pitch counts (no tie declared for it), as stored by
   * every node: read in the caller's transaction, so a close counts exactly the batches committed before it.
   */
  async countedPhones(m: EntityManager, eveningId: string, bidderId: string): Promise<number> {
    const ballots = await m.find(BallotEntity, { where: { eveningId, bidderId }, select: { attendeeId: true } });
    const tied = await this.attendees.tiedWith(m, eveningId, bidderId);
    return new Set(ballots.map((b) => b.attendeeId).filter((a) => !tied.has(a))).size;
  }

  /** Every stored ballot of the evening. */
  forEvening(eveningId: string): Promise<BallotEntity[]> {
    return this.dataSource.manager.findBy(BallotEntity, { eveningId });
  }

  /** The notes of the evening's ballots that arrived after scoring for their pitch closed. */
  lateForEvening(eveningId: string): Promise<LateBallotEntity[]> {
    return this.dataSource.manager.findBy(LateBallotEntity, { eveningId });
  }
}
