import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MetaModule } from '../meta/meta.module';
import { ResultsModule } from '../results/results.module';
import { AuditModule } from '../audit/audit.module';
import { AdviceController } from './advice.controller';
import { AdviceService } from './advice.service';
import { CommitteeController } from './committee.controller';
import { CommitteeService } from './committee.service';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsService } from './receipts.service';

@Module({
  imports: [AccountsModule, MetaModule, ResultsModule, AuditModule],
  controllers: [AdviceController, CommitteeController, ReceiptsController],
  providers: [AdviceService, CommitteeService, ReceiptsService],
})
export class AdviceModule {}
