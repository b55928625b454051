import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import { BidderLinkEntity } from '../infrastructure/database/schema/bidder-portal';

/** The bidders' links (table bidder_link): no other feature reads or writes it. */
@Injectable()
export class BidderLinksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Every link of the evening, oldest first (the last per bidder is its current one). */
  forEvening(eveningId: string, m: EntityManager = this.manager): Promise<BidderLinkEntity[]> {
    return m.find(BidderLinkEntity, { where: { eveningId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The bidder's latest link, revoked or not, or null. */
  latest(eveningId: string, bidderId: string, m: EntityManager = this.manager): Promise<BidderLinkEntity | null> {
    return m.findOne(BidderLinkEntity, { where: { eveningId, bidderId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  byTokenHash(tokenHash: string, m: EntityManager = this.manager): Promise<BidderLinkEntity | null> {
    return m.findOneBy(BidderLinkEntity, { tokenHash });
  }

  insert(m: EntityManager, row: BidderLinkEntity): Promise<unknown> {
    return m.insert(BidderLinkEntity, row);
  }

  update(m: EntityManager, id: string, change: Partial<Omit<BidderLinkEntity, 'id' | 'eveningId' | 'bidderId' | 'tokenHash'>>): Promise<unknown> {
    return m.update(BidderLinkEntity, { id }, change);
  }

  /** Revokes every link of the bidder that is not revoked yet. */
  revokeAll(m: EntityManager, eveningId: string, bidderId: string, at: Date): Promise<unknown> {
    return m.update(BidderLinkEntity, { eveningId, bidderId, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Retention: the bidders' e-mail addresses of the evening go; returns how many were cleared. */
  async clearEmails(m: EntityManager, eveningId: string): Promise<number> {
    const result = await m.update(BidderLinkEntity, { eveningId, email: Not(IsNull()) }, { email: null });
    return result.affected ?? 0;
  }
}
