import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { EveningsModule } from '../evenings/evenings.module';
import { LiveModule } from '../live/live.module';
import { MetaModule } from '../meta/meta.module';
import { ResultsModule } from '../results/results.module';
import { ProcedureModule } from '../procedure/procedure.module';
import { AdviceController } from './advice.controller';
import { AdviceQuery } from './advice.query';
import { AdviceRetention } from './advice-retention';
import { AdviceService } from './advice.service';
import { CommitteeController } from './committee.controller';
import { CommitteeService } from './committee.service';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsService } from './receipts.service';

@Module({
  imports: [AccountsModule, EveningsModule, LiveModule, MetaModule, ResultsModule, ProcedureModule],
  controllers: [AdviceController, CommitteeController, ReceiptsController],
  providers: [AdviceService, CommitteeService, ReceiptsService, AdviceQuery, AdviceRetention],
  exports: [AdviceQuery, CommitteeService],
})
export class AdviceModule {}
