import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsQuery } from './incidents.query';
import { IncidentsService } from './incidents.service';

/** The organisers' account of the procedure beside the live log: incidents. */
@Module({
  imports: [AccountsModule],
  controllers: [IncidentsController],
  providers: [IncidentsService, IncidentsQuery],
  exports: [IncidentsQuery],
})
export class ProcedureModule {}
