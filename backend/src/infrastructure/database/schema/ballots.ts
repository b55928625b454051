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

/**
 * A ballot refused because scoring for its pitch had closed (or the evening had ended): not
 * counted, and kept only as a note that it came, so the console, the audit trail and the advice
 * can say how many arrived too late. No grades or remark. The id is the ballot's own, so a resend
 * is noted once; one note per phone and pitch.
 */
@Entity('late_ballot')
@Index(['attendeeId', 'bidderId'], { unique: true })
export class LateBallotEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'varchar', length: 36 }) bidderId: string;
  @Column({ type: 'varchar', length: 36 }) attendeeId: string;
  @Column({ type: Date }) receivedAt: Date;
}
