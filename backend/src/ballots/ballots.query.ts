import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BallotEntity, LateBallotEntity } from '../infrastructure/database/schema/ballots';

/** The ballots' reads for other features. */
@Injectable()
export class BallotsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every stored ballot of the evening. */
  forEvening(eveningId: string): Promise<BallotEntity[]> {
    return this.dataSource.manager.findBy(BallotEntity, { eveningId });
  }

  /** The notes of the evening's ballots that arrived after scoring for their pitch closed. */
  lateForEvening(eveningId: string): Promise<LateBallotEntity[]> {
    return this.dataSource.manager.findBy(LateBallotEntity, { eveningId });
  }
}
