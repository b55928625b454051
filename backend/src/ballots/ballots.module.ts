import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { BallotWriter } from './ballot-writer.service';
import { BallotsQuery } from './ballots.query';
import { BallotsService } from './ballots.service';
import { LateBallots } from './late-ballots.repository';

/** Ballots: where a phone's scores are accepted and stored. */
@Module({
  imports: [LiveModule],
  providers: [BallotWriter, BallotsService, BallotsQuery, LateBallots],
  exports: [BallotWriter, BallotsService, BallotsQuery, LateBallots],
})
export class BallotsModule {}
