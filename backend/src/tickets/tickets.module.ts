import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { MetaModule } from '../meta/meta.module';
import { TicketsController } from './tickets.controller';
import { TicketsQuery } from './tickets.query';
import { TicketsRetention } from './tickets-retention';
import { TicketsService } from './tickets.service';

/** Admission by ticket: the organisers' side (joining with a ticket is in attendees). */
@Module({ imports: [AccountsModule, LiveModule, MetaModule], controllers: [TicketsController], providers: [TicketsService, TicketsQuery, TicketsRetention], exports: [TicketsQuery] })
export class TicketsModule {}
