import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AdviceDocument, Language, ResultsReport } from '@buurtjury/shared';
import { AdviceFileEntity, AdviceVersionEntity } from '../infrastructure/database/schema/advice';

/** The latest issued version as it was issued: its results.json and its document in one language. */
export interface IssuedVersion {
  number: number;
  issuedAt: Date;
  results: ResultsReport;
  document: AdviceDocument;
}

/** The advice's reads for other features. */
@Injectable()
export class AdviceQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The issued versions of the evening's advice, first version first. */
  versions(eveningId: string): Promise<AdviceVersionEntity[]> {
    return this.dataSource.manager.find(AdviceVersionEntity, { where: { eveningId }, order: { number: 'ASC' } });
  }

  /** The latest issued version with its stored results and document (in `lang`), or null before the first. */
  async latestIssued(eveningId: string, lang: Language): Promise<IssuedVersion | null> {
    const m = this.dataSource.manager;
    const version = await m.findOne(AdviceVersionEntity, { where: { eveningId }, order: { number: 'DESC' } });
    if (!version) return null;
    const [results, document] = await Promise.all([
      m.findOneBy(AdviceFileEntity, { versionId: version.id, name: 'results.json' }),
      m.findOneBy(AdviceFileEntity, { versionId: version.id, name: `document-v${version.number}-${lang}.json` }),
    ]);
    if (!results || !document) return null;
    const parse = <T>(f: AdviceFileEntity) => JSON.parse(Buffer.from(f.data, 'base64').toString('utf8')) as T;
    return { number: version.number, issuedAt: version.issuedAt, results: parse<ResultsReport>(results), document: parse<AdviceDocument>(document) };
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
