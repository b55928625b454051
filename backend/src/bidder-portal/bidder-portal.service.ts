import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  bidderFeedback,
  plannedSlots,
  problem,
  sha256Hex,
  type BidderContributionRequest,
  type BidderDetailsRequest,
  type BidderFeedbackView,
  type BidderLinksOverview,
  type BidderLinkView,
  type BidderPageView,
  type BidderResponse,
  type CreatedBidderLinkResponse,
  type EveningDetail,
  type InviteBidderRequest,
  type Language,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AccountsQuery } from '../accounts/accounts.query';
import { AdviceQuery } from '../advice/advice.query';
import { BidderSideService } from '../evenings/bidder-side.service';
import { EveningsQuery } from '../evenings/evenings.query';
import { MetaService } from '../meta/meta.service';
import { AppError, conflict, notFound } from '../platform/common/app-error';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { MailService } from '../infrastructure/mail/mail.service';
import type { BidderLinkEntity } from '../infrastructure/database/schema/bidder-portal';
import type { BidderEntity, EveningEntity } from '../infrastructure/database/schema/evenings';
import { BidderLinksRepository } from './bidder-links.repository';

/** A personal link's token: 32 random bytes, base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/**
 * How long a link works: long enough for the run-up to the evening and for the feedback sheet after
 * the advice (which is often weeks later); the host issues a new one when it has expired.
 */
export const BIDDER_LINK_DAYS = 120;

interface CheckedLink {
  link: BidderLinkEntity;
  evening: EveningEntity;
  bidder: BidderEntity;
}

/**
 * The bidders' own page: the host's personal link per bidder (stored hashed, revocable,
 * re-issuable, expiring, each opening logged in the audit trail, optionally mailed), and the
 * bidder's side of it: the frame every bidder sees alike, its answer, its details until the freeze,
 * its lot-draw contribution, and its feedback sheet from the issued advice. The bidder's rows are
 * the evenings feature's: changed only through `BidderSideService`.
 */
@Injectable()
export class BidderPortalService {
  private readonly logger = new Logger('BidderPortal');

  constructor(
    private readonly repo: BidderLinksRepository,
    private readonly writer: DatabaseWriter,
    private readonly evenings: EveningsQuery,
    private readonly bidderSide: BidderSideService,
    private readonly accounts: AccountsQuery,
    private readonly advice: AdviceQuery,
    private readonly meta: MetaService,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    events: DomainEvents,
  ) {
    events.subscribe('eveningPurged', async ({ eveningId }) => {
      const cleared = await this.writer.write((m) => this.repo.clearEmails(m, eveningId));
      if (cleared > 0) this.logger.log(`Retention: ${cleared} bidder e-mail addresses of evening ${eveningId} cleared`);
    });
  }

  // ---------- the host ----------

