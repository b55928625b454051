import type { Bidder, Criterion, EveningDetail, EveningSummary, FrozenSetup, LotDraw, ScaleLevel } from '@buurtjury/shared';
import type { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';

export const toBidder = (b: BidderEntity): Bidder => ({
  id: b.id,
  position: b.position,
  name: b.name,
  contactPerson: b.contactPerson,
  pitchTitle: b.pitchTitle,
  pitchSummary: b.pitchSummary,
  pitchMinutes: b.pitchMinutes,
  qaMinutes: b.qaMinutes,
});

export const toCriterion = (c: CriterionEntity): Criterion => ({
  id: c.id,
  position: c.position,
  name: c.name,
  explanation: c.explanation,
  weight: c.weight,
  awardCriterion: c.awardCriterion,
  levelDescriptors: { ...c.levelDescriptors },
});

export const toScaleLevel = (l: ScaleLevelEntity): ScaleLevel => ({ value: l.value, label: l.label, description: l.description });

export const toLotDraw = (d: LotDrawEntity): LotDraw => ({
  id: d.id,
  sequence: d.sequence,
  seed: d.seed,
  algorithm: d.algorithm,
  input: d.input,
  result: d.result,
  drawnAt: d.drawnAt.toISOString(),
  drawnBy: d.drawnByName,
  commitReveal: d.commitReveal ?? null,
});

export interface EveningRows {
  evening: EveningEntity;
  bidders: BidderEntity[];
  criteria: CriterionEntity[];
  levels: ScaleLevelEntity[];
  draws: LotDrawEntity[];
  frozenByName: string | null;
}

export function toEveningDetail(rows: EveningRows): EveningDetail {
  const e = rows.evening;
  return {
    id: e.id,
    title: e.title,
    joinCode: e.joinCode,
    language: e.language,
    venue: e.venue,
    date: e.date,
    startTime: e.startTime,
    tender: {
      municipality: e.tenderMunicipality,
      name: e.tenderName,
      reference: e.tenderReference,
      subject: e.tenderSubject,
      committee: e.tenderCommittee,
      adviceDeadline: e.adviceDeadline,
    },
    award: {
      criteria: (e.awardCriteria ?? []).map((c) => ({ name: c.name, weight: c.weight, description: c.description })),
      publishedIn: e.awardPublishedIn,
      eveningAnnounced: e.eveningAnnounced,
      announcedWhere: e.eveningAnnouncedWhere,
    },
    scale: { kind: e.scaleKind, levels: [...rows.levels].sort((a, b) => b.value - a.value).map(toScaleLevel) },
    bidders: [...rows.bidders].sort((a, b) => a.position - b.position).map(toBidder),
    criteria: [...rows.criteria].sort((a, b) => a.position - b.position).map(toCriterion),
    orderMethod: e.orderMethod,
    draws: [...rows.draws].sort((a, b) => b.sequence - a.sequence).map(toLotDraw),
    drawCommitment: e.drawCommitment ?? null,
    status: e.frozenAt ? 'frozen' : 'draft',
    frozenAt: e.frozenAt ? e.frozenAt.toISOString() : null,
    frozenBy: rows.frozenByName,
    fingerprint: e.fingerprint,
    rules: { accessMode: e.accessMode, presenceRule: e.presenceRule, presenceGraceMinutes: e.presenceGraceMinutes },
    declarations: { items: e.declarations.items.map((x) => ({ ...x })), noneDeclared: [...e.declarations.noneDeclared] },
    sealedAt: e.sealedAt ? e.sealedAt.toISOString() : null,
    frameFingerprint: e.frameFingerprint,
    bidderResponses: [...rows.bidders]
      .sort((a, b) => a.position - b.position)
      .flatMap((b) => (b.response && b.respondedAt ? [{ bidderId: b.id, response: b.response, at: b.respondedAt.toISOString() }] : [])),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toEveningSummary(e: EveningEntity, bidderCount: number, criterionCount: number): EveningSummary {
  return {
    id: e.id,
    title: e.title,
    joinCode: e.joinCode,
    date: e.date,
    startTime: e.startTime,
    venue: e.venue,
    language: e.language,
    tenderName: e.tenderName,
    municipality: e.tenderMunicipality,
    status: e.frozenAt ? 'frozen' : 'draft',
    bidderCount,
    criterionCount,
  };
}

/** The part of an evening that the freeze fixes; the latest draw counts when the order was drawn by lot. */
export function toFrozenSetup(detail: EveningDetail): FrozenSetup {
  const draw = detail.orderMethod === 'lot' ? detail.draws[0] : undefined;
  return {
    eveningId: detail.id,
    tender: detail.tender,
    award: detail.award,
    scale: detail.scale,
    bidders: detail.bidders,
    criteria: detail.criteria,
    orderMethod: detail.orderMethod,
    draw: draw ? { seed: draw.seed, algorithm: draw.algorithm, result: draw.result, commitReveal: draw.commitReveal } : null,
    declarations: detail.declarations,
  };
}
