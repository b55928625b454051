import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EveningsModule } from '../evenings/evenings.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsQuery } from './incidents.query';
import { IncidentsRetention } from './incidents-retention';
import { IncidentsService } from './incidents.service';

/** The organisers' account of the procedure beside the live log: incidents. */
@Module({
  imports: [AccountsModule, EveningsModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentsQuery, IncidentsRetention],
  exports: [IncidentsQuery],
})
export class ProcedureModule {}
