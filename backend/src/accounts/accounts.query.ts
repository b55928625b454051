import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OrganiserEntity } from '../infrastructure/database/schema/accounts';

/** The accounts' reads for other features. */
@Injectable()
export class AccountsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The display name of every organiser of the network, by organiser id. */
  async displayNames(networkId: string): Promise<Map<string, string>> {
    return new Map((await this.dataSource.manager.findBy(OrganiserEntity, { networkId })).map((o) => [o.id, o.displayName]));
  }
}
