import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { AttendeesController } from './attendees.controller';
import { AttendeesService } from './attendees.service';
import { JoinGate } from './join-gate';
import { JoinWatchCommands } from './join-watch.commands';
import { JoinWatchController } from './join-watch.controller';
import { JoinWatchService } from './join-watch.service';

/** Attendees: joining an evening (open or by ticket), ties, and the watch on join counts. */
@Module({
  imports: [AccountsModule, LiveModule],
  controllers: [AttendeesController, JoinWatchController],
  providers: [AttendeesService, JoinGate, JoinWatchService, JoinWatchCommands],
  exports: [AttendeesService, JoinGate, JoinWatchService],
})
export class AttendeesModule {}
