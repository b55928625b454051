import { Injectable } from '@nestjs/common';
import { quoteText, remarkCheck, reviewFits, type QuoteReview } from '@buurtjury/shared';
import { AdviceDraftEntity, KeptRemarkEntity } from '../infrastructure/database/schema/advice';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { LiveQuery } from '../live/live.query';
import { ResultsService } from '../results/results.service';
import { maskedRemarks } from './remarks';

/**
 * Retention for the advice, before the raw remarks go: the masked form of each counted remark is
 * kept, so a later version can still quote it: a quote the host confirmed as confirmed, any other
 * remark with every possible name masked. The draft's confirmations move to the kept text. An
 * evening that has not ended has no results and no quotes, so nothing is kept.
 */
@Injectable()
export class AdviceRetention {
  constructor(
    events: DomainEvents,
    private readonly live: LiveQuery,
    private readonly results: ResultsService,
  ) {
    events.subscribe('retentionKeeping', async ({ evening, manager: m, tally }) => {
      if ((await this.live.state(evening.id, m))?.phase !== 'ended') return;
      const outcome = await this.results.outcomeOf(evening);
      const draft = await m.findOneBy(AdviceDraftEntity, { eveningId: evening.id });
      const reviews = draft?.content.quoteReviews ?? {};
      const nextReviews: Record<string, QuoteReview> = {};
      const kept = maskedRemarks(outcome).map((s): KeptRemarkEntity => {
        const review = reviews[s.id];
        const text = quoteText(s, review, outcome.detail.language);
        if (reviewFits(s, review)) nextReviews[s.id] = { check: remarkCheck({ text, possibleNames: [] }), masked: [] };
        return { eveningId: evening.id, id: s.id, bidderId: s.bidderId, text, channel: s.channel };
      });
      for (const k of kept) await m.insert(KeptRemarkEntity, k);
      if (draft) await m.update(AdviceDraftEntity, { eveningId: evening.id }, { content: { ...draft.content, quoteReviews: nextReviews } });
      tally.keptRemarks = kept.length;
    });
  }
}
