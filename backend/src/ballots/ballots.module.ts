import { Module } from '@nestjs/common';
import { AttendeesModule } from '../attendees/attendees.module';
import { LiveModule } from '../live/live.module';
import { LiveSources } from '../live/live-sources';
import { BallotIntake } from './ballot-intake.service';
import { BallotWriter } from './ballot-writer.service';
import { BallotsQuery } from './ballots.query';
import { BallotsRetention } from './ballots-retention';
import { LateBallots } from './late-ballots.repository';

/** Ballots: where a phone's scores are accepted (BallotIntake) and stored (BallotWriter, LateBallots). */
@Module({
  imports: [LiveModule, AttendeesModule],
  providers: [BallotIntake, BallotWriter, BallotsQuery, LateBallots, BallotsRetention],
  exports: [BallotIntake, BallotWriter, BallotsQuery, LateBallots],
})
export class BallotsModule {
  constructor(sources: LiveSources, query: BallotsQuery) {
    sources.provide('ballots', (m, eveningId, afterSerial) => query.forLiveEvening(m, eveningId, afterSerial));
    sources.provide('countedPhones', (m, eveningId, bidderId) => query.countedPhones(m, eveningId, bidderId));
  }
}
