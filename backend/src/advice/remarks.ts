import { eveningKeepList, maskRemark, remarkCheck, type RemarkSuggestion } from '@buurtjury/shared';
import type { EveningOutcome } from '../results/results.service';

/**
 * The attendees' raw remarks of an ended evening, masked in the evening's language, with the
 * words that may still be a name marked (shared/src/advice/mask.ts). The evening's own texts are
 * kept where they are quoted whole.
 */
export function maskedRemarks(outcome: Pick<EveningOutcome, 'detail' | 'network' | 'remarks'>): RemarkSuggestion[] {
  const d = outcome.detail;
  const keep = eveningKeepList(d, outcome.network);
  return outcome.remarks.map((r): RemarkSuggestion => {
    const masked = maskRemark(r.text, d.language, keep);
    return { id: r.id, bidderId: r.bidderId, ...masked, check: remarkCheck(masked), channel: r.channel };
  });
}
