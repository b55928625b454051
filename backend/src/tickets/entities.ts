import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A single-use admission ticket for an evening that admits by ticket. The code is printed on the
 * card (and in its QR link), so it is kept as is. The first phone that joins with it is bound to
 * it; the host can release it so the same voter continues on another phone.
 */
@Entity('ticket')
@Index(['eveningId', 'number'], { unique: true })
@Index(['eveningId', 'code'], { unique: true })
export class TicketEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'varchar', length: 16 }) code: string;
  /** The attendee the ticket admitted; kept on release so the voter stays the same voter. */
  @Column({ type: 'varchar', length: 36, nullable: true }) attendeeId: string | null;
  @Column({ nullable: true, type: Date }) usedAt: Date | null;
  /** Set by the host's release, cleared when a phone uses the ticket again. */
  @Column({ nullable: true, type: Date }) releasedAt: Date | null;
  @Column({ type: Date }) createdAt: Date;
}
