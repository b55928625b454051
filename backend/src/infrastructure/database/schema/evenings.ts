import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AccessMode, AwardCriterion, Declarations, DrawCommitment, LotDraw, EveningAnnounced, Language, OrderMethod, ScaleKind } from '@buurtjury/shared';

@Entity('evening')
export class EveningEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) networkId: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 12 }) joinCode: string;
  @Column({ type: 'varchar', length: 2 }) language: Language;
  @Column({ type: 'varchar', length: 300 }) venue: string;
  @Column({ type: 'varchar', length: 10 }) date: string;
  @Column({ type: 'varchar', length: 5 }) startTime: string;
  @Column({ type: 'varchar', length: 120 }) tenderMunicipality: string;
  @Column({ type: 'varchar', length: 200 }) tenderName: string;
  @Column({ type: 'varchar', length: 120 }) tenderReference: string;
  @Column({ type: 'text' }) tenderSubject: string;
  @Column({ type: 'varchar', length: 200 }) tenderCommittee: string;
  @Column({ type: 'varchar', length: 10 }) adviceDeadline: string;
  /** The tender's own award criteria with their published weights, in the published order. Frozen with the setup. */
  @Column({ type: 'simple-json', default: '[]' }) awardCriteria: AwardCriterion[];
  /** Where the award criteria were published. */
  @Column({ type: 'text', default: '' }) awardPublishedIn: string;
  /** Whether the tender documents announced the resident evening: yes, no, unknown. */
  @Column({ type: 'varchar', length: 10, default: 'unknown' }) eveningAnnounced: EveningAnnounced;
  @Column({ type: 'text', default: '' }) eveningAnnouncedWhere: string;
  /** The commitment to the next draw's seed (its SHA-256) and the contributions so far; null when none. */
  @Column({ type: 'simple-json', nullable: true }) drawCommitment: DrawCommitment | null;
  @Column({ type: 'varchar', length: 10 }) scaleKind: ScaleKind;
  @Column({ type: 'varchar', length: 10 }) orderMethod: OrderMethod;
  /** Who may score: anyone with the join code, or only phones with a ticket. Fixed at the freeze. */
  @Column({ type: 'varchar', length: 10, default: 'open' }) accessMode: AccessMode;
  /** Attendees score only pitches that started after they joined. Fixed at the freeze. */
  @Column({ type: 'boolean', default: true }) presenceRule: boolean;
  /**
   * Minutes after a pitch's start within which a phone may still join and score it. Fixed at the
   * freeze. 0 for evenings from before it existed (the rule as it was); new evenings start at 5.
   */
  @Column({ type: 'integer', default: 0 }) presenceGraceMinutes: number;
  /** Paper score cards printed per pitch (numbers 1..this are valid). */
  @Column({ type: 'integer', default: 0 }) paperCardsPerPitch: number;
  /** Declarations of interest of the network, its moderators and the venue; part of the frozen setup. */
  @Column({ type: 'simple-json', default: '{"items":[],"noneDeclared":[]}' }) declarations: Declarations;
  @Column({ nullable: true, type: Date }) frozenAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) frozenById: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) fingerprint: string | null;
  /** The exact text the fingerprint was computed over, kept so it can be checked later. */
  @Column({ type: 'text', nullable: true }) canonicalSetup: string | null;
  /** When the first advice version was issued: title, date, start time, venue and language are sealed from then on. */
  @Column({ nullable: true, type: Date }) sealedAt: Date | null;
  /** The canonical text of the sealed frame (shared/src/logic/frame.ts) and its SHA-256; null for seals from before frames existed. */
  @Column({ type: 'text', nullable: true }) frameCanonical: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) frameFingerprint: string | null;
  @CreateDateColumn() createdAt: Date;
  @UpdateDateColumn() updatedAt: Date;
}

@Entity('bidder')
export class BidderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 120 }) contactPerson: string;
  @Column({ type: 'varchar', length: 200 }) pitchTitle: string;
  @Column({ type: 'text' }) pitchSummary: string;
  @Column({ type: 'integer' }) pitchMinutes: number;
  @Column({ type: 'integer' }) qaMinutes: number;
  /** The bidder's answer on its own page (bidder-portal): confirmed or declined to take part; null before it answered. Not part of the frozen setup. */
  @Column({ type: 'varchar', length: 10, nullable: true }) response: 'confirmed' | 'declined' | null;
  @Column({ type: Date, nullable: true }) respondedAt: Date | null;
}

@Entity('criterion')
export class CriterionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'text' }) explanation: string;
  @Column({ type: 'integer' }) weight: number;
  @Column({ type: 'varchar', length: 300 }) awardCriterion: string;
  @Column({ type: 'simple-json' }) levelDescriptors: Record<string, string>;
}

@Entity('scale_level')
@Index(['eveningId', 'value'], { unique: true })
export class ScaleLevelEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) value: number;
  @Column({ type: 'varchar', length: 60 }) label: string;
  @Column({ type: 'text' }) description: string;
}

@Entity('lot_draw')
@Index(['eveningId', 'sequence'], { unique: true })
export class LotDrawEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  /** 1 for the evening's first draw, then 2, 3, ...: the highest is the draw that counts. */
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'varchar', length: 100 }) seed: string;
  @Column({ type: 'varchar', length: 40 }) algorithm: string;
  @Column({ type: 'simple-json' }) input: string[];
  @Column({ type: 'simple-json' }) result: string[];
  @Column({ type: 'varchar', length: 36 }) drawnById: string;
  @Column({ type: 'varchar', length: 120 }) drawnByName: string;
  /** For a committed draw: the commitment, contributions and the revealed seed; null otherwise. */
  @Column({ type: 'simple-json', nullable: true }) commitReveal: LotDraw['commitReveal'];
  @CreateDateColumn() drawnAt: Date;
}
