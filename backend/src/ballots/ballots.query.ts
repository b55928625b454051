import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BallotEntity } from '../infrastructure/database/schema/ballots';

/** The ballots' reads for other features. */
@Injectable()
export class BallotsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every stored ballot of the evening. */
  forEvening(eveningId: string): Promise<BallotEntity[]> {
    return this.dataSource.manager.findBy(BallotEntity, { eveningId });
  }
}
