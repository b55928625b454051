import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InvitedRole, OrganiserRole } from '@buurtjury/shared';

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
