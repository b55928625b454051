import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MetaModule } from '../meta/meta.module';
import { ResultsModule } from '../results/results.module';
import { AdviceController } from './advice.controller';
import { AdviceService } from './advice.service';
import { CommitteeController } from './committee.controller';
import { CommitteeService } from './committee.service';

@Module({
  imports: [AccountsModule, MetaModule, ResultsModule],
  controllers: [AdviceController, CommitteeController],
  providers: [AdviceService, CommitteeService],
})
export class AdviceModule {}
