import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service';
import { AuditTrail } from './audit-trail';

/** The evenings' hash-chained log: the appender every writer of an audited change calls, and its reader. */
@Global()
@Module({ providers: [AuditLog, AuditTrail], exports: [AuditLog, AuditTrail] })
export class AuditLogModule {}
