import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InvitedRole, NetworkEventType, OrganiserRole } from '@buurtjury/shared';

/** A resident network: the organisation that hosts evenings. Organisers see only their network's evenings. */
@Entity('network')
export class NetworkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @CreateDateColumn() createdAt: Date;
}

@Entity('organiser')
export class OrganiserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) networkId: string;
  /** Stored lower-case; unique across the installation. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 254 }) email: string;
  @Column({ type: 'varchar', length: 200 }) passwordHash: string;
  @Column({ type: 'varchar', length: 120 }) displayName: string;
  @Column({ type: 'varchar', length: 20 }) role: OrganiserRole;
  @CreateDateColumn() createdAt: Date;
  /**
   * Set when the member was removed from the network. The row stays so the audit trails still
   * name who did what; its e-mail address and password are cleared, so it cannot log in and the
   * address can be invited or sign up again.
   */
  @Column({ nullable: true, type: Date }) removedAt: Date | null;
}

/** A log-in. Only the SHA-256 of the bearer token is stored, so a copied database holds no usable tokens. */
@Entity('session')
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Index() @Column({ type: 'varchar', length: 36 }) organiserId: string;
  @CreateDateColumn() createdAt: Date;
  @Column() expiresAt: Date;
}

@Entity('invitation')
export class InvitationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) networkId: string;
  @Column({ type: 'varchar', length: 254 }) email: string;
  /** The role the invitee gets on sign-up. */
  @Column({ type: 'varchar', length: 20, default: 'co-organiser' }) role: InvitedRole;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 36 }) invitedById: string;
  @CreateDateColumn() createdAt: Date;
  @Column() expiresAt: Date;
  @Column({ nullable: true, type: Date }) acceptedAt: Date | null;
  @Column({ nullable: true, type: Date }) revokedAt: Date | null;
}

/** A change to the network's accounts (a member removed, a role changed, a password changed, sessions ended), kept for the organisers. */
@Entity('network_event')
export class NetworkEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) networkId: string;
  @Column({ type: 'varchar', length: 30 }) type: NetworkEventType;
  /** Names as they were at the time, so the record stays readable after a member is removed. */
  @Column({ type: 'varchar', length: 120 }) actorName: string;
  @Column({ type: 'varchar', length: 120 }) subjectName: string;
  @Column({ type: 'simple-json' }) detail: Record<string, string | number>;
  @Column({ type: Date }) at: Date;
}
