import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An evening whose personal data was deleted once the retention period after its advice had
 * passed: one row per evening, so the deletion runs once.
 */
@Entity('evening_purge')
export class EveningPurgeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: Date }) purgedAt: Date;
  /** The retention period in force at the time, in days. */
  @Column({ type: 'integer' }) retentionDays: number;
}

/**
 * A remark's masked text, kept once retention deleted the raw remarks: the quotes the organisers
 * confirmed, as confirmed, and every other remark with each possible name masked too. Lets a later
 * version of the advice still quote them.
 */
@Entity('kept_remark')
export class KeptRemarkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @PrimaryColumn({ type: 'varchar', length: 16 }) id: string;
  @Column({ type: 'varchar', length: 36 }) bidderId: string;
  @Column({ type: 'text' }) text: string;
  /** Typed on a phone, or written on a paper card (entered alike by two moderators). */
  @Column({ type: 'varchar', length: 5, default: 'phone' }) channel: 'phone' | 'paper';
}
