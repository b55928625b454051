import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { BallotsModule } from '../ballots/ballots.module';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Module({ imports: [AccountsModule, BallotsModule], controllers: [ResultsController], providers: [ResultsService], exports: [ResultsService] })
export class ResultsModule {}
