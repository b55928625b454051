import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One moderator's typing of one paper score card. A card counts when two entries by different moderators agree. */
@Entity('paper_entry')
@Index(['eveningId', 'bidderId', 'cardNumber'])
export class PaperEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'varchar', length: 36 }) bidderId: string;
  @Column({ type: 'integer' }) cardNumber: number;
  @Column({ type: 'varchar', length: 36 }) enteredById: string;
  @Column({ type: 'varchar', length: 120 }) enteredByName: string;
  @Column({ type: 'simple-json' }) grades: Record<string, number>;
  @Column({ type: 'text' }) remark: string;
  @Column({ type: Date }) enteredAt: Date;
  /** Set when the moderator withdraws the entry (to retype it); withdrawn entries stay for the record. */
  @Column({ nullable: true, type: Date }) withdrawnAt: Date | null;
}
