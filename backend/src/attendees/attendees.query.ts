import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AttendeeEntity, TieDeclarationEntity } from '../infrastructure/database/schema/attendees';
import { JoinWatchEntity } from '../infrastructure/database/schema/join-watch';

/** The attendees' reads for other features. */
@Injectable()
export class AttendeesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
