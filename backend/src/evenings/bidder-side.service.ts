import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LIMITS, problem, type AuditDetail, type BidderDetailField, type BidderResponse } from '@buurtjury/shared';
import { badRequest, conflict, notFound } from '../platform/common/app-error';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { BidderEntity, EveningEntity } from '../infrastructure/database/schema/evenings';

/** The fields of its own that a bidder corrects on its page (the e-mail lives with its link, in bidder-portal). */
export interface BidderOwnDetails {
  contactPerson: string;
  pitchTitle: string;
  pitchSummary: string;
}

/**
 * The changes a bidder makes to its own row through its page (bidder-portal): its answer, its
 * contact person, pitch title and summary, and its contribution to a committed lot draw. The bidder
 * is no organiser: the caller has checked the bidder's personal link and passes the evening and
 * bidder it belongs to, and its write transaction, so the bidder's other changes (its e-mail, the
 * link's record) commit together. Only before the freeze; each change is an audit entry by actor
 * `bidder` with the bidder's name and id.
 */
@Injectable()
export class BidderSideService {
  constructor(private readonly audit: AuditLog) {}

  /** The evening and the bidder, for a change: refused once the setup is frozen. */
  private async draft(m: EntityManager, eveningId: string, bidderId: string): Promise<{ evening: EveningEntity; bidder: BidderEntity }> {
    const evening = await m.findOneBy(EveningEntity, { id: eveningId });
    const bidder = evening ? await m.findOneBy(BidderEntity, { id: bidderId, eveningId }) : null;
    if (!evening || !bidder) throw notFound('bidderLink');
    if (evening.frozenAt) throw conflict('SETUP_FROZEN', problem('bidderPage.frozen'));
    return { evening, bidder };
  }

  async respond(m: EntityManager, eveningId: string, bidderId: string, response: BidderResponse): Promise<void> {
    const { evening, bidder } = await this.draft(m, eveningId, bidderId);
    if (bidder.response === response) return;
    await m.update(BidderEntity, { id: bidder.id }, { response, respondedAt: new Date() });
    await m.update(EveningEntity, { id: evening.id }, { updatedAt: new Date() });
    await this.audit.append(m, eveningId, [
      { type: 'bidder-responded', actor: 'bidder', detail: { bidderId, bidder: bidder.name, response, before: bidder.response ?? 'none' } },
    ]);
  }

  /**
   * Changes the bidder's own details; `otherChanged` names fields changed elsewhere in the same
   * transaction (the e-mail), so the audit entry lists every field once. Returns the changed fields.
   */
  async changeDetails(m: EntityManager, eveningId: string, bidderId: string, details: BidderOwnDetails, otherChanged: BidderDetailField[]): Promise<BidderDetailField[]> {
    const { evening, bidder } = await this.draft(m, eveningId, bidderId);
    const own = (['contactPerson', 'pitchTitle', 'pitchSummary'] as const).filter((k) => bidder[k] !== details[k]);
    const changed: BidderDetailField[] = [...own, ...otherChanged];
    if (changed.length === 0) return [];
    if (own.length > 0) {
      await m.update(BidderEntity, { id: bidder.id }, { contactPerson: details.contactPerson, pitchTitle: details.pitchTitle, pitchSummary: details.pitchSummary });
      await m.update(EveningEntity, { id: evening.id }, { updatedAt: new Date() });
    }
    // The pitch title is public (programme, advice): before and after. Contact details and the summary: which field only.
    const titleChange: AuditDetail = own.includes('pitchTitle') ? { 'pitchTitle.before': bidder.pitchTitle, 'pitchTitle.after': details.pitchTitle } : {};
    await this.audit.append(m, eveningId, [
      { type: 'bidder-details-changed', actor: 'bidder', detail: { bidderId, bidder: bidder.name, fields: changed.join(','), ...titleChange } },
    ]);
    return changed;
  }

  /** Adds the bidder's own contribution to the committed draw: once per bidder and commitment. */
  async addContribution(m: EntityManager, eveningId: string, bidderId: string, text: string): Promise<void> {
    const { evening, bidder } = await this.draft(m, eveningId, bidderId);
    const committed = evening.drawCommitment;
    if (!committed) throw conflict('INVALID_STATE', problem('bidderPage.noDraw'));
    const earlier = committed.contributions.find((c) => c.bidderId === bidderId);
    if (earlier) throw conflict('INVALID_STATE', problem('bidderPage.alreadyContributed', { time: earlier.addedAt }));
    if (committed.contributions.length >= LIMITS.drawContributionsMax) {
      throw badRequest('VALIDATION_FAILED', problem('bidderPage.contributionsFull', { max: LIMITS.drawContributionsMax }));
    }
    // The bidder entered it itself: "by" and "entered by" are both the bidder, as the advice prints them.
    const contribution = { text, by: bidder.name, addedAt: new Date().toISOString(), enteredBy: bidder.name, bidderId };
    await m.update(EveningEntity, { id: evening.id }, { drawCommitment: { ...committed, contributions: [...committed.contributions, contribution] }, updatedAt: new Date() });
    await this.audit.append(m, eveningId, [
      { type: 'draw-contribution-added', actor: 'bidder', detail: { commitment: committed.hash, text, by: bidder.name, bidderId, number: committed.contributions.length + 1 } },
    ]);
  }
}
