import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AttendeesModule } from '../attendees/attendees.module';
import { BallotsModule } from '../ballots/ballots.module';
import { EveningsModule } from '../evenings/evenings.module';
import { LiveModule } from '../live/live.module';
import { PaperModule } from '../paper/paper.module';
import { QuestionsModule } from '../questions/questions.module';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';

@Module({ imports: [AccountsModule, EveningsModule, LiveModule, AttendeesModule, BallotsModule, PaperModule, QuestionsModule], controllers: [ResultsController], providers: [ResultsService], exports: [ResultsService] })
export class ResultsModule {}
