import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { BallotIntake } from './ballot-intake.service';
import { BallotWriter } from './ballot-writer.service';
import { BallotsQuery } from './ballots.query';
import { LateBallots } from './late-ballots.repository';

/** Ballots: where a phone's scores are accepted (BallotIntake) and stored (BallotWriter, LateBallots). */
@Module({
  imports: [LiveModule],
  providers: [BallotIntake, BallotWriter, BallotsQuery, LateBallots],
  exports: [BallotIntake, BallotWriter, BallotsQuery, LateBallots],
})
export class BallotsModule {}
