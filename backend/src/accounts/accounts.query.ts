import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OrganiserRole } from '@buurtjury/shared';
import { OrganiserEntity } from '../infrastructure/database/schema/accounts';

/** The accounts' reads for other features. */
@Injectable()
export class AccountsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every organiser of the network (removed members too) with their name and role now, by organiser id. */
  async members(networkId: string): Promise<Map<string, { name: string; role: OrganiserRole; removed: boolean }>> {
    const rows = await this.dataSource.manager.findBy(OrganiserEntity, { networkId });
    return new Map(rows.map((o) => [o.id, { name: o.displayName, role: o.role, removed: o.removedAt !== null }]));
  }
}
