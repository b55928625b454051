import type { EntityManager } from 'typeorm';
import { canonicalFrame, sha256Hex, type EveningFrame } from '@buurtjury/shared';
import { organiserName } from '../accounts/accounts.query';
import type { Permission } from '@buurtjury/shared';
import { requirePermission } from '../accounts/access';
import type { Actor } from '../accounts/actor';
import { notFound } from '../platform/common/app-error';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';
import type { EveningRows } from './evening.mapper';

/** Query code for evenings: reads only, no rules. */

/**
 * The access check of every request about one evening, in one call: throws 403 FORBIDDEN unless the
 * actor's role grants the permission, then returns the evening if it belongs to the actor's network.
 * Another network's evening answers the same as a missing one (404), so ids of other networks'
 * evenings cannot be probed. Pass the transaction's manager when the check is part of a write.
 */
export async function requireEvening(actor: Actor, eveningId: string, permission: Permission, m: EntityManager): Promise<EveningEntity> {
  requirePermission(actor, permission);
  const evening = await m.findOneBy(EveningEntity, { id: eveningId, networkId: actor.networkId });
  if (!evening) throw notFound('evening');
  return evening;
}

/**
 * One query after the other, not in parallel: `m` may be a transaction's manager, which has one
 * connection, and node-postgres deprecates a query sent while another runs on it.
 */
export async function loadEveningRows(m: EntityManager, evening: EveningEntity): Promise<EveningRows> {
  // One after the other: on PostgreSQL `m` may be a transaction's single connection (node-postgres deprecates parallel queries on it).
  const bidders = await m.find(BidderEntity, { where: { eveningId: evening.id }, order: { position: 'ASC' } });
  const criteria = await m.find(CriterionEntity, { where: { eveningId: evening.id }, order: { position: 'ASC' } });
  const levels = await m.find(ScaleLevelEntity, { where: { eveningId: evening.id }, order: { value: 'DESC' } });
  const draws = await m.find(LotDrawEntity, { where: { eveningId: evening.id }, order: { sequence: 'DESC' } });
  const frozenBy = evening.frozenById ? await organiserName(m, evening.frozenById) : null;
  return { evening, bidders, criteria, levels, draws, frozenByName: frozenBy };
}

/** The frame of a frozen evening as it stands now (what the seal would fix if an advice were issued now). */
export function currentFrame(evening: EveningEntity): EveningFrame | null {
  if (!evening.canonicalSetup) return null;
  return {
    eveningId: evening.id,
    title: evening.title,
    date: evening.date,
    startTime: evening.startTime,
    venue: evening.venue,
    language: evening.language,
    rules: { accessMode: evening.accessMode, presenceRule: evening.presenceRule, presenceGraceMinutes: evening.presenceGraceMinutes },
    setupCanonical: evening.canonicalSetup,
  };
}

/**
 * Seals the evening at its first issued version (inside the issuing transaction): stores the frame's
 * canonical text and fingerprint. An evening sealed before frames existed gets its frame now.
 * Returns the frame fingerprint the version was issued in.
 */
export async function sealEvening(m: EntityManager, eveningId: string, at: Date): Promise<string> {
  const evening = await m.findOneByOrFail(EveningEntity, { id: eveningId });
  if (evening.frameFingerprint && evening.frameCanonical) return evening.frameFingerprint;
  const frame = currentFrame(evening);
  if (!frame) throw new Error('only a frozen evening can be sealed');
  const canonical = canonicalFrame(frame);
  const fingerprint = sha256Hex(canonical);
  await m.update(EveningEntity, { id: eveningId }, { sealedAt: evening.sealedAt ?? at, frameCanonical: canonical, frameFingerprint: fingerprint });
  return fingerprint;
}
