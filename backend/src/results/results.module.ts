import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Module({ imports: [AccountsModule], controllers: [ResultsController], providers: [ResultsService], exports: [ResultsService] })
export class ResultsModule {}
