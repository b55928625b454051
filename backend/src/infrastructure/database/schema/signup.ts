import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An evening's public announcement and the rules of its sign-up (signup/): the page a network
 * links from its website or a flyer, under `/a/<code>`.
 */
@Entity('signup_page')
export class SignupPageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  /** The public code in the page's address; not the join code (which would let anyone join the vote ahead). */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 16 }) code: string;
  /** Whether residents can sign up now. */
  @Column({ type: 'boolean', default: false }) open: boolean;
  /** People the venue takes (sign-ups with everyone they bring); null: no limit. */
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  /** Whether a name alone will do (the e-mail address is then optional). */
  @Column({ type: 'boolean', default: false }) nameOnly: boolean;
  @Column({ type: 'varchar', length: 300, default: '' }) address: string;
  @Column({ type: 'text', default: '' }) accessibility: string;
  /** What residents will do that evening and why it matters. */
  @Column({ type: 'text', default: '' }) about: string;
  @Column({ type: Date }) updatedAt: Date;
}

/** One resident's sign-up. Personal data: deleted with the evening's other personal data (retention). */
@Entity('signup')
@Index(['eveningId', 'createdAt'])
export class SignupEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  /** SHA-256 of the personal link's token (confirmation page, calendar file, cancelling). */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  /** People coming along, besides the one signing up. */
  @Column({ type: 'integer', default: 0 }) guests: number;
  /** confirmed, waiting (the waiting list) or cancelled. */
  @Column({ type: 'varchar', length: 10 }) status: 'confirmed' | 'waiting' | 'cancelled';
  @Column({ type: 'varchar', length: 2 }) language: 'nl' | 'en';
  @Column({ type: Date }) createdAt: Date;
  @Column({ nullable: true, type: Date }) cancelledAt: Date | null;
  @Column({ nullable: true, type: Date }) arrivedAt: Date | null;
}
