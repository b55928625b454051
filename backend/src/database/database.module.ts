import { Global, Module } from '@nestjs/common';
import { DatabaseWriter } from './database-writer';

@Global()
@Module({ providers: [DatabaseWriter], exports: [DatabaseWriter] })
export class DatabaseModule {}
