import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { PaperEntryEntity } from '../infrastructure/database/schema/paper';

/** The paper entries' reads for other features. */
@Injectable()
export class PaperQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The entries not withdrawn, in the caller's transaction: a running evening counts the agreed cards among them. */
  current(m: EntityManager, eveningId: string): Promise<PaperEntryEntity[]> {
    return m.findBy(PaperEntryEntity, { eveningId, withdrawnAt: IsNull() });
  }

  /** Every paper entry of the evening, withdrawn ones included. */
  entries(eveningId: string): Promise<PaperEntryEntity[]> {
    return this.dataSource.manager.findBy(PaperEntryEntity, { eveningId });
  }
}
