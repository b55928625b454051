import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A single-use admission ticket for an evening that admits by ticket. Its code is printed on the
 * card (and in its QR link) and kept here only as a hash (ticket-code.ts). The first phone that
 * joins with it is bound to it; the host can release it, after which the card (its holder) can
 * continue on another phone as the same voter, without seeing the earlier ballots' contents.
 */
@Entity('ticket')
@Index(['eveningId', 'number'], { unique: true })
@Index(['eveningId', 'codeHash'], { unique: true })
export class TicketEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'varchar', length: 64 }) codeHash: string;
  /** The attendee the ticket admitted; kept on release so the voter stays the same voter. */
  @Column({ type: 'varchar', length: 36, nullable: true }) attendeeId: string | null;
  @Column({ nullable: true, type: Date }) usedAt: Date | null;
  /** Set by the host's release, cleared when a phone uses the ticket again. */
  @Column({ nullable: true, type: Date }) releasedAt: Date | null;
  @Column({ type: Date }) createdAt: Date;
  /** When the card with the current code was printed; a reissue prints a new code and the old one stops working. */
  @Column({ type: Date }) issuedAt: Date;
  @Column({ type: 'integer', default: 0 }) reissued: number;
}
