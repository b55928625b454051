import { Injectable } from '@nestjs/common';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { requirePermission } from '../accounts/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  canonicalSetup,
  DEFAULT_PRESENCE_GRACE_MINUTES,
  EMPTY_DECLARATIONS,
  defaultVerbalScale,
  joinCodeFromBytes,
  sha256Hex,
  setupProblems,
  SEALED_DETAILS,
  type AuditDetail,
  type SealedDetail,
  type EveningDetail,
  type EveningSummary,
  type FingerprintResponse,
  type Tender,
  type CopyEveningRequest,
  type Language,
  LIMITS,
  problem,
} from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { conflict, unprocessable } from '../platform/common/app-error';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { DomainEvents } from '../infrastructure/events/domain-events';
import type { CreateEveningDto, UpdateEveningDto } from './dto/evening.dto';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';
import { toEveningDetail, toEveningSummary, toFrozenSetup } from './evening.mapper';
import { loadEveningRows, requireEvening } from './evening.store';


/** A copy's default title. */
function copyTitle(title: string, language: Language): string {
  const suffix = language === 'en' ? ' (copy)' : ' (kopie)';
  return title.length + suffix.length <= LIMITS.titleMax ? `${title}${suffix}` : title;
}

/** Refuses changes to a frozen setup. */
export function assertNotFrozen(evening: EveningEntity): void {
  if (evening.frozenAt) throw conflict('SETUP_FROZEN', problem('setup.frozen'));
}

const TENDER_COLUMNS: Record<keyof Tender, keyof EveningEntity> = {
  municipality: 'tenderMunicipality',
  name: 'tenderName',
  reference: 'tenderReference',
  subject: 'tenderSubject',
  committee: 'tenderCommittee',
  adviceDeadline: 'adviceDeadline',
};

/** Evenings of a resident network: create, read, edit the general details, freeze. */

/** A new evening (or a copy) starts unfrozen, unsealed, with nobody's declarations yet. */
const NOT_FROZEN_YET = {
  declarations: EMPTY_DECLARATIONS,
  frozenAt: null,
  frozenById: null,
  fingerprint: null,
  canonicalSetup: null,
  sealedAt: null,
  frameCanonical: null,
  frameFingerprint: null,
} as const;
@Injectable()
export class EveningsService {
  constructor(
    private readonly writer: DatabaseWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly domainEvents: DomainEvents,
    private readonly audit: AuditLog,
  ) {}

  async list(actor: Actor): Promise<EveningSummary[]> {
    requirePermission(actor, 'read');
    const m = this.dataSource.manager;
    const evenings = await m.find(EveningEntity, { where: { networkId: actor.networkId }, order: { date: 'DESC', createdAt: 'DESC' } });
    if (evenings.length === 0) return [];
    const ids = evenings.map((e) => e.id);
    const count = async (entity: typeof BidderEntity | typeof CriterionEntity) => {
      const rows = await m
        .createQueryBuilder(entity, 'x')
        .select('x.eveningId', 'eveningId')
        .addSelect('COUNT(*)', 'n')
        .where({ eveningId: In(ids) })
        .groupBy('x.eveningId')
        .getRawMany<{ eveningId: string; n: string | number }>();
      return new Map(rows.map((r) => [r.eveningId, Number(r.n)]));
    };
    const [bidders, criteria] = await Promise.all([count(BidderEntity), count(CriterionEntity)]);
    return evenings.map((e) => toEveningSummary(e, bidders.get(e.id) ?? 0, criteria.get(e.id) ?? 0));
  }

  async get(actor: Actor, eveningId: string): Promise<EveningDetail> {
    const m = this.dataSource.manager;
    const evening = await requireEvening(actor, eveningId, 'read', m);
    return toEveningDetail(await loadEveningRows(m, evening));
  }

  async create(actor: Actor, dto: CreateEveningDto): Promise<EveningDetail> {
    requirePermission(actor, 'setup');
    const language = dto.language ?? 'nl';
    const id = randomUUID();
    await this.writer.write(async (m) => {
      const evening = m.create(EveningEntity, {
        id,
        networkId: actor.networkId,
        title: dto.title,
        joinCode: await this.freshJoinCode(m),
        language,
        venue: dto.venue ?? '',
        date: dto.date ?? '',
        startTime: dto.startTime ?? '',
        tenderMunicipality: '',
        tenderName: '',
        tenderReference: '',
        tenderSubject: '',
        tenderCommittee: '',
        adviceDeadline: '',
        awardCriteria: [],
        awardPublishedIn: '',
        eveningAnnounced: 'unknown',
        eveningAnnouncedWhere: '',
        drawCommitment: null,
        scaleKind: 'verbal',
        orderMethod: 'manual',
        presenceGraceMinutes: DEFAULT_PRESENCE_GRACE_MINUTES,
        ...NOT_FROZEN_YET,
      });
      this.applyTender(evening, dto.tender ?? {});
      await m.insert(EveningEntity, evening);
      const scale = defaultVerbalScale(language);
      await m.insert(
        ScaleLevelEntity,
        scale.levels.map((l) => ({ id: randomUUID(), eveningId: id, ...l })),
      );
    });
    return this.get(actor, id);
  }

