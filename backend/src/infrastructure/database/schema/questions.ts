import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Questions from the room (questions/): a phone's question to the bidder on stage. Not a ballot:
 * nothing of it reaches the results. Personal data (the text may say who asked, the first name
 * does): at the retention period the first name and the phone go, and so does the text of a
 * question that never showed (questions/questions.service.ts).
 */
@Entity('question')
@Index(['eveningId', 'bidderId'])
@Index(['eveningId', 'attendeeId'])
export class QuestionEntity {
  /** Made on the phone (UUID), so a resend is stored once. */
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'varchar', length: 36 }) bidderId: string;
  /** The phone that asked; null once the retention period has passed. */
  @Column({ type: 'varchar', length: 36, nullable: true }) attendeeId: string | null;
  @Column({ type: 'varchar', length: 40, default: '' }) firstName: string;
  @Column({ type: 'text' }) text: string;
  /** pending, approved, hidden, merged or answered (shared/src/questions). */
  @Column({ type: 'varchar', length: 10 }) status: string;
  /** Phones that voted for it (merged questions' voters included). */
  @Column({ type: 'integer', default: 0 }) votes: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) mergedInto: string | null;
  @Column({ type: Date }) askedAt: Date;
  /** When it first showed (approved, or asked without pre-moderation); stays when hidden later. */
  @Column({ type: Date, nullable: true }) shownAt: Date | null;
  @Column({ type: Date, nullable: true }) answeredAt: Date | null;
  /** The last change (ms since the epoch): the boards' version. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) changed: number;
}

/** One phone's vote for one question: one per phone and question (the key). */
@Entity('question_vote')
export class QuestionVoteEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) questionId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) attendeeId: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
}

/** An evening's question settings (shared QuestionSettings); absent: the defaults. */
@Entity('question_settings')
export class QuestionSettingsEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'boolean', default: true }) preModeration: boolean;
  @Column({ type: 'boolean', default: false }) duringPitch: boolean;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) changed: number;
}
