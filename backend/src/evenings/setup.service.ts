import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  checkWeights,
  weightsIssue,
  drawRunningOrder,
  LIMITS,
  LOT_DRAW_ALGORITHM,
  COMMIT_REVEAL_SCHEME,
  combinedDrawSeed,
  seedCommitment,
  scaleIssues,
  problem,
  contradictoryRoles,
  normaliseDeclarations,
  type EveningDetail,
} from '@buurtjury/shared';
import type { DeclarationsDto } from './dto/declarations.dto';
import type { Actor } from '../accounts/actor';
import { badRequest, conflict, notFound, unprocessable } from '../platform/common/app-error';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import type {
  AwardDto,
  BidderDto,
  CriteriaOrderDto,
  CriterionDto,
  DrawCommitDto,
  DrawContributionDto,
  DrawDto,
  RunningOrderDto,
  ScaleDto,
  UpdateBidderDto,
  UpdateCriterionDto,
  WeightsDto,
} from './dto/evening.dto';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';
import { assertNotFrozen, EveningsService } from './evenings.service';
import { requireEvening } from './evening.store';

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Everything the freeze fixes: bidders and their running order, criteria and weights, the scale. */
@Injectable()
export class SetupService {
  constructor(
    private readonly writer: DatabaseWriter,
    private readonly evenings: EveningsService,
    private readonly audit: AuditLog,
  ) {}

  // ---------- bidders and running order ----------

