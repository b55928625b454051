import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetaModule } from '../meta/meta.module';
import { AccountsRetention } from './accounts-retention';
import { AccountsQuery } from './accounts.query';
import { AccountsService } from './accounts.service';
import { AuthController, InvitationsController, NetworkController } from './accounts.controller';
import { OrganiserGuard } from './auth.guard';
import { InvitationEntity, NetworkEntity, NetworkEventEntity, OrganiserEntity, SessionEntity } from '../infrastructure/database/schema/accounts';
import { LoginLockout } from './login-lockout';
import { NetworkService } from './network.service';
import { SessionEvents } from './session-events';

@Module({
  imports: [TypeOrmModule.forFeature([NetworkEntity, OrganiserEntity, SessionEntity, InvitationEntity, NetworkEventEntity]), MetaModule],
  controllers: [AuthController, NetworkController, InvitationsController],
  providers: [AccountsService, AccountsQuery, AccountsRetention, NetworkService, OrganiserGuard, LoginLockout, SessionEvents],
  exports: [AccountsService, AccountsQuery, OrganiserGuard, SessionEvents],
})
export class AccountsModule {}
