import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { BallotWriter } from './ballot-writer.service';
import { BallotsQuery } from './ballots.query';
import { BallotsService } from './ballots.service';

/** Ballots: where a phone's scores are accepted and stored. */
@Module({
  imports: [LiveModule],
  providers: [BallotWriter, BallotsService, BallotsQuery],
  exports: [BallotWriter, BallotsService, BallotsQuery],
})
export class BallotsModule {}