  /**
   * Copies an evening (frozen or not, of the actor's own network) as the start of a new draft.
   * Taken along: language, venue and start time, the tender (without the advice deadline, which
   * belongs to one evening), the award frame (award criteria, where they were published, whether
   * the tender documents announced the evening), the rules (access, presence, paper cards), the
   * scale with its levels, the order method, and the criteria with weights, award links and level
   * descriptors. Left behind: the date, everything of the evening itself (the declarations of
   * interest, which each evening's people make anew, the lot draws and their commitment, the
   * freeze and seal) and all it
   * produced (attendees, ballots, tickets, results, advice, sign-ups and the announcement page,
   * which live in other features and are never read here). With `bidders`, the bidders come
   * along in their order with name, contact person and time slots only (no pitch title or
   * summary); otherwise none. The new evening's trail starts with an `evening-copied` entry.
   */
  async copy(actor: Actor, sourceId: string, request: CopyEveningRequest): Promise<EveningDetail> {
    const source = await requireEvening(actor, sourceId, 'setup', this.dataSource.manager);
    const id = randomUUID();
    await this.writer.write(async (m) => {
      const rows = await loadEveningRows(m, source);
      const title = request.title ?? copyTitle(source.title, source.language);
      await m.insert(EveningEntity, {
        id,
        networkId: actor.networkId,
        title,
        joinCode: await this.freshJoinCode(m),
        language: source.language,
        venue: source.venue,
        date: '',
        startTime: source.startTime,
        tenderMunicipality: source.tenderMunicipality,
        tenderName: source.tenderName,
        tenderReference: source.tenderReference,
        tenderSubject: source.tenderSubject,
        tenderCommittee: source.tenderCommittee,
        adviceDeadline: '',
        awardCriteria: source.awardCriteria,
        awardPublishedIn: source.awardPublishedIn,
        eveningAnnounced: source.eveningAnnounced,
        eveningAnnouncedWhere: source.eveningAnnouncedWhere,
        drawCommitment: null,
        scaleKind: source.scaleKind,
        orderMethod: source.orderMethod,
        accessMode: source.accessMode,
        presenceRule: source.presenceRule,
        presenceGraceMinutes: source.presenceGraceMinutes,
        paperCardsPerPitch: source.paperCardsPerPitch,
        ...NOT_FROZEN_YET,
      });
      if (rows.levels.length > 0) {
        await m.insert(ScaleLevelEntity, rows.levels.map((l) => ({ id: randomUUID(), eveningId: id, value: l.value, label: l.label, description: l.description })));
      }
      if (rows.criteria.length > 0) {
        await m.insert(
          CriterionEntity,
          rows.criteria.map((c) => ({
            id: randomUUID(),
            eveningId: id,
            position: c.position,
            name: c.name,
            explanation: c.explanation,
            weight: c.weight,
            awardCriterion: c.awardCriterion,
            levelDescriptors: c.levelDescriptors,
          })),
        );
      }
      const bidders = request.bidders ? rows.bidders : [];
      if (bidders.length > 0) {
        await m.insert(
          BidderEntity,
          bidders.map((b) => ({
            id: randomUUID(),
            eveningId: id,
            position: b.position,
            name: b.name,
            contactPerson: b.contactPerson,
            pitchTitle: '',
            pitchSummary: '',
            pitchMinutes: b.pitchMinutes,
            qaMinutes: b.qaMinutes,
          })),
        );
      }
      await this.audit.append(m, id, [
        {
          type: 'evening-copied',
          actor: actor.organiserId,
          detail: { copiedFrom: source.title, copiedFromCode: source.joinCode, criteria: rows.criteria.length, biddersCopied: bidders.length },
        },
      ]);
    });
    return this.get(actor, id);
  }

