import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ResultsModule } from '../results/results.module';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Reading and verifying the audit trail (appending is AuditLog, in the database module). */
@Module({ imports: [AccountsModule, ResultsModule], controllers: [AuditController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
