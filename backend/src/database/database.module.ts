import { Global, Module } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service';
import { DatabaseWriter } from './database-writer';

@Global()
@Module({ providers: [DatabaseWriter, AuditLog], exports: [DatabaseWriter, AuditLog] })
export class DatabaseModule {}
