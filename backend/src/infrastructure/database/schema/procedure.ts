import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Something the organisers recorded about the evening: when, what happened, its effect, the measure taken. */
@Entity('incident')
export class IncidentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: Date }) at: Date;
  @Column({ type: 'text' }) what: string;
  @Column({ type: 'text' }) effect: string;
  @Column({ type: 'text' }) measure: string;
  @Column({ type: 'varchar', length: 36 }) recordedById: string;
  @Column({ type: 'varchar', length: 120 }) recordedByName: string;
  @Column({ type: Date }) recordedAt: Date;
  @Column({ type: Date }) updatedAt: Date;
}
