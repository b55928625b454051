import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { MetaModule } from '../meta/meta.module';
import { PersonalTickets } from './personal-tickets';
import { TicketsController } from './tickets.controller';
import { TicketsQuery } from './tickets.query';
import { TicketsRetention } from './tickets-retention';
import { TicketsService } from './tickets.service';

/** Admission by ticket: the organisers' side, and personal tickets for other features (joining with a ticket is in attendees). */
@Module({
  imports: [AccountsModule, LiveModule, MetaModule],
  controllers: [TicketsController],
  providers: [TicketsService, PersonalTickets, TicketsQuery, TicketsRetention],
  exports: [PersonalTickets, TicketsQuery],
})
export class TicketsModule {}
