import { Global, Module } from '@nestjs/common';
import { DatabaseWriter } from './database-writer';

/** The serialised writer every feature commits through (the data source itself is TypeORM's). */
@Global()
@Module({ providers: [DatabaseWriter], exports: [DatabaseWriter] })
export class DatabaseModule {}
