import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AttendeesModule } from '../attendees/attendees.module';
import { BallotsModule } from '../ballots/ballots.module';
import { LiveModule } from '../live/live.module';
import { MetaModule } from '../meta/meta.module';
import { ClusterPresence } from './cluster-presence';
import { QuestionsModule } from '../questions/questions.module';
import { HostService } from './host.service';
import { LiveGateway } from './live.gateway';
import { LiveNotifier } from './live-notifier.service';
import { QuestionPushes } from './question-pushes';
import { SnapshotService } from './snapshot.service';
import { SocketAuthService } from './socket-auth.service';
import { SocketSessions } from './socket-sessions';

/** The socket gateway of the live evening: phones, the host and the big screen; and the one notifier. */
@Module({
  imports: [AccountsModule, MetaModule, LiveModule, AttendeesModule, BallotsModule, QuestionsModule],
  providers: [ClusterPresence, SocketSessions, SocketAuthService, HostService, SnapshotService, LiveNotifier, QuestionPushes, LiveGateway],
})
export class GatewayModule {}
