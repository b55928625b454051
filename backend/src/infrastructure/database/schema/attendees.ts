import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An anonymous attendee. Only the SHA-256 of their phone's token is stored, and only until the
 * retention period after the advice has passed: then it and the first name are cleared
 * (backend/src/privacy/retention.service.ts), and the id links the ballots to no phone.
 */
@Entity('attendee')
export class AttendeeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64, nullable: true }) tokenHash: string | null;
  @Column({ type: 'varchar', length: 40 }) firstName: string;
  @CreateDateColumn() joinedAt: Date;
  /**
   * Ballots with a serial below this were sent from an earlier phone, before the voter's ticket
   * was released for the current one: they count, but the current phone is not shown their
   * contents. 0 for a voter still on their first phone.
   */
  @Column({ type: 'integer', default: 0 }) phoneSinceSerial: number;
  /**
   * Code of the network address the phone joined from, for the join counts per address (never
   * the address: a keyed hash whose key lives only in the server's memory, see JoinWatchService).
   * Null for phones from before this was kept, and after retention.
   */
  @Column({ type: 'varchar', length: 16, nullable: true }) joinAddress: string | null;
}

/**
 * A phone whose ticket was released for another phone: the SHA-256 of its old token, so it can
 * be told why it is out rather than asked for a ticket as if it were new. Deleted with the rest
 * of the evening's personal data (retention).
 */
@Entity('released_phone')
export class ReleasedPhoneEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) tokenHash: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: Date }) releasedAt: Date;
}

/** "I work for, volunteer for or am otherwise connected to this bidder." */
@Entity('tie_declaration')
export class TieDeclarationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) attendeeId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) bidderId: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @CreateDateColumn() declaredAt: Date;
}
