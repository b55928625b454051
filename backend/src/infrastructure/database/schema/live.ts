import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
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

/**
 * The evening's audit trail, in order: setup frozen, pitches, scoring, ballots (by hash, not by
 * attendee), tickets, paper cards, advice. A hash chain (shared/src/audit/chain.ts): each entry
 * holds the SHA-256 of its content and of the entry before it. Append only, through AuditLog.
 */
@Entity('evening_log')
@Index(['eveningId', 'sequence'], { unique: true })
export class EveningLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'varchar', length: 40 }) type: string;
  /** Organiser id, "system" for automatic actions such as an automatic close, "attendee" for ballots. */
  @Column({ type: 'varchar', length: 36 }) actor: string;
  @Column({ type: 'simple-json' }) detail: Record<string, string | number | boolean | null>;
  @Column({ type: Date }) at: Date;
  @Column({ type: 'varchar', length: 64 }) previousHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}
