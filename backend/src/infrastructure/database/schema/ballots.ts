import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every accepted ballot, including versions later replaced: the latest `serial` of an attendee
 * for a bidder is the one that counts. The id is generated on the phone, so a resend is stored once.
 */
@Entity('ballot')
@Index(['eveningId', 'serial'], { unique: true })
@Index(['attendeeId', 'bidderId'])
export class BallotEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'varchar', length: 36 }) bidderId: string;
  @Column({ type: 'varchar', length: 36 }) attendeeId: string;
  @Column({ type: 'integer' }) serial: number;
  @Column({ type: 'simple-json' }) grades: Record<string, number>;
  @Column({ type: 'text' }) remark: string;
  @Column({ type: 'varchar', length: 12 }) receipt: string;
  @Column({ type: Date }) submittedAt: Date;
}
