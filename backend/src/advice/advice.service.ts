import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  buildAdviceDocument,
  emptyAdvice,
  emptyAdviceSections,
  frameFingerprint,
  LANGUAGES,
  MASK_PLACEHOLDERS,
  problem,
  quoteText,
  recordCsv,
  remarkCheck,
  unconfirmedQuotes,
  type AdviceAuthorship,
  type AdviceContent,
  type AdviceDocument,
  type AdviceDocumentInput,
  type Incident,
  type AdviceDraftView,
  type AdviceFileView,
  type AdviceVersionView,
  type AdviceWorkspaceResponse,
  type IssueAdviceRequest,
  type Language,
  type RemarkSuggestion,
  type SaveAdviceRequest,
  sha256Hex,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AccountsQuery } from '../accounts/accounts.query';
import { EveningsQuery } from '../evenings/evenings.query';
import { conflict, notFound, unprocessable } from '../platform/common/app-error';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { MetaService } from '../meta/meta.service';
import { IncidentsQuery } from '../procedure/incidents.query';
import { ResultsService, type EveningOutcome } from '../results/results.service';
import { currentFrame, sealEvening } from '../evenings/evening.store';
import { AdviceDraftEntity, AdviceFileEntity, AdviceVersionEntity, CommitteeLinkEntity, KeptRemarkEntity } from '../infrastructure/database/schema/advice';
import { RenderService } from '../infrastructure/render/render.service';
import { maskedRemarks } from './remarks';

/** A stored file as it is served. */
export interface ServedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;

/** Files listed to readers; the in-app document JSON is stored but served through its own route. */
const LISTED_KINDS = new Set(['pdf', 'docx', 'record-json', 'record-csv', 'results-json']);

/**
 * The advice around the numbers: the organisers' draft, the masked remarks they can quote, the
 * generated document (in-app, PDF, DOCX) and issued versions. An issued version is written once,
 * with its files and their SHA-256, and never changed.
 */
