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
   * Code of the network address the phone joined from, for the join counts per address (never
   * the address: a keyed hash whose key lives only in the server's memory, see JoinWatchService).
   * Null for phones from before this was kept, and after retention.
   */
  @Column({ type: 'varchar', length: 16, nullable: true }) joinAddress: string | null;
}

/** "I work for, volunteer for or am otherwise connected to this bidder." */
@Entity('tie_declaration')
export class TieDeclarationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) attendeeId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) bidderId: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @CreateDateColumn() declaredAt: Date;
}
