import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  problem,
  sha256Hex,
  type AdviceDocument,
  type CommitteeLinkView,
  type CommitteeLinksResponse,
  type CommitteeOverview,
  type CreateCommitteeLinkRequest,
  type CreatedCommitteeLinkResponse,
  type Language,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AccountsQuery } from '../accounts/accounts.query';
import { AppError, conflict, notFound } from '../platform/common/app-error';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { EveningsQuery } from '../evenings/evenings.query';
import { requireEvening } from '../evenings/evening.store';
import { MetaService } from '../meta/meta.service';
import { MailService } from '../infrastructure/mail/mail.service';
import { AdviceService, type ServedFile } from './advice.service';
import { CommitteeAccessEntity, CommitteeLinkEntity } from '../infrastructure/database/schema/advice';

/** 32 random bytes, base64url: 43 characters. */
export const COMMITTEE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const ACCESS_LOG_LIMIT = 500;

/**
 * Read-only links for the tender committee. A link is an unguessable token (only its SHA-256 is
 * stored) that opens the issued versions of one evening and the data behind them; organisers can
 * withdraw it, and every opening and download through it is logged for them to see.
 */
@Injectable()
export class CommitteeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
    private readonly advice: AdviceService,
    private readonly meta: MetaService,
    private readonly mail: MailService,
    private readonly evenings: EveningsQuery,
    private readonly accounts: AccountsQuery,
    private readonly audit: AuditLog,
  ) {}

  // ---------- organisers ----------

  async create(actor: Actor, eveningId: string, request: CreateCommitteeLinkRequest): Promise<CreatedCommitteeLinkResponse> {
    const evening = await requireEvening(actor, eveningId, 'advice', this.dataSource.manager);
    const token = randomBytes(32).toString('base64url');
    const row: CommitteeLinkEntity = {
      id: randomUUID(),
      eveningId: evening.id,
      tokenHash: sha256Hex(token),
      label: request.label,
      createdAt: new Date(),
      createdByName: actor.displayName,
      revokedAt: null,
      printedInVersion: null,
    };
    await this.writer.write(async (m) => {
      await m.insert(CommitteeLinkEntity, row);
      // Who can read the issued advice is part of the record: a link made or withdrawn is an audit entry.
      await this.audit.append(m, evening.id, [{ type: 'committee-link-created', actor: actor.organiserId, detail: { linkId: row.id, label: row.label } }]);
    });
    const url = `${this.meta.publicUrl()}/c/${token}`;
    // The address is used for this mail only and not stored; the link exists whether or not the mail goes out.
    const mail = request.email
      ? await this.mail.send(
          request.email,
          {
            kind: 'committee-link',
            networkName: await this.accounts.networkName(evening.networkId, this.dataSource.manager),
            eveningTitle: evening.title,
            label: request.label,
            senderName: actor.displayName,
            url,
          },
          request.language ?? 'nl',
        )
      : 'off';
    return { ...toView(row, 0, null), url, mail };
  }

  async list(actor: Actor, eveningId: string): Promise<CommitteeLinksResponse> {
    const m = this.dataSource.manager;
    const evening = await requireEvening(actor, eveningId, 'read', m);
    const [links, accesses] = await Promise.all([
      m.find(CommitteeLinkEntity, { where: { eveningId: evening.id }, order: { createdAt: 'ASC' } }),
      m.find(CommitteeAccessEntity, { where: { eveningId: evening.id }, order: { at: 'DESC' }, take: ACCESS_LOG_LIMIT }),
    ]);
    const stats = await m
      .createQueryBuilder(CommitteeAccessEntity, 'a')
      .select('a.linkId', 'linkId')
      .addSelect('COUNT(*)', 'openings')
      .addSelect('MAX(a.at)', 'last')
      .where('a.eveningId = :id', { id: evening.id })
      .andWhere("a.action = 'opened'")
      .groupBy('a.linkId')
      .getRawMany<{ linkId: string; openings: string | number; last: string | Date }>();
    const byLink = new Map(stats.map((s) => [s.linkId, s]));
    const label = new Map(links.map((l) => [l.id, l.label]));
    const view = (l: CommitteeLinkEntity) => {
      const s = byLink.get(l.id);
      return toView(l, Number(s?.openings ?? 0), s ? new Date(s.last) : null);
    };
    return {
      links: links.filter((l) => l.printedInVersion === null).map(view),
      printed: links.filter((l) => l.printedInVersion !== null).map(view),
      accesses: accesses.map((a) => ({ at: a.at.toISOString(), linkLabel: label.get(a.linkId) ?? '', action: a.action, version: a.version })),
    };
  }

  async revoke(actor: Actor, eveningId: string, linkId: string): Promise<CommitteeLinkView> {
    const evening = await requireEvening(actor, eveningId, 'advice', this.dataSource.manager);
    const link = await this.writer.write(async (m) => {
      const row = await m.findOneBy(CommitteeLinkEntity, { id: linkId, eveningId: evening.id });
      if (!row) throw notFound('committeeLink');
      // The address printed in an issued version is how the committee checks it: it stays open.
      if (row.printedInVersion !== null) throw conflict('LINK_PRINTED', problem('advice.printedLink', { version: row.printedInVersion }));
      if (!row.revokedAt) {
        row.revokedAt = new Date();
        await m.update(CommitteeLinkEntity, { id: row.id }, { revokedAt: row.revokedAt });
        await this.audit.append(m, evening.id, [{ type: 'committee-link-revoked', actor: actor.organiserId, detail: { linkId: row.id, label: row.label } }]);
      }
      return row;
    });
    const listed = await this.list(actor, eveningId);
    return [...listed.links, ...listed.printed].find((l) => l.id === link.id)!;
  }

  // ---------- the committee, by token ----------

  async overview(token: string): Promise<CommitteeOverview> {
    const link = await this.open(token, 'opened', null);
    const m = this.dataSource.manager;
    const evening = (await this.evenings.byId(link.eveningId, m))!;
    const network = await this.accounts.networkName(evening.networkId, m);
    return {
      evening: {
        title: evening.title,
        date: evening.date,
        venue: evening.venue,
        tenderName: evening.tenderName,
        municipality: evening.tenderMunicipality,
        committee: evening.tenderCommittee,
        language: evening.language,
      },
      network,
      versions: await this.advice.versionViews(m, evening.id),
      seal: { frameFingerprint: evening.frameFingerprint, setupFingerprint: evening.fingerprint, sealedAt: evening.sealedAt?.toISOString() ?? null },
    };
  }

  /**
   * The canonical texts behind the fingerprints, as files whose SHA-256 is the fingerprint: the
   * sealed frame (`frame.json`, there once the first version is issued) and the frozen setup
   * (`setup.json`). The committee recomputes both with its own tools.
   */
  async canonical(token: string, name: 'frame.json' | 'setup.json'): Promise<ServedFile> {
    const link = await this.open(token, name, null);
    const evening = (await this.evenings.byId(link.eveningId))!;
    const text = name === 'frame.json' ? evening.frameCanonical : evening.canonicalSetup;
    if (!text) throw notFound(name === 'frame.json' ? 'sealedFrame' : 'frozenSetup');
    return { name, contentType: 'application/json; charset=utf-8', data: Buffer.from(text, 'utf8') };
  }

  async document(token: string, number: number, lang: Language): Promise<AdviceDocument> {
    const link = await this.open(token, `document-${lang}`, number);
    return this.advice.documentOf(link.eveningId, number, lang);
  }

  async file(token: string, number: number, name: string): Promise<ServedFile> {
    const link = await this.open(token, name, number);
    return this.advice.fileOf(link.eveningId, number, name);
  }

  /** The committee's access check for its own check of the evening (verification/): the evening id; logs the access. */
  async eveningToVerify(token: string): Promise<string> {
    return (await this.open(token, 'verify', null)).eveningId;
  }

  /** The access check for the committee: a known, not withdrawn token. Logs the access. */
  private async open(token: string, action: string, version: number | null): Promise<CommitteeLinkEntity> {
    if (!COMMITTEE_TOKEN_PATTERN.test(token)) throw notFound('link');
    const link = await this.dataSource.manager.findOneBy(CommitteeLinkEntity, { tokenHash: sha256Hex(token) });
    if (!link) throw notFound('link');
    if (link.revokedAt) throw new AppError(HttpStatus.FORBIDDEN, 'LINK_REVOKED', 'The organisers have withdrawn this link. Ask them for a new one.');
    const access: CommitteeAccessEntity = { id: randomUUID(), linkId: link.id, eveningId: link.eveningId, at: new Date(), action: action.slice(0, 80), version };
    await this.writer.write((m) => m.insert(CommitteeAccessEntity, access));
    return link;
  }
}

function toView(l: CommitteeLinkEntity, openings: number, lastOpenedAt: Date | null): CommitteeLinkView {
  return {
    id: l.id,
    label: l.label,
    createdAt: l.createdAt.toISOString(),
    createdBy: l.createdByName,
    revokedAt: l.revokedAt?.toISOString() ?? null,
    printedInVersion: l.printedInVersion,
    openings,
    lastOpenedAt: lastOpenedAt?.toISOString() ?? null,
  };
}
