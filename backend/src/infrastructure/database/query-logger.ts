import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { errorMessageForLog } from '../../platform/common/log-safe';

/**
 * TypeORM's messages through Nest's logger (so LOG_LEVEL applies), without query parameters:
 * they hold password hashes, token hashes and remarks. A failed query logs its SQL and the error only.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.error(`Query failed: ${errorMessageForLog(error)} -- ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    const text = errorMessageForLog(message instanceof Error ? message : String(message));
    if (level === 'warn') this.logger.warn(text);
    else this.logger.log(text);
  }
}
