import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the organisers told the console about the room: the attendance they expect (not part of the frozen setup). */
@Entity('join_watch')
export class JoinWatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer', nullable: true }) expectedAttendance: number | null;
}
