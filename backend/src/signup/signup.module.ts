import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EveningsModule } from '../evenings/evenings.module';
import { MetaModule } from '../meta/meta.module';
import { TicketsModule } from '../tickets/tickets.module';
import { SignupOrganiserController, SignupPublicController } from './signup.controller';
import { SignupRepository } from './signup.repository';
import { SignupRetention } from './signup-retention';
import { SignupService } from './signup.service';

/** Announcement and sign-up (aanmelden): the public page of an evening and the residents' sign-ups. */
@Module({
  imports: [AccountsModule, EveningsModule, MetaModule, TicketsModule],
  controllers: [SignupOrganiserController, SignupPublicController],
  providers: [SignupService, SignupRepository, SignupRetention],
})
export class SignupModule {}
