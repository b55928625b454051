import { Injectable } from '@nestjs/common';
import type { QuestionRecord } from '@buurtjury/shared';
import { QuestionsRepository } from './questions.repository';

/** The questions' reads for other features (the advice's account): no names, no phones. */
@Injectable()
export class QuestionsQuery {
  constructor(private readonly repo: QuestionsRepository) {}

  /** Every question of the evening as the advice's record keeps it. */
  async records(eveningId: string): Promise<QuestionRecord[]> {
    const rows = await this.repo.forEvening(eveningId);
    return rows
      .sort((a, b) => a.askedAt.getTime() - b.askedAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((q) => ({ bidderId: q.bidderId, text: q.shownAt ? q.text : '', votes: q.votes, shown: q.shownAt !== null, answered: q.answeredAt !== null, askedAt: q.askedAt.toISOString() }));
  }
}