  /**
   * Title, language, venue, date and time can change until the first advice version is issued (the
   * seal); the tender and rules only before freezing. After the freeze every change of those details
   * is an entry in the audit trail; after the seal a change is refused (409 EVENING_SEALED), and the
   * refused attempt is logged as well.
   */
  async update(actor: Actor, eveningId: string, dto: UpdateEveningDto): Promise<EveningDetail> {
    const refused = await this.writer.write(async (m) => {
      const evening = await requireEvening(actor, eveningId, 'setup', m);
      const changed = SEALED_DETAILS.filter((k: SealedDetail) => dto[k] !== undefined && dto[k] !== evening[k]);
      const detail: AuditDetail = { fields: changed.join(',') };
      for (const k of changed) {
        detail[`${k}.before`] = evening[k];
        detail[`${k}.after`] = dto[k]!;
      }
      if (evening.sealedAt && changed.length > 0) {
        await this.audit.append(m, eveningId, [{ type: 'evening-change-refused', actor: actor.organiserId, detail }]);
        return true;
      }
      if (dto.tender && Object.keys(dto.tender).length > 0) {
        const changes = (Object.keys(dto.tender) as (keyof Tender)[]).some((k) => evening[TENDER_COLUMNS[k]] !== dto.tender?.[k]);
        if (changes) assertNotFrozen(evening);
        this.applyTender(evening, dto.tender);
      }
      if (dto.rules) {
        const next = {
          accessMode: dto.rules.accessMode ?? evening.accessMode,
          presenceRule: dto.rules.presenceRule ?? evening.presenceRule,
          presenceGraceMinutes: dto.rules.presenceGraceMinutes ?? evening.presenceGraceMinutes,
        };
        if (next.accessMode !== evening.accessMode || next.presenceRule !== evening.presenceRule || next.presenceGraceMinutes !== evening.presenceGraceMinutes) {
          assertNotFrozen(evening);
        }
        Object.assign(evening, next);
      }
      if (dto.title !== undefined) evening.title = dto.title;
      if (dto.language !== undefined) evening.language = dto.language;
      if (dto.venue !== undefined) evening.venue = dto.venue;
      if (dto.date !== undefined) evening.date = dto.date;
      if (dto.startTime !== undefined) evening.startTime = dto.startTime;
      await m.save(evening);
      if (evening.frozenAt && changed.length > 0) await this.audit.append(m, eveningId, [{ type: 'evening-details-changed', actor: actor.organiserId, detail }]);
      return false;
    });
    if (refused) throw conflict('EVENING_SEALED', problem('setup.sealed'));
    const detail = await this.get(actor, eveningId);
    await this.domainEvents.publish('eveningDetailsChanged', { eveningId, details: { title: detail.title, venue: detail.venue, language: detail.language } });
    return detail;
  }

  /** Only a draft can be deleted: a frozen evening is a record that the advice may refer to. */
  async remove(actor: Actor, eveningId: string): Promise<void> {
    await this.writer.write(async (m) => {
      const evening = await requireEvening(actor, eveningId, 'setup', m);
      if (evening.frozenAt) throw conflict('SETUP_FROZEN', problem('setup.frozenNotDeleted'));
      for (const entity of [BidderEntity, CriterionEntity, ScaleLevelEntity, LotDrawEntity]) await m.delete(entity, { eveningId });
      await m.delete(EveningEntity, { id: eveningId });
    });
  }

  /**
   * Freezes the setup: from now on it cannot change, and its fingerprint (SHA-256 of the
   * canonical serialisation, which is stored as well) identifies it in the advice.
   */
  async freeze(actor: Actor, eveningId: string): Promise<EveningDetail> {
    await this.writer.write(async (m) => {
      const evening = await requireEvening(actor, eveningId, 'setup', m);
      if (evening.frozenAt) throw conflict('SETUP_FROZEN', problem('setup.alreadyFrozen'));
      const detail = toEveningDetail(await loadEveningRows(m, evening));
      const problems = setupProblems(detail);
      if (problems.length > 0) {
        throw unprocessable('SETUP_INCOMPLETE', problem('setupIncomplete', { first: problems[0]!.message }), problems.map(({ reason, params, message }) => ({ reason, params, message })));
      }
      const canonical = canonicalSetup(toFrozenSetup(detail));
      evening.canonicalSetup = canonical;
      evening.fingerprint = sha256Hex(canonical);
      evening.frozenAt = new Date();
      evening.frozenById = actor.organiserId;
      await m.save(evening);
      await this.audit.append(m, eveningId, [
        {
          type: 'setup-frozen',
          actor: actor.organiserId,
          detail: { fingerprint: evening.fingerprint, accessMode: evening.accessMode, presenceRule: evening.presenceRule, presenceGraceMinutes: evening.presenceGraceMinutes },
        },
      ]);
    });
    return this.get(actor, eveningId);
  }

  /** The stored canonical text and its hash, so anyone can recompute the fingerprint. */
  async fingerprint(actor: Actor, eveningId: string): Promise<FingerprintResponse> {
    const evening = await requireEvening(actor, eveningId, 'read', this.dataSource.manager);
    if (!evening.fingerprint || !evening.canonicalSetup) {
      throw conflict('SETUP_INCOMPLETE', problem('setup.noFingerprintYet'));
    }
    return { fingerprint: evening.fingerprint, algorithm: 'SHA-256 over RFC 8785 (JCS) canonical JSON', canonical: evening.canonicalSetup };
  }

  private applyTender(evening: EveningEntity, tender: Partial<Tender>): void {
    for (const key of Object.keys(TENDER_COLUMNS) as (keyof Tender)[]) {
      const value = tender[key];
      if (value !== undefined) (evening[TENDER_COLUMNS[key]] as string) = value;
    }
  }

  private async freshJoinCode(m: EntityManager): Promise<string> {
    for (;;) {
      const code = joinCodeFromBytes(randomBytes(8));
      if (!(await m.existsBy(EveningEntity, { joinCode: code }))) return code;
    }
  }
}
