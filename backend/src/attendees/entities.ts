import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An anonymous attendee. Only the SHA-256 of their phone's token is stored. */
@Entity('attendee')
export class AttendeeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 40 }) firstName: string;
  @CreateDateColumn() joinedAt: Date;
}

/** "I work for, volunteer for or am otherwise connected to this bidder." */
@Entity('tie_declaration')
export class TieDeclarationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) attendeeId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) bidderId: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @CreateDateColumn() declaredAt: Date;
}
