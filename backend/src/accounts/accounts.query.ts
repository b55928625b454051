import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrganiserRole } from '@buurtjury/shared';
import { NetworkEntity, OrganiserEntity } from '../infrastructure/database/schema/accounts';

/** An organiser's display name, or null when there is no such organiser (any more); for reads that have only a manager. */
export async function organiserName(m: EntityManager, organiserId: string): Promise<string | null> {
  return (await m.findOne(OrganiserEntity, { where: { id: organiserId }, select: { id: true, displayName: true } }))?.displayName ?? null;
}

/** The accounts' reads for other features. */
@Injectable()
export class AccountsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every organiser of the network (removed members too) with their name and role now, by organiser id. */
  async members(networkId: string): Promise<Map<string, { name: string; role: OrganiserRole; removed: boolean }>> {
    const rows = await this.dataSource.manager.findBy(OrganiserEntity, { networkId });
    return new Map(rows.map((o) => [o.id, { name: o.displayName, role: o.role, removed: o.removedAt !== null }]));
  }

  /** An organiser's display name, or null when there is no such organiser (any more). */
  async displayName(organiserId: string, m: EntityManager = this.dataSource.manager): Promise<string | null> {
    return organiserName(m, organiserId);
  }

  /** The network's name, or '' when it no longer exists. */
  async networkName(networkId: string, m: EntityManager = this.dataSource.manager): Promise<string> {
    return (await m.findOne(NetworkEntity, { where: { id: networkId }, select: { id: true, name: true } }))?.name ?? '';
  }
}