  async addBidder(actor: Actor, eveningId: string, dto: BidderDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      const bidders = await m.findBy(BidderEntity, { eveningId });
      if (bidders.length >= LIMITS.biddersMax) throw badRequest('VALIDATION_FAILED', problem('setup.biddersMax', { max: LIMITS.biddersMax }));
      this.assertUniqueBidderName(bidders, dto.name);
      await m.insert(BidderEntity, {
        id: randomUUID(),
        eveningId,
        position: bidders.length + 1,
        name: dto.name,
        contactPerson: dto.contactPerson ?? '',
        pitchTitle: dto.pitchTitle ?? '',
        pitchSummary: dto.pitchSummary ?? '',
        pitchMinutes: dto.pitchMinutes,
        qaMinutes: dto.qaMinutes ?? 0,
      });
      this.orderNoLongerDrawn(evening);
    });
  }

  async updateBidder(actor: Actor, eveningId: string, bidderId: string, dto: UpdateBidderDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      const bidders = await m.findBy(BidderEntity, { eveningId });
      const bidder = bidders.find((b) => b.id === bidderId);
      if (!bidder) throw notFound('bidder');
      if (dto.name !== undefined && dto.name !== bidder.name) {
        this.assertUniqueBidderName(bidders.filter((b) => b.id !== bidderId), dto.name);
        this.orderNoLongerDrawn(evening);
      }
      Object.assign(bidder, dto);
      await m.save(bidder);
    });
  }

  async removeBidder(actor: Actor, eveningId: string, bidderId: string): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      const bidders = await m.find(BidderEntity, { where: { eveningId }, order: { position: 'ASC' } });
      if (!bidders.some((b) => b.id === bidderId)) throw notFound('bidder');
      await m.delete(BidderEntity, { id: bidderId });
      await this.renumber(m, bidders.filter((b) => b.id !== bidderId));
      this.orderNoLongerDrawn(evening);
    });
  }

  /** Sets the running order by hand: every bidder exactly once. */
  async setRunningOrder(actor: Actor, eveningId: string, dto: RunningOrderDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      const bidders = await m.findBy(BidderEntity, { eveningId });
      const ordered = this.inGivenOrder(bidders, dto.bidderIds, 'bidder');
      await this.renumber(m, ordered);
      evening.orderMethod = 'manual';
    });
  }

  /** Draws the running order by lot and logs the draw with its seed, so anyone can reproduce it. */
  async drawRunningOrder(actor: Actor, eveningId: string, dto: DrawDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      const bidders = await m.find(BidderEntity, { where: { eveningId }, order: { position: 'ASC' } });
      if (bidders.length < 2) throw conflict('ORDER_INVALID', problem('setup.drawTooFewBidders'));
      const committed = evening.drawCommitment;
      let seed: string;
      let commitReveal: LotDrawEntity['commitReveal'] = null;
      if (committed) {
        // A committed draw: the revealed seed must be the one committed to; contributions are mixed in.
        if (dto.seed === undefined || seedCommitment(dto.seed) !== committed.hash) {
          throw unprocessable('ORDER_INVALID', problem('drawSeedMismatch', { time: committed.committedAt, hash: committed.hash }));
        }
        seed = combinedDrawSeed(dto.seed, committed.contributions.map((c) => c.text));
        commitReveal = { ...committed, revealedSeed: dto.seed };
        evening.drawCommitment = null;
      } else {
        seed = dto.seed ?? randomBytes(8).toString('hex');
      }
      const ordered = drawRunningOrder(seed, bidders);
      await this.renumber(m, ordered);
      await m.insert(LotDrawEntity, {
        id: randomUUID(),
        eveningId,
        sequence: (await m.countBy(LotDrawEntity, { eveningId })) + 1,
        seed,
        algorithm: LOT_DRAW_ALGORITHM,
        input: bidders.map((b) => b.name),
        result: ordered.map((b) => b.name),
        drawnById: actor.organiserId,
        drawnByName: actor.displayName,
        commitReveal,
      });
      if (commitReveal) {
        await this.audit.append(m, eveningId, [
          { type: 'draw-revealed', actor: actor.organiserId, detail: { commitment: commitReveal.hash, revealedSeed: commitReveal.revealedSeed, contributions: commitReveal.contributions.length, seed, result: ordered.map((b) => b.name).join(' | ') } },
        ]);
      }
      evening.orderMethod = 'lot';
    });
  }

  /**
   * Commits to the seed of the next draw by its SHA-256 only (commit-reveal, see lot-draw.ts): the
   * hash is shown to everyone (setup, poster, audit trail) before the draw, and the draw refuses a
   * seed that does not match it. One commitment at a time: draw with it first.
   */
  async commitDraw(actor: Actor, eveningId: string, dto: DrawCommitDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      if (evening.drawCommitment) throw conflict('INVALID_STATE', problem('drawAlreadyCommitted'));
      const committedAt = new Date().toISOString();
      evening.drawCommitment = { scheme: COMMIT_REVEAL_SCHEME, hash: dto.hash, committedAt, committedBy: actor.displayName, contributions: [] };
      await this.audit.append(m, eveningId, [{ type: 'draw-committed', actor: actor.organiserId, detail: { commitment: dto.hash, scheme: COMMIT_REVEAL_SCHEME } }]);
    });
  }

  /** Adds a contribution to the committed draw (before the draw; each becomes one line of the draw's seed). */
  async addDrawContribution(actor: Actor, eveningId: string, dto: DrawContributionDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      const committed = evening.drawCommitment;
      if (!committed) throw conflict('INVALID_STATE', problem('drawNotCommitted'));
      if (committed.contributions.length >= LIMITS.drawContributionsMax) {
        throw badRequest('VALIDATION_FAILED', problem('setup.drawContributionsMax', { max: LIMITS.drawContributionsMax }));
      }
      const contribution = { text: dto.text, by: dto.by, addedAt: new Date().toISOString(), enteredBy: actor.displayName };
      evening.drawCommitment = { ...committed, contributions: [...committed.contributions, contribution] };
      await this.audit.append(m, eveningId, [
        { type: 'draw-contribution-added', actor: actor.organiserId, detail: { commitment: committed.hash, text: dto.text, by: dto.by, number: committed.contributions.length + 1 } },
      ]);
    });
  }

  // ---------- criteria and weights ----------

  async addCriterion(actor: Actor, eveningId: string, dto: CriterionDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m) => {
      const criteria = await m.findBy(CriterionEntity, { eveningId });
      if (criteria.length >= LIMITS.criteriaMax) throw badRequest('VALIDATION_FAILED', problem('setup.criteriaMax', { max: LIMITS.criteriaMax }));
      if (criteria.some((c) => sameName(c.name, dto.name))) throw conflict('DUPLICATE_NAME', problem('setup.duplicateCriterion', { name: dto.name }));
      const levelDescriptors = await this.checkedDescriptors(m, eveningId, dto.levelDescriptors ?? {});
      await m.insert(CriterionEntity, {
        id: randomUUID(),
        eveningId,
        position: criteria.length + 1,
        name: dto.name,
        explanation: dto.explanation ?? '',
        weight: dto.weight,
        awardCriterion: dto.awardCriterion ?? '',
        levelDescriptors,
      });
    });
  }

  async updateCriterion(actor: Actor, eveningId: string, criterionId: string, dto: UpdateCriterionDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m) => {
      const criteria = await m.findBy(CriterionEntity, { eveningId });
      const criterion = criteria.find((c) => c.id === criterionId);
      if (!criterion) throw notFound('criterion');
      const newName = dto.name;
      if (newName !== undefined && criteria.some((c) => c.id !== criterionId && sameName(c.name, newName))) {
        throw conflict('DUPLICATE_NAME', problem('setup.duplicateCriterion', { name: newName }));
      }
      const { levelDescriptors, ...rest } = dto;
      Object.assign(criterion, rest);
      if (levelDescriptors !== undefined) criterion.levelDescriptors = await this.checkedDescriptors(m, eveningId, levelDescriptors);
      await m.save(criterion);
    });
  }

  async removeCriterion(actor: Actor, eveningId: string, criterionId: string): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m) => {
      const criteria = await m.find(CriterionEntity, { where: { eveningId }, order: { position: 'ASC' } });
      if (!criteria.some((c) => c.id === criterionId)) throw notFound('criterion');
      await m.delete(CriterionEntity, { id: criterionId });
      await this.renumber(m, criteria.filter((c) => c.id !== criterionId));
    });
  }

  async setCriteriaOrder(actor: Actor, eveningId: string, dto: CriteriaOrderDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m) => {
      const criteria = await m.findBy(CriterionEntity, { eveningId });
      await this.renumber(m, this.inGivenOrder(criteria, dto.criterionIds, 'criterion'));
    });
  }

  /** Sets all weights at once; they must name every criterion once and add up to 100. */
  async setWeights(actor: Actor, eveningId: string, dto: WeightsDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m) => {
      const criteria = await m.findBy(CriterionEntity, { eveningId });
      const ordered = this.inGivenOrder(criteria, dto.weights.map((w) => w.criterionId), 'criterion');
      const check = checkWeights(dto.weights.map((w) => w.weight));
      const issue = weightsIssue(check);
      if (issue) throw badRequest('WEIGHTS_INVALID', issue);
      for (const [i, criterion] of ordered.entries()) {
        criterion.weight = dto.weights[i]!.weight;
        await m.save(criterion);
      }
    });
  }

  // ---------- the tender's award criteria ----------

  /**
   * Replaces the award frame: the tender's own award criteria with their published weights, where
   * they were published, and whether (and where) the tender announced the evening. A residents'
   * criterion mapped to an award criterion that is renamed or dropped keeps its mapping and stands
   * in the freeze checklist until it is mapped again.
   */
  async setAward(actor: Actor, eveningId: string, dto: AwardDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (_m, evening) => {
      const seen: string[] = [];
      for (const c of dto.criteria) {
        if (seen.some((name) => sameName(name, c.name))) throw conflict('DUPLICATE_NAME', problem('awardDuplicate', { name: c.name }));
        seen.push(c.name);
      }
      evening.awardCriteria = dto.criteria.map((c) => ({ name: c.name, weight: c.weight, description: c.description ?? '' }));
      evening.awardPublishedIn = dto.publishedIn ?? '';
      evening.eveningAnnounced = dto.eveningAnnounced;
      evening.eveningAnnouncedWhere = dto.eveningAnnounced === 'yes' ? (dto.announcedWhere ?? '') : '';
    });
  }

  // ---------- scale ----------

  /** Replaces the scale. Criterion descriptors for grades that no longer exist are dropped. */
  async setScale(actor: Actor, eveningId: string, dto: ScaleDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (m, evening) => {
      const levels = [...dto.levels].sort((a, b) => b.value - a.value);
      const problems = scaleIssues({ kind: dto.kind, levels });
      if (problems.length > 0) throw badRequest('SCALE_INVALID', problem('scaleUnusable', { first: problems[0]!.message }), problems);
      await m.delete(ScaleLevelEntity, { eveningId });
      await m.insert(
        ScaleLevelEntity,
        levels.map((l) => ({ id: randomUUID(), eveningId, value: l.value, label: l.label, description: l.description })),
      );
      evening.scaleKind = dto.kind;
      const values = new Set(levels.map((l) => String(l.value)));
      for (const criterion of await m.findBy(CriterionEntity, { eveningId })) {
        const kept = Object.fromEntries(Object.entries(criterion.levelDescriptors).filter(([k]) => values.has(k)));
        if (Object.keys(kept).length !== Object.keys(criterion.levelDescriptors).length) {
          criterion.levelDescriptors = kept;
          await m.save(criterion);
        }
      }
    });
  }

  // ---------- helpers ----------

  /**
   * Runs one change to a draft setup: access check, frozen check, the change, the evening's
   * `updatedAt`, all in one transaction; answers with the evening as it is afterwards.
   */
  // ---------- declarations of interest ----------

  /** Replaces the declarations of interest; part of the frozen setup, so only before the freeze. */
  async setDeclarations(actor: Actor, eveningId: string, dto: DeclarationsDto): Promise<EveningDetail> {
    return this.change(actor, eveningId, async (_m, evening) => {
      if (contradictoryRoles(dto).length > 0) throw badRequest('VALIDATION_FAILED', problem('procedure.declarationsContradict'));
      evening.declarations = normaliseDeclarations(dto);
    });
  }

  private async change(
    actor: Actor,
    eveningId: string,
    work: (m: EntityManager, evening: EveningEntity) => Promise<void>,
  ): Promise<EveningDetail> {
    await this.writer.write(async (m) => {
      const evening = await requireEvening(actor, eveningId, 'setup', m);
      assertNotFrozen(evening);
      await work(m, evening);
      evening.updatedAt = new Date();
      await m.save(evening);
    });
    return this.evenings.get(actor, eveningId);
  }

  private assertUniqueBidderName(others: BidderEntity[], name: string): void {
    if (others.some((b) => sameName(b.name, name))) throw conflict('DUPLICATE_NAME', problem('setup.duplicateBidder', { name }));
  }

  /** A drawn order stops being the drawn one once the set of bidders or their names change. */
  private orderNoLongerDrawn(evening: EveningEntity): void {
    evening.orderMethod = 'manual';
  }

  private inGivenOrder<T extends { id: string }>(items: T[], ids: string[], what: 'bidder' | 'criterion'): T[] {
    const byId = new Map(items.map((i) => [i.id, i]));
    if (ids.length !== items.length || ids.some((id) => !byId.has(id))) {
      throw badRequest('ORDER_INVALID', problem(what === 'bidder' ? 'setup.orderEveryBidder' : 'setup.orderEveryCriterion', { count: items.length }));
    }
    return ids.map((id) => byId.get(id)!);
  }

  private async renumber(m: EntityManager, ordered: (BidderEntity | CriterionEntity)[]): Promise<void> {
    for (const [i, item] of ordered.entries()) {
      if (item.position !== i + 1) {
        item.position = i + 1;
        await m.save(item);
      }
    }
  }

  private async checkedDescriptors(m: EntityManager, eveningId: string, descriptors: Record<string, string>): Promise<Record<string, string>> {
    const values = new Set((await m.findBy(ScaleLevelEntity, { eveningId })).map((l) => String(l.value)));
    const unknown = Object.keys(descriptors).filter((k) => !values.has(k));
    if (unknown.length > 0) {
      throw badRequest('VALIDATION_FAILED', problem('setup.descriptorsNotOnScale', { grades: unknown.join(', ') }));
    }
    return Object.fromEntries(Object.entries(descriptors).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
  }
}
