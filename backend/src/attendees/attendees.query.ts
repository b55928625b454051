import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { writtenSince, type ChangeHorizon } from '../infrastructure/database/change-horizon';
import { AttendeeEntity, ReleasedPhoneEntity, TieDeclarationEntity } from '../infrastructure/database/schema/attendees';
import { JoinWatchEntity } from '../infrastructure/database/schema/join-watch';

/** The attendees' reads for other features (and, through LiveSources, for the registry of running evenings). */
@Injectable()
export class AttendeesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * What a running evening keeps of its phones: the attendees written since the horizon (every one
   * when null; see ChangeHorizon), and whole: their ties and the released phones' token hashes.
   */
  async forLiveEvening(
    m: EntityManager,
    eveningId: string,
    since: ChangeHorizon = null,
  ): Promise<{ attendees: AttendeeEntity[]; ties: TieDeclarationEntity[]; releasedTokenHashes: string[] }> {
    const attendees = m.createQueryBuilder(AttendeeEntity, 'a').where('a.eveningId = :eveningId', { eveningId });
    if (since !== null) attendees.andWhere(writtenSince('a', ':since'), { since });
    // One after another: the caller may read in one transaction (one connection).
    const changed = await attendees.getMany();
    const ties = await m.findBy(TieDeclarationEntity, { eveningId });
    const released = await m.find(ReleasedPhoneEntity, { where: { eveningId }, select: { tokenHash: true } });
    return { attendees: changed, ties, releasedTokenHashes: released.map((r) => r.tokenHash) };
  }

  /** The attendees who declared a tie with the bidder, in the caller's transaction. */
  async tiedWith(m: EntityManager, eveningId: string, bidderId: string): Promise<Set<string>> {
    const ties = await m.find(TieDeclarationEntity, { where: { eveningId, bidderId }, select: { attendeeId: true } });
    return new Set(ties.map((t) => t.attendeeId));
  }

  /** Every declared tie (conflict of interest) of the evening. */
  ties(eveningId: string): Promise<TieDeclarationEntity[]> {
    return this.dataSource.manager.findBy(TieDeclarationEntity, { eveningId });
  }

  /** When and from which address each of the evening's phones joined (nothing else of them). */
  joins(eveningId: string): Promise<Pick<AttendeeEntity, 'id' | 'joinedAt' | 'joinAddress'>[]> {
    return this.dataSource.manager.find(AttendeeEntity, { where: { eveningId }, select: { id: true, joinedAt: true, joinAddress: true } });
  }

  /** The evening's watch on join counts (the host's check for phones joining from elsewhere), or null. */
  joinWatch(eveningId: string): Promise<JoinWatchEntity | null> {
    return this.dataSource.manager.findOneBy(JoinWatchEntity, { eveningId });
  }
}
