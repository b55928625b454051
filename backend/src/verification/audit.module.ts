import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AdviceModule } from '../advice/advice.module';
import { AttendeesModule } from '../attendees/attendees.module';
import { BallotsModule } from '../ballots/ballots.module';
import { EveningsModule } from '../evenings/evenings.module';
import { PaperModule } from '../paper/paper.module';
import { ResultsModule } from '../results/results.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { CommitteeVerifyController } from './committee-verify.controller';

/**
 * Reading and verifying the audit trail: the top of the backend, reading every feature through its
 * query class (appending is `AuditLog`, in infrastructure/audit-log; the checks are pure, in shared).
 */
@Module({
  imports: [AccountsModule, EveningsModule, BallotsModule, AttendeesModule, PaperModule, AdviceModule, ResultsModule],
  controllers: [AuditController, CommitteeVerifyController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
