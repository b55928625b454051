import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, type EntityManager } from 'typeorm';
import type { EveningDetail, Permission } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { BidderEntity, EveningEntity } from '../infrastructure/database/schema/evenings';
import { toEveningDetail, type EveningRows } from './evening.mapper';
import { loadEveningRows, requireEvening } from './evening.store';

/** The evenings' reads for other features, after their own access check. */
@Injectable()
export class EveningsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The access check for features that do not hold a manager of their own: see `requireEvening`. */
  requireEvening(actor: Actor, eveningId: string, permission: Permission, m: EntityManager = this.dataSource.manager): Promise<EveningEntity> {
    return requireEvening(actor, eveningId, permission, m);
  }

  /** The evening, whatever its network, or null. */
  byId(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<EveningEntity | null> {
    return m.findOneBy(EveningEntity, { id: eveningId });
  }

  /** Every frozen evening (only they can have attendees): id, network, date and when it was frozen. */
  frozen(): Promise<Pick<EveningEntity, 'id' | 'networkId' | 'date' | 'frozenAt'>[]> {
    return this.dataSource.manager.find(EveningEntity, { where: { frozenAt: Not(IsNull()) }, select: { id: true, networkId: true, date: true, frozenAt: true } });
  }

  /** The bidders' names and pitch titles in running order, for a public programme. */
  async programme(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<{ name: string; pitchTitle: string }[]> {
    const bidders = await m.find(BidderEntity, { where: { eveningId }, order: { position: 'ASC' } });
    return bidders.map((b) => ({ name: b.name, pitchTitle: b.pitchTitle }));
  }

  /** The whole evening as the editor sees it, whatever its network (for a page whose own link was checked), or null. */
  async detailById(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<EveningDetail | null> {
    const evening = await m.findOneBy(EveningEntity, { id: eveningId });
    return evening ? toEveningDetail(await loadEveningRows(m, evening)) : null;
  }

  /** One bidder of the evening, or null. */
  bidder(eveningId: string, bidderId: string, m: EntityManager = this.dataSource.manager): Promise<BidderEntity | null> {
    return m.findOneBy(BidderEntity, { id: bidderId, eveningId });
  }

  /** The evening with this (normalised) join code, or null. */
  byJoinCode(joinCode: string, m: EntityManager = this.dataSource.manager): Promise<EveningEntity | null> {
    return m.findOneBy(EveningEntity, { joinCode });
  }

  /** How many bidders (pitches) the evening has. */
  bidderCount(eveningId: string, m: EntityManager = this.dataSource.manager): Promise<number> {
    return m.countBy(BidderEntity, { eveningId });
  }

  /** The evening's bidders, criteria, scale, lot draws and who froze it (for `toEveningDetail`). */
  rows(evening: EveningEntity, m: EntityManager = this.dataSource.manager): Promise<EveningRows> {
    return loadEveningRows(m, evening);
  }
}