@Injectable()
export class AdviceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
    private readonly results: ResultsService,
    private readonly meta: MetaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly render: RenderService,
    private readonly accounts: AccountsQuery,
    private readonly evenings: EveningsQuery,
    private readonly incidents: IncidentsQuery,
  ) {}

  async workspace(actor: Actor, eveningId: string): Promise<AdviceWorkspaceResponse> {
    const outcome = await this.results.outcome(actor, eveningId);
    const [draft, versions, remarks] = await Promise.all([this.draftView(outcome), this.versionViews(this.dataSource.manager, outcome.evening.id), this.suggestions(outcome)]);
    return { draft, remarks, versions, language: outcome.detail.language };
  }

  async save(actor: Actor, eveningId: string, request: SaveAdviceRequest): Promise<AdviceDraftView> {
    const outcome = await this.results.outcome(actor, eveningId, 'advice');
    const content = this.checkContent(outcome, request.content, await this.suggestions(outcome));
    await this.writer.write(async (m) => {
      const current = await m.findOneBy(AdviceDraftEntity, { eveningId: outcome.evening.id });
      const revision = current?.revision ?? 0;
      if (request.revision !== revision) throw draftChanged();
      await m.save(AdviceDraftEntity, { eveningId: outcome.evening.id, content, revision: revision + 1, updatedAt: new Date(), updatedById: actor.organiserId });
    });
    return this.draftView(outcome);
  }

  /** The draft as a document, for the in-app preview. */
  async preview(actor: Actor, eveningId: string, lang: Language): Promise<AdviceDocument> {
    const outcome = await this.results.outcome(actor, eveningId);
    const draft = await this.draft(outcome);
    return this.document(outcome, draft.content, null, lang, await this.suggestions(outcome), await this.seal(outcome, null), await this.incidents.forEvening(outcome.evening.id));
  }

  /** The draft as a PDF with the draft mark on its title page. */
  async previewPdf(actor: Actor, eveningId: string, lang: Language): Promise<ServedFile> {
    const document = await this.preview(actor, eveningId, lang);
    return { name: `advies-concept-${lang}.pdf`, contentType: CONTENT_TYPES.pdf, data: (await this.render.advice({ kind: 'advice', document, issuedAt: new Date(), formats: ['pdf'] })).pdf! };
  }

  /**
   * Issues ("vaststellen") the current draft as the next numbered version: both editions as PDF
   * and DOCX, the anonymised record and the results, each with its SHA-256, in one transaction.
   */
  async issue(actor: Actor, eveningId: string, request: IssueAdviceRequest): Promise<AdviceVersionView> {
    const outcome = await this.results.outcome(actor, eveningId, 'advice');
    const draft = await this.draft(outcome);
    if (request.revision !== draft.revision) throw draftChanged();
    const sections = emptyAdviceSections(draft.content, outcome.detail.bidders);
    if (sections.missing.length > 0) throw unprocessable('ADVICE_INCOMPLETE', problem('adviceIncomplete'), sections.missing);
    const suggestions = await this.suggestions(outcome);
    const unconfirmed = unconfirmedQuotes(draft.content, suggestions);
    if (unconfirmed.length > 0) {
      throw unprocessable(
        'QUOTES_NOT_CONFIRMED',
        `Check ${unconfirmed.length === 1 ? 'one quote' : `${unconfirmed.length} quotes`} for names and confirm ${unconfirmed.length === 1 ? 'it' : 'them'} first.`,
        unconfirmed.map((q) => `quote ${q.id} is not confirmed`),
      );
    }

    const eveningKey = outcome.evening.id;
    const previous = await this.dataSource.manager.count(AdviceVersionEntity, { where: { eveningId: eveningKey } });
    const note = (request.note ?? '').trim();
    if (previous > 0 && !note) {
      throw unprocessable('VALIDATION_FAILED', problem('advice.versionNoteMissing'), ['note is required from the second version on']);
    }
    // An issued version is never changed: what it would print as not written, the issuer confirms first.
    if (sections.empty.length > 0 && request.acceptEmpty !== true) throw unprocessable('ADVICE_EMPTY_SECTIONS', problem('adviceEmptySections'), sections.empty);
    const number = previous + 1;
    const issuedAt = new Date();
    issuedAt.setMilliseconds(0);
    const version = { number, issuedAt: issuedAt.toISOString(), issuedBy: actor.displayName, note };
    const authorship = pickAuthorship(request.authorship);
    // The address printed in the document: a committee link of its own (its token exists only in the document).
    const token = randomBytes(32).toString('base64url');
    const seal = await this.seal(outcome, `${this.meta.publicUrl()}/c/${token}`);
    const incidents = await this.incidents.forEvening(eveningKey);

    const files: Omit<AdviceFileEntity, 'versionId'>[] = [];
    const add = (name: string, kind: string, language: Language | null, contentType: string, data: Buffer): void => {
      files.push({ name, kind, language, contentType, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data: data.toString('base64') });
    };
    for (const lang of LANGUAGES) {
      const document = this.document(outcome, draft.content, version, lang, suggestions, seal, incidents, authorship);
      const { pdf, docx } = await this.render.advice({ kind: 'advice', document, issuedAt, formats: ['pdf', 'docx'] });
      add(`advies-v${number}-${lang}.pdf`, 'pdf', lang, CONTENT_TYPES.pdf, pdf!);
      add(`advies-v${number}-${lang}.docx`, 'docx', lang, CONTENT_TYPES.docx, docx!);
      add(`document-v${number}-${lang}.json`, 'document-json', lang, CONTENT_TYPES.json, Buffer.from(JSON.stringify(document), 'utf8'));
    }
    add('record.json', 'record-json', null, CONTENT_TYPES.json, Buffer.from(outcome.recordJson, 'utf8'));
    add('record.csv', 'record-csv', null, CONTENT_TYPES.csv, Buffer.from(recordCsv(outcome.record), 'utf8'));
    add('results.json', 'results-json', null, CONTENT_TYPES.json, Buffer.from(outcome.resultsJson, 'utf8'));
    const main = files.find((f) => f.name === `advies-v${number}-${outcome.detail.language}.pdf`)!;

    await this.writer.write(async (m) => {
      // Checked again inside the single writer: a second issue of the same revision, or a save in between, loses.
      // One after the other: a transaction has one connection (node-postgres deprecates parallel queries on it).
      const count = await m.count(AdviceVersionEntity, { where: { eveningId: eveningKey } });
      const current = await m.findOneBy(AdviceDraftEntity, { eveningId: eveningKey });
      if (count !== previous || (current?.revision ?? 0) !== draft.revision) throw draftChanged();
      // The first version seals the frame; a change to the evening's details while the files were made loses.
      const sealed = await sealEvening(m, eveningKey, issuedAt);
      if (sealed !== seal.frameFingerprint) {
        throw conflict('DRAFT_CHANGED', problem('advice.eveningChanged'));
      }
      // The document prints the incidents as they were read before rendering; one recorded or changed since loses too.
      if (JSON.stringify(await this.incidents.forEvening(eveningKey, m)) !== JSON.stringify(incidents)) {
        throw conflict('DRAFT_CHANGED', problem('advice.incidentsChanged'));
      }
      const id = randomUUID();
      await m.insert(AdviceVersionEntity, {
        id,
        eveningId: eveningKey,
        number,
        issuedAt,
        issuedById: actor.organiserId,
        issuedByName: actor.displayName,
        note,
        documentSha256: main.sha256,
        recordSha256: outcome.recordSha256,
        resultsSha256: outcome.resultsSha256,
        setupFingerprint: outcome.detail.fingerprint ?? '',
        frameFingerprint: sealed,
        draftRevision: draft.revision,
        authorship,
      });
      await m.insert(CommitteeLinkEntity, {
        id: randomUUID(),
        eveningId: eveningKey,
        tokenHash: sha256Hex(token),
        label: outcome.detail.language === 'nl' ? `Adres in het advies, versie ${number}` : `Address in the advice, version ${number}`,
        createdAt: issuedAt,
        createdByName: actor.displayName,
        revokedAt: null,
        printedInVersion: number,
      });
      for (const f of files) await m.insert(AdviceFileEntity, { ...f, versionId: id });
      await this.audit.append(
        m,
        eveningKey,
        [
          {
            type: 'advice-issued',
            actor: actor.organiserId,
            detail: {
              version: number,
              documentSha256: main.sha256,
              recordSha256: outcome.recordSha256,
              resultsSha256: outcome.resultsSha256,
              frameFingerprint: sealed,
              // The audit entry the document prints as the trail's head when it was made: the verifier checks it is in the chain, before this one.
              ...(seal.auditHead ? { printedHeadSequence: seal.auditHead.sequence, printedHeadHash: seal.auditHead.hash } : {}),
              // How many bidders the issuer confirmed to leave without any text (printed as not written).
              ...(sections.emptyBidderIds.length > 0 ? { emptySections: sections.emptyBidderIds.length } : {}),
            },
          },
        ],
        issuedAt,
      );
    });
    const views = await this.versionViews(this.dataSource.manager, eveningKey);
    return views.find((v) => v.number === number)!;
  }

  async versionFile(actor: Actor, eveningId: string, number: number, name: string): Promise<ServedFile> {
    const outcome = await this.results.outcome(actor, eveningId);
    return this.fileOf(outcome.evening.id, number, name);
  }

  async versionDocument(actor: Actor, eveningId: string, number: number, lang: Language): Promise<AdviceDocument> {
    const outcome = await this.results.outcome(actor, eveningId);
    return this.documentOf(outcome.evening.id, number, lang);
  }

  // ---------- used by the committee's read-only access (after its own access check) ----------

  async versionViews(m: EntityManager, eveningId: string): Promise<AdviceVersionView[]> {
    const versions = await m.find(AdviceVersionEntity, { where: { eveningId }, order: { number: 'DESC' } });
    if (versions.length === 0) return [];
    const files = await m
      .createQueryBuilder(AdviceFileEntity, 'f')
      .select(['f.versionId', 'f.name', 'f.kind', 'f.language', 'f.bytes', 'f.sha256'])
      .where('f.versionId IN (:...ids)', { ids: versions.map((v) => v.id) })
      .orderBy('f.name', 'ASC')
      .getMany();
    return versions.map((v) => ({
      number: v.number,
      issuedAt: v.issuedAt.toISOString(),
      issuedBy: v.issuedByName,
      note: v.note,
      documentSha256: v.documentSha256,
      recordSha256: v.recordSha256,
      resultsSha256: v.resultsSha256,
      setupFingerprint: v.setupFingerprint,
      frameFingerprint: v.frameFingerprint,
      authorship: v.authorship ?? null,
      files: files
        .filter((f) => f.versionId === v.id && LISTED_KINDS.has(f.kind))
        .map((f): AdviceFileView => ({ name: f.name, kind: f.kind as AdviceFileView['kind'], language: f.language as Language | null, bytes: f.bytes, sha256: f.sha256 })),
    }));
  }

  async fileOf(eveningId: string, number: number, name: string): Promise<ServedFile> {
    const m = this.dataSource.manager;
    const version = await m.findOneBy(AdviceVersionEntity, { eveningId, number });
    if (!version) throw notFound('adviceVersion', { number });
    const file = await m.findOneBy(AdviceFileEntity, { versionId: version.id, name });
    if (!file || !LISTED_KINDS.has(file.kind)) throw notFound('adviceFile', { name });
    return { name: file.name, contentType: file.contentType, data: Buffer.from(file.data, 'base64') };
  }

  async documentOf(eveningId: string, number: number, lang: Language): Promise<AdviceDocument> {
    const m = this.dataSource.manager;
    const version = await m.findOneBy(AdviceVersionEntity, { eveningId, number });
    if (!version) throw notFound('adviceVersion', { number });
    const file = await m.findOneBy(AdviceFileEntity, { versionId: version.id, name: `document-v${number}-${lang}.json` });
    if (!file) throw notFound('adviceEdition', { lang, number });
    return JSON.parse(Buffer.from(file.data, 'base64').toString('utf8')) as AdviceDocument;
  }

  // ---------- internals ----------

  private async draft(outcome: EveningOutcome): Promise<{ content: AdviceContent; revision: number; row: AdviceDraftEntity | null }> {
    const row = await this.dataSource.manager.findOneBy(AdviceDraftEntity, { eveningId: outcome.evening.id });
    const bidderIds = outcome.detail.bidders.map((b) => b.id);
    const content = row ? alignBidders(row.content, bidderIds) : emptyAdvice(bidderIds);
    return { content, revision: row?.revision ?? 0, row };
  }

  private async draftView(outcome: EveningOutcome): Promise<AdviceDraftView> {
    const { content, revision, row } = await this.draft(outcome);
    const updatedBy = row?.updatedById ? await this.accounts.displayName(row.updatedById) : null;
    return { content, revision, updatedAt: row?.updatedAt?.toISOString() ?? null, updatedBy };
  }

  /**
   * Remarks from counted ballots, masked in the evening's language, grouped by running order.
   * After retention the raw remarks are gone; their masked text kept then stands in.
   */
  async suggestions(outcome: EveningOutcome): Promise<RemarkSuggestion[]> {
    const d = outcome.detail;
    const position = new Map(d.bidders.map((b) => [b.id, b.position]));
    const live = maskedRemarks(outcome);
    const placeholders = Object.values(MASK_PLACEHOLDERS[d.language]);
    const kept = (await this.dataSource.manager.findBy(KeptRemarkEntity, { eveningId: outcome.evening.id }))
      .filter((k) => !live.some((r) => r.id === k.id))
      .map((k): RemarkSuggestion => {
        const masked = { text: k.text, possibleNames: [] };
        return {
          id: k.id,
          bidderId: k.bidderId,
          ...masked,
          masked: placeholders.reduce((n, p) => n + k.text.split(p).length - 1, 0),
          check: remarkCheck(masked),
          channel: k.channel,
        };
      });
    return [...live, ...kept].sort((a, b) => (position.get(a.bidderId) ?? 0) - (position.get(b.bidderId) ?? 0) || (a.id < b.id ? -1 : 1));
  }

  /** A saved draft must fit the evening: every bidder once, quotes that are this bidder's remarks, reviews of picked quotes. */
  private checkContent(outcome: EveningOutcome, content: AdviceContent, suggestions: readonly RemarkSuggestion[]): AdviceContent {
    const bidderIds = outcome.detail.bidders.map((b) => b.id);
    const remarks = new Map(suggestions.map((r) => [r.id, r.bidderId]));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const b of content.bidders) {
      if (!bidderIds.includes(b.bidderId)) problems.push(`bidders names ${b.bidderId}, who is not a bidder of this evening`);
      if (seen.has(b.bidderId)) problems.push(`bidders names ${b.bidderId} twice`);
      seen.add(b.bidderId);
      for (const q of b.quoteIds) if (remarks.get(q) !== b.bidderId) problems.push(`quote ${q} is not a remark about this bidder`);
    }
    const picked = new Set(content.bidders.flatMap((b) => b.quoteIds));
    const byId = new Map(suggestions.map((r) => [r.id, r]));
    for (const [id, review] of Object.entries(content.quoteReviews ?? {})) {
      // A review of a quote no longer picked is dropped (alignBidders); one that masks a word not marked is refused.
      if (picked.has(id) && review.masked.some((i) => i >= (byId.get(id)?.possibleNames.length ?? 0))) {
        problems.push(`quoteReviews of ${id} masks a word that is not marked as a possible name`);
      }
    }
    problems.push(...englishProblems(outcome.detail, content.english));
    if (problems.length > 0) throw unprocessable('VALIDATION_FAILED', problem('advice.notFitting'), problems);
    return alignBidders(content, bidderIds);
  }

  /** What the document prints about the seal: the frame's fingerprint (sealed, or as it would be now), the audit head, the committee page. */
  private async seal(outcome: EveningOutcome, committeeUrl: string | null): Promise<AdviceDocumentInput['seal']> {
    const m = this.dataSource.manager;
    // Read again: the seal may have been set since the outcome was loaded.
    const evening = (await this.evenings.byId(outcome.evening.id, m)) ?? outcome.evening;
    const frame = currentFrame(evening);
    return {
      frameFingerprint: evening.frameFingerprint ?? (frame ? frameFingerprint(frame) : null),
      auditHead: await this.audit.head(m, evening.id),
      committeeUrl,
    };
  }

  private document(
    outcome: EveningOutcome,
    content: AdviceContent,
    version: { number: number; issuedAt: string; issuedBy: string; note: string } | null,
    lang: Language,
    suggestions: readonly RemarkSuggestion[],
    seal: AdviceDocumentInput['seal'],
    incidents: Incident[],
    authorship: AdviceAuthorship | null = null,
  ): AdviceDocument {
    const quotes: Record<string, string> = {};
    // The quote in the evening's language, as the host confirmed it (placeholders follow the edition's language).
    for (const s of suggestions) quotes[s.id] = quoteText(s, content.quoteReviews?.[s.id], outcome.detail.language);
    return buildAdviceDocument(
      {
        evening: outcome.detail,
        network: outcome.network,
        conduct: outcome.conduct,
        results: outcome.report,
        mappedOnly: outcome.mappedOnly,
        resultsSha256: outcome.resultsSha256,
        recordSha256: outcome.recordSha256,
        advice: content,
        quotes,
        version,
        generatedAt: new Date().toISOString(),
        seal,
        retentionDays: this.config.retentionDays,
        software: this.meta.meta().version,
        incidents,
        authorship,
        remarks: suggestions.map((s) => ({ id: s.id, bidderId: s.bidderId, channel: s.channel })),
      },
      lang,
    );
  }
}

