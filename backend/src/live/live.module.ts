import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AttendeesController } from '../attendees/attendees.controller';
import { AttendeesService } from '../attendees/attendees.service';
import { JoinWatchCommands } from '../attendees/join-watch.commands';
import { JoinWatchController } from '../attendees/join-watch.controller';
import { JoinWatchService } from '../attendees/join-watch.service';
import { JoinGate } from '../attendees/join-gate';
import { BallotWriter } from '../ballots/ballot-writer.service';
import { BallotsService } from '../ballots/ballots.service';
import { MetaModule } from '../meta/meta.module';
import { HostService } from './host.service';
import { LiveEvents } from './live-events';
import { LiveGateway } from './live.gateway';
import { LiveNotifier } from './live-notifier.service';
import { LiveRegistry } from './live-registry.service';
import { SnapshotService } from './snapshot.service';
import { SocketAuthService } from './socket-auth.service';
import { SocketSessions } from './socket-sessions';

/** The live evening: attendees joining, ballots, the host's commands, the big screen. */
@Module({
  imports: [AccountsModule, MetaModule],
  controllers: [AttendeesController, JoinWatchController],
  providers: [
    LiveEvents,
    LiveRegistry,
    LiveNotifier,
    BallotWriter,
    BallotsService,
    AttendeesService,
    JoinWatchService,
    JoinWatchCommands,
    JoinGate,
    SocketSessions,
    HostService,
    SocketAuthService,
    SnapshotService,
    LiveGateway,
  ],
  exports: [LiveRegistry, BallotWriter, LiveEvents, JoinWatchService],
})
export class LiveModule {}
