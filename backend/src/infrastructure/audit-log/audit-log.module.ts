import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';

/** The appender of the evenings' hash-chained log, called by every writer of an audited change. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditLogModule {}
