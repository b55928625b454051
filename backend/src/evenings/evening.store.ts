import type { EntityManager } from 'typeorm';
import { OrganiserEntity } from '../infrastructure/database/schema/accounts';
import type { Actor } from '../accounts/actor';
import { notFound } from '../platform/common/app-error';
import { BidderEntity, CriterionEntity, EveningEntity, LotDrawEntity, ScaleLevelEntity } from '../infrastructure/database/schema/evenings';
import type { EveningRows } from './evening.mapper';

/** Query code for evenings: reads only, no rules. */

/**
 * The evening if it belongs to the actor's network. Another network's evening answers the same
 * as a missing one (404), so ids of other networks' evenings cannot be probed.
 */
export async function findOwnedEvening(m: EntityManager, actor: Actor, eveningId: string): Promise<EveningEntity> {
  const evening = await m.findOneBy(EveningEntity, { id: eveningId, networkId: actor.networkId });
  if (!evening) throw notFound('evening');
  return evening;
}

export async function loadEveningRows(m: EntityManager, evening: EveningEntity): Promise<EveningRows> {
  const [bidders, criteria, levels, draws, frozenBy] = await Promise.all([
    m.find(BidderEntity, { where: { eveningId: evening.id }, order: { position: 'ASC' } }),
    m.find(CriterionEntity, { where: { eveningId: evening.id }, order: { position: 'ASC' } }),
    m.find(ScaleLevelEntity, { where: { eveningId: evening.id }, order: { value: 'DESC' } }),
    m.find(LotDrawEntity, { where: { eveningId: evening.id }, order: { sequence: 'DESC' } }),
    evening.frozenById ? m.findOneBy(OrganiserEntity, { id: evening.frozenById }) : Promise.resolve(null),
  ]);
  return { evening, bidders, criteria, levels, draws, frozenByName: frozenBy?.displayName ?? null };
}
