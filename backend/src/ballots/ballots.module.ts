import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { BallotWriter } from './ballot-writer.service';
import { BallotsService } from './ballots.service';

/** Ballots: where a phone's scores are accepted and stored. */
@Module({
  imports: [LiveModule],
  providers: [BallotWriter, BallotsService],
  exports: [BallotWriter, BallotsService],
})
export class BallotsModule {}