  async overview(actor: Actor, eveningId: string): Promise<BidderLinksOverview> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'read');
    return { mail: this.mail.enabled, bidders: await this.views(evening) };
  }

  /** Makes a new personal link for the bidder (the one before stops working) and mails it with SMTP_URL and an address. */
  async invite(actor: Actor, eveningId: string, bidderId: string, request: InviteBidderRequest): Promise<CreatedBidderLinkResponse> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'setup');
    const bidder = await this.evenings.bidder(evening.id, bidderId);
    if (!bidder) throw notFound('bidder');
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const row = await this.writer.write(async (m) => {
      const before = await this.repo.latest(evening.id, bidderId, m);
      await this.repo.revokeAll(m, evening.id, bidderId, now);
      const created: BidderLinkEntity = {
        id: randomUUID(),
        eveningId: evening.id,
        bidderId,
        tokenHash: sha256Hex(token),
        email: request.email !== undefined ? request.email : (before?.email ?? null),
        language: request.language ?? before?.language ?? evening.language,
        createdAt: now,
        createdByName: actor.displayName,
        expiresAt: new Date(now.getTime() + BIDDER_LINK_DAYS * 86_400_000),
        revokedAt: null,
        firstOpenedAt: null,
        lastOpenedAt: null,
        openings: 0,
        lastChangeAt: before?.lastChangeAt ?? null,
        lastChangeFields: before?.lastChangeFields ?? null,
      };
      await this.repo.insert(m, created);
      await this.audit.append(m, evening.id, [
        { type: 'bidder-invited', actor: actor.organiserId, detail: { bidderId, bidder: bidder.name, reissued: before !== null, expiresAt: created.expiresAt.toISOString() } },
      ]);
      return created;
    });
    const url = `${this.meta.publicUrl()}/b/${token}`;
    const mail = row.email
      ? await this.mail.send(
          row.email,
          {
            kind: 'bidder-invitation',
            bidderName: bidder.name,
            networkName: await this.accounts.networkName(evening.networkId),
            senderName: actor.displayName,
            eveningTitle: evening.title,
            date: evening.date,
            startTime: evening.startTime,
            venue: evening.venue,
            url,
            expiresAt: row.expiresAt,
          },
          row.language,
        )
      : 'off';
    const view = (await this.views(evening)).find((v) => v.bidderId === bidderId)!;
    return { link: view, url, mail };
  }

  /** Withdraws the bidder's link: its page answers 410 from now on. Nothing to withdraw changes nothing. */
  async revoke(actor: Actor, eveningId: string, bidderId: string): Promise<BidderLinkView> {
    const evening = await this.evenings.requireEvening(actor, eveningId, 'setup');
    const bidder = await this.evenings.bidder(evening.id, bidderId);
    if (!bidder) throw notFound('bidder');
    await this.writer.write(async (m) => {
      const latest = await this.repo.latest(evening.id, bidderId, m);
      if (!latest || latest.revokedAt) return;
      await this.repo.revokeAll(m, evening.id, bidderId, new Date());
      await this.audit.append(m, evening.id, [{ type: 'bidder-link-revoked', actor: actor.organiserId, detail: { bidderId, bidder: bidder.name } }]);
    });
    return (await this.views(evening)).find((v) => v.bidderId === bidderId)!;
  }

  // ---------- the bidder ----------

  /** The bidder's page; every opening is logged (the host sees the count, the audit trail each one). */
  async page(token: string): Promise<BidderPageView> {
    const checked = await this.requireLink(token);
    const { link, evening, bidder } = checked;
    const now = new Date();
    await this.writer.write(async (m) => {
      await this.repo.update(m, link.id, { openings: link.openings + 1, firstOpenedAt: link.firstOpenedAt ?? now, lastOpenedAt: now });
      await this.audit.append(m, evening.id, [{ type: 'bidder-page-opened', actor: 'bidder', detail: { bidderId: bidder.id, bidder: bidder.name, opening: link.openings + 1 } }], now);
    });
    return this.pageView(await this.requireLink(token));
  }

  async respond(token: string, response: BidderResponse): Promise<BidderPageView> {
    const { link, evening } = await this.requireLink(token);
    await this.writer.write((m) => this.bidderSide.respond(m, evening.id, link.bidderId, response));
    return this.pageView(await this.requireLink(token));
  }

  async changeDetails(token: string, request: BidderDetailsRequest): Promise<BidderPageView> {
    const { link, evening } = await this.requireLink(token);
    await this.writer.write(async (m) => {
      const email = request.email === '' ? null : request.email;
      const emailChanged = email !== link.email;
      const changed = await this.bidderSide.changeDetails(
        m,
        evening.id,
        link.bidderId,
        { contactPerson: request.contactPerson, pitchTitle: request.pitchTitle, pitchSummary: request.pitchSummary },
        emailChanged ? ['email'] : [],
      );
      if (changed.length === 0) return;
      await this.repo.update(m, link.id, { ...(emailChanged ? { email } : {}), lastChangeAt: new Date(), lastChangeFields: changed });
    });
    return this.pageView(await this.requireLink(token));
  }

  async contribute(token: string, request: BidderContributionRequest): Promise<BidderPageView> {
    const { link, evening } = await this.requireLink(token);
    await this.writer.write((m) => this.bidderSide.addContribution(m, evening.id, link.bidderId, request.text));
    return this.pageView(await this.requireLink(token));
  }

  /** The bidder's own feedback sheet from the latest issued version of the advice: its own numbers and remarks only. */
  async feedback(token: string, language: Language): Promise<BidderFeedbackView> {
    const { bidder, evening } = await this.requireLink(token);
    const issued = await this.advice.latestIssued(evening.id, language);
    if (!issued) throw conflict('ADVICE_NOT_ISSUED', problem('bidderPage.noAdvice'));
    const sheet = bidderFeedback({ version: issued.number, issuedAt: issued.issuedAt.toISOString(), language, results: issued.results, document: issued.document, bidderId: bidder.id });
    if (!sheet) throw notFound('bidder');
    return sheet;
  }

  // ---------- inside ----------

  private async requireLink(token: string): Promise<CheckedLink> {
    if (!TOKEN_PATTERN.test(token)) throw notFound('bidderLink');
    const link = await this.repo.byTokenHash(sha256Hex(token));
    const evening = link ? await this.evenings.byId(link.eveningId) : null;
    const bidder = link && evening ? await this.evenings.bidder(evening.id, link.bidderId) : null;
    if (!link || !evening || !bidder) throw notFound('bidderLink');
    if (link.revokedAt) throw new AppError(HttpStatus.GONE, 'LINK_REVOKED', problem('bidderLink.revoked'));
    if (link.expiresAt.getTime() <= Date.now()) {
      throw new AppError(HttpStatus.GONE, 'LINK_REVOKED', problem('bidderLink.expired', { date: link.expiresAt.toISOString().slice(0, 10) }));
    }
    return { link, evening, bidder };
  }

  private async pageView({ link, evening, bidder }: CheckedLink): Promise<BidderPageView> {
    const detail = (await this.evenings.detailById(evening.id)) as EveningDetail;
    const committed = detail.drawCommitment;
    const own = committed?.contributions.find((c) => c.bidderId === bidder.id) ?? null;
    const versions = await this.advice.versions(evening.id);
    return {
      bidder: {
        id: bidder.id,
        name: bidder.name,
        contactPerson: bidder.contactPerson,
        email: link.email,
        pitchTitle: bidder.pitchTitle,
        pitchSummary: bidder.pitchSummary,
        pitchMinutes: bidder.pitchMinutes,
        qaMinutes: bidder.qaMinutes,
      },
      response: bidder.response,
      respondedAt: bidder.respondedAt?.toISOString() ?? null,
      editable: evening.frozenAt === null,
      frozenAt: detail.frozenAt,
      fingerprint: detail.fingerprint,
      expiresAt: link.expiresAt.toISOString(),
      language: link.language,
      evening: {
        title: detail.title,
        networkName: await this.accounts.networkName(evening.networkId),
        date: detail.date,
        startTime: detail.startTime,
        venue: detail.venue,
        language: detail.language,
        tenderName: detail.tender.name,
        municipality: detail.tender.municipality,
      },
      criteria: detail.criteria.map((c) => ({ name: c.name, explanation: c.explanation, weight: c.weight, levelDescriptors: { ...c.levelDescriptors } })),
      scale: detail.scale,
      rules: { ...detail.rules },
      orderMethod: detail.orderMethod,
      runningOrder: plannedSlots(detail.startTime, detail.bidders),
      draw: committed ? { hash: committed.hash, committedAt: committed.committedAt, contributions: committed.contributions.length, own: own ? { text: own.text, addedAt: own.addedAt } : null } : null,
      adviceVersion: versions.length > 0 ? versions[versions.length - 1]!.number : null,
    };
  }

  private async views(evening: EveningEntity): Promise<BidderLinkView[]> {
    const [detail, links] = await Promise.all([this.evenings.detailById(evening.id), this.repo.forEvening(evening.id)]);
    const latest = new Map<string, BidderLinkEntity>();
    for (const l of links) latest.set(l.bidderId, l);
    const responses = new Map((detail?.bidderResponses ?? []).map((r) => [r.bidderId, r]));
    return (detail?.bidders ?? []).map((b): BidderLinkView => {
      const l = latest.get(b.id) ?? null;
      const answer = responses.get(b.id) ?? null;
      const current = l && !l.revokedAt && l.expiresAt.getTime() > Date.now() ? l : null;
      const status = answer ? answer.response : current ? (current.openings > 0 ? 'opened' : 'invited') : 'not-invited';
      return {
        bidderId: b.id,
        status,
        email: l?.email ?? null,
        language: l?.language ?? evening.language,
        invitedAt: current?.createdAt.toISOString() ?? null,
        expiresAt: current?.expiresAt.toISOString() ?? null,
        revoked: l !== null && l.revokedAt !== null,
        firstOpenedAt: l?.firstOpenedAt?.toISOString() ?? null,
        lastOpenedAt: l?.lastOpenedAt?.toISOString() ?? null,
        openings: l?.openings ?? 0,
        response: answer?.response ?? null,
        respondedAt: answer?.at ?? null,
        lastChange: l?.lastChangeAt ? { at: l.lastChangeAt.toISOString(), fields: l.lastChangeFields ?? [] } : null,
      };
    });
  }
}