/** The authorship as stored and printed: exactly its fields (the DTO has validated and trimmed them). */
function pickAuthorship(a: AdviceAuthorship): AdviceAuthorship {
  return { name: a.name, role: a.role, addressee: a.addressee, reference: a.reference, subject: a.subject, replyEmail: a.replyEmail, replyAddress: a.replyAddress };
}

/** English versions must name this evening's bidders, criteria and scale grades, each once. */
function englishProblems(detail: EveningOutcome['detail'], english: AdviceContent['english']): string[] {
  if (!english) return [];
  const problems: string[] = [];
  const check = <T>(items: readonly T[], key: (x: T) => string | number, known: Set<string | number>, what: string): void => {
    const seen = new Set<string | number>();
    for (const item of items) {
      const k = key(item);
      if (!known.has(k)) problems.push(`english.${what} names ${k}, which is not one of this evening's ${what}`);
      if (seen.has(k)) problems.push(`english.${what} names ${k} twice`);
      seen.add(k);
    }
  };
  check(english.bidders, (b) => b.bidderId, new Set(detail.bidders.map((b) => b.id)), 'bidders');
  check(english.criteria, (c) => c.criterionId, new Set(detail.criteria.map((c) => c.id)), 'criteria');
  check(english.scale, (l) => l.value, new Set(detail.scale.levels.map((l) => l.value)), 'scale');
  return problems;
}

function draftChanged() {
  return conflict('DRAFT_CHANGED', problem('advice.savedMeanwhile'));
}

/** The content with exactly one entry per bidder, in running order (new bidders get an empty entry). */
function alignBidders(content: AdviceContent, bidderIds: readonly string[]): AdviceContent {
  const byId = new Map(content.bidders.map((b) => [b.bidderId, b]));
  return {
    summary: content.summary,
    recommendation: content.recommendation,
    minorityViews: content.minorityViews,
    incidents: content.incidents,
    limitations: content.limitations,
    bidders: bidderIds.map((bidderId) => {
      const b = byId.get(bidderId);
      return { bidderId, strengths: b?.strengths ?? '', concerns: b?.concerns ?? '', conditions: b?.conditions ?? '', quoteIds: [...(b?.quoteIds ?? [])] };
    }),
    ...(content.english ? { english: content.english } : {}),
    quoteReviews: Object.fromEntries(
      Object.entries(content.quoteReviews ?? {})
        .filter(([id]) => content.bidders.some((b) => b.quoteIds.includes(id)))
        .map(([id, r]) => [id, { check: r.check, masked: [...new Set(r.masked)].sort((x, y) => x - y) }]),
    ),
  };
}
