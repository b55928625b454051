import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TieDeclarationEntity } from '../infrastructure/database/schema/attendees';

/** The attendees' reads for other features. */
@Injectable()
export class AttendeesQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every declared tie (conflict of interest) of the evening. */
  ties(eveningId: string): Promise<TieDeclarationEntity[]> {
    return this.dataSource.manager.findBy(TieDeclarationEntity, { eveningId });
  }
}
