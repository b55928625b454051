import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EveningPhase, PitchStatus, ScoringStatus, ScreenView } from '@buurtjury/shared';

/** The running state of an evening: one row per evening, created when the evening first goes live. */
@Entity('live_state')
export class LiveStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'varchar', length: 10 }) phase: EveningPhase;
  @Column({ type: 'varchar', length: 36, nullable: true }) currentBidderId: string | null;
  @Column({ type: 'varchar', length: 10 }) screenView: ScreenView;
  @Column({ type: 'boolean' }) liveResults: boolean;
  @Column({ type: 'integer' }) revealed: number;
  @Column({ nullable: true, type: Date }) startedAt: Date | null;
  @Column({ nullable: true, type: Date }) endedAt: Date | null;
}

@Entity('pitch_state')
export class PitchStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) bidderId: string;
  @Column({ type: 'varchar', length: 12 }) status: PitchStatus;
  @Column({ nullable: true, type: Date }) startedAt: Date | null;
  @Column({ type: 'varchar', length: 12 }) scoring: ScoringStatus;
  @Column({ nullable: true, type: Date }) scoringOpenedAt: Date | null;
  @Column({ nullable: true, type: Date }) scoringClosesAt: Date | null;
  @Column({ nullable: true, type: Date }) scoringClosedAt: Date | null;
}

/** What happened during the evening, in order: who started, opened, closed, reopened, skipped, ended. */
@Entity('evening_log')
@Index(['eveningId', 'sequence'], { unique: true })
export class EveningLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'varchar', length: 40 }) type: string;
  /** Organiser id, or "system" for automatic actions such as an automatic close. */
  @Column({ type: 'varchar', length: 36 }) actor: string;
  @Column({ type: 'simple-json' }) detail: Record<string, string | number | boolean | null>;
  @CreateDateColumn() at: Date;
}
