import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { LiveModule } from '../live/live.module';
import { ResultsModule } from '../results/results.module';
import { PaperController } from './paper.controller';
import { PaperService } from './paper.service';

/** Paper score cards and their double entry by two moderators. */
@Module({ imports: [AccountsModule, LiveModule, ResultsModule], controllers: [PaperController], providers: [PaperService] })
export class PaperModule {}
