import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { QuestionsQuery } from './questions.query';
import { QuestionsRepository } from './questions.repository';
import { QuestionsService } from './questions.service';

/** Questions from the room: the phones' questions to the bidder on stage, their votes and their moderation. */
@Module({
  imports: [LiveModule],
  providers: [QuestionsService, QuestionsRepository, QuestionsQuery],
  exports: [QuestionsService, QuestionsQuery],
})
export class QuestionsModule {}
