import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { LiveSources } from '../live/live-sources';
import { TicketsModule } from '../tickets/tickets.module';
import { AttendeesController } from './attendees.controller';
import { AttendeesQuery } from './attendees.query';
import { AttendeesRetention } from './attendees-retention';
import { AttendeesService } from './attendees.service';
import { JoinGate } from './join-gate';
import { JoinWatchCommands } from './join-watch.commands';
import { JoinWatchController } from './join-watch.controller';
import { JoinWatchService } from './join-watch.service';

/** Attendees: joining an evening (open or by ticket), ties, and the watch on join counts. */
@Module({
  imports: [AccountsModule, LiveModule, TicketsModule],
  controllers: [AttendeesController, JoinWatchController],
  providers: [AttendeesService, AttendeesQuery, AttendeesRetention, JoinGate, JoinWatchService, JoinWatchCommands],
  exports: [AttendeesService, AttendeesQuery, JoinGate, JoinWatchService],
})
export class AttendeesModule {
  constructor(sources: LiveSources, query: AttendeesQuery) {
    sources.provide('attendees', (m, eveningId, since) => query.forLiveEvening(m, eveningId, since));
  }
}
