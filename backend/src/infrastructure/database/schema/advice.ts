import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AdviceAuthorship, AdviceContent } from '@buurtjury/shared';

/** The organisers' working copy of the advice: one per evening, saved with a revision number. */
@Entity('advice_draft')
export class AdviceDraftEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'simple-json' }) content: AdviceContent;
  @Column({ type: 'integer' }) revision: number;
  @Column({ type: Date, nullable: true }) updatedAt: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) updatedById: string | null;
}

/** An issued ("vastgestelde") version. Rows are only ever inserted, never updated or deleted. */
@Entity('advice_version')
@Index(['eveningId', 'number'], { unique: true })
export class AdviceVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: Date }) issuedAt: Date;
  @Column({ type: 'varchar', length: 36 }) issuedById: string;
  @Column({ type: 'varchar', length: 120 }) issuedByName: string;
  @Column({ type: 'text' }) note: string;
  @Column({ type: 'varchar', length: 64 }) documentSha256: string;
  @Column({ type: 'varchar', length: 64 }) recordSha256: string;
  @Column({ type: 'varchar', length: 64 }) resultsSha256: string;
  @Column({ type: 'varchar', length: 64 }) setupFingerprint: string;
  /** SHA-256 of the sealed frame the version was issued in; null for versions issued before frames existed. */
  @Column({ type: 'varchar', length: 64, nullable: true }) frameFingerprint: string | null;
  /** The draft revision it was issued from. */
  @Column({ type: 'integer' }) draftRevision: number;
  /** Who issued it, to whom, where the reply goes (JSON of `AdviceAuthorship`); null for versions issued before it was asked. */
  @Column({ type: 'simple-json', nullable: true }) authorship: AdviceAuthorship | null;
}

/** A file of an issued version: documents (PDF, DOCX, the in-app JSON) and the exports. Base64, portable across databases. */
@Entity('advice_file')
export class AdviceFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) versionId: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) name: string;
  @Column({ type: 'varchar', length: 20 }) kind: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) language: string | null;
  @Column({ type: 'varchar', length: 100 }) contentType: string;
  @Column({ type: 'integer' }) bytes: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'text' }) data: string;
}

/** A read-only link for the tender committee. Only the SHA-256 of its token is stored. */
@Entity('committee_link')
export class CommitteeLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Index() @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'varchar', length: 120 }) label: string;
  @Column({ type: Date }) createdAt: Date;
  @Column({ type: 'varchar', length: 120 }) createdByName: string;
  @Column({ type: Date, nullable: true }) revokedAt: Date | null;
  /** The advice version whose document prints this link's address; null for a link made by hand. */
  @Column({ type: 'integer', nullable: true }) printedInVersion: number | null;
}

/** Every opening of a committee link, and every download through it. */
@Entity('committee_access')
@Index(['eveningId', 'at'])
export class CommitteeAccessEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) linkId: string;
  @Column({ type: 'varchar', length: 36 }) eveningId: string;
  @Column({ type: Date }) at: Date;
  @Column({ type: 'varchar', length: 80 }) action: string;
  @Column({ type: 'integer', nullable: true }) version: number | null;
}

/**
 * A remark's masked text, kept once retention deleted the raw remarks (the advice keeps them when retention is due): the quotes the organisers
 * confirmed, as confirmed, and every other remark with each possible name masked too. Lets a later
 * version of the advice still quote them.
 */
@Entity('kept_remark')
export class KeptRemarkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) eveningId: string;
  @PrimaryColumn({ type: 'varchar', length: 16 }) id: string;
  @Column({ type: 'varchar', length: 36 }) bidderId: string;
  @Column({ type: 'text' }) text: string;
  /** Typed on a phone, or written on a paper card (entered alike by two moderators). */
  @Column({ type: 'varchar', length: 5, default: 'phone' }) channel: 'phone' | 'paper';
}
