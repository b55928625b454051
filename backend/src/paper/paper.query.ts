import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PaperEntryEntity } from '../infrastructure/database/schema/paper';

/** The paper entries' reads for other features. */
@Injectable()
export class PaperQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every paper entry of the evening, withdrawn ones included. */
  entries(eveningId: string): Promise<PaperEntryEntity[]> {
    return this.dataSource.manager.findBy(PaperEntryEntity, { eveningId });
  }
}
