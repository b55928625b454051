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
