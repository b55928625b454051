import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdviceFileEntity, AdviceVersionEntity } from '../infrastructure/database/schema/advice';

/** The advice's reads for other features. */
@Injectable()
export class AdviceQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The issued versions of the evening's advice, first version first. */
  versions(eveningId: string): Promise<AdviceVersionEntity[]> {
    return this.dataSource.manager.find(AdviceVersionEntity, { where: { eveningId }, order: { number: 'ASC' } });
  }

  /** When each evening's first advice version was issued, by evening id (evenings without an issued version are absent). */
  async firstIssued(): Promise<Map<string, Date>> {
    const versions = await this.dataSource.manager.find(AdviceVersionEntity, { select: { eveningId: true, issuedAt: true } });
    const first = new Map<string, Date>();
    for (const v of versions) if (!first.has(v.eveningId) || v.issuedAt < first.get(v.eveningId)!) first.set(v.eveningId, v.issuedAt);
    return first;
  }

  /** A stored file of an issued version, or null. */
  file(versionId: string, name: string): Promise<AdviceFileEntity | null> {
    return this.dataSource.manager.findOneBy(AdviceFileEntity, { versionId, name });
  }
}
