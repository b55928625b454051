import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BidderDetailField } from '@buurtjury/shared';

/**
 * A personal link to a bidder's own page (bidder-portal/). Only the SHA-256 of its token is stored.
 * A new link for the same bidder revokes the one before; the latest row per bidder is the current
 * one. The contact e-mail lives here, not in the bidder (which is part of the frozen setup).
 */
@Entity('bidder_link')
@Index(['eveningId', 'bidderId', 'createdAt'])
export class BidderLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'varchar', length: 36 }) bidderId: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  /** The bidder's contact e-mail; personal data, cleared with the evening's other personal data (retention). */
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Column({ type: 'varchar', length: 2 }) language: 'nl' | 'en';
  @Column({ type: Date }) createdAt: Date;
  @Column({ type: 'varchar', length: 120 }) createdByName: string;
  @Column({ type: Date }) expiresAt: Date;
  @Column({ type: Date, nullable: true }) revokedAt: Date | null;
  @Column({ type: Date, nullable: true }) firstOpenedAt: Date | null;
  @Column({ type: Date, nullable: true }) lastOpenedAt: Date | null;
  @Column({ type: 'integer', default: 0 }) openings: number;
  /** The bidder's last change of its details through this link: when, and which fields. */
  @Column({ type: Date, nullable: true }) lastChangeAt: Date | null;
  @Column({ type: 'simple-json', nullable: true }) lastChangeFields: BidderDetailField[] | null;
}
