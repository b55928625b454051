import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RECORD_FORMAT_VERSION, recordBallotsDigest, type AuditEntry, type AuditTrailResponse, type BallotRecord, type VerificationReport } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { OrganiserEntity } from '../infrastructure/database/schema/accounts';
import { AdviceFileEntity, AdviceVersionEntity } from '../infrastructure/database/schema/advice';
import { TieDeclarationEntity } from '../infrastructure/database/schema/attendees';
import { BallotEntity } from '../infrastructure/database/schema/ballots';
import { notFound } from '../platform/common/app-error';
import { EveningEntity } from '../infrastructure/database/schema/evenings';
import { requireEvening } from '../evenings/evening.store';
import { EveningLogEntity } from '../infrastructure/database/schema/live';
import { PaperEntryEntity } from '../infrastructure/database/schema/paper';
import { ResultsService } from '../results/results.service';
import { verifyEvening } from './verify';

const toEntry = (row: EveningLogEntity): AuditEntry => ({
  eveningId: row.eveningId,
  sequence: row.sequence,
  type: row.type,
  actor: row.actor,
  detail: row.detail,
  at: row.at.toISOString(),
  previousHash: row.previousHash,
  hash: row.hash,
});

/** The evening's audit trail, for the organisers to read, and its verification for them, the committee and `npm run verify`. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly results: ResultsService,
  ) {}

  async trail(actor: Actor, eveningId: string): Promise<AuditTrailResponse> {
    const m = this.dataSource.manager;
    await requireEvening(actor, eveningId, 'read', m);
    const rows = await m.find(EveningLogEntity, { where: { eveningId }, order: { sequence: 'ASC' } });
    const names = new Map((await m.findBy(OrganiserEntity, { networkId: actor.networkId })).map((o) => [o.id, o.displayName]));
    const entries = rows.map((r) => ({ ...toEntry(r), actor: names.get(r.actor) ?? r.actor }));
    return { entries, head: entries.at(-1)?.hash ?? null };
  }

  async verify(actor: Actor, eveningId: string): Promise<VerificationReport> {
    await requireEvening(actor, eveningId, 'read', this.dataSource.manager);
    return this.verifyEvening(eveningId);
  }

  /** The latest version's stored record when its format is older than today's (see `VerifyInput.olderRecord`). */
  private async olderRecord(versionId: string | null): Promise<{ formatVersion: number; ballotsDigest: string } | null> {
    if (versionId === null) return null;
    const file = await this.dataSource.manager.findOneBy(AdviceFileEntity, { versionId, name: 'record.json' });
    if (!file) return null;
    try {
      const record = JSON.parse(Buffer.from(file.data, 'base64').toString('utf8')) as BallotRecord;
      if (typeof record.version !== 'number' || record.version >= RECORD_FORMAT_VERSION) return null;
      return { formatVersion: record.version, ballotsDigest: recordBallotsDigest(record) };
    } catch {
      return null;
    }
  }

  /** Reads everything the verifier needs and runs it. No access check: callers have done theirs. */
  async verifyEvening(eveningId: string): Promise<VerificationReport> {
    const m = this.dataSource.manager;
    const evening = await m.findOneBy(EveningEntity, { id: eveningId });
    if (!evening) throw notFound('The evening');
    const [log, ballots, ties, paper, versions] = await Promise.all([
      m.find(EveningLogEntity, { where: { eveningId }, order: { sequence: 'ASC' } }),
      m.findBy(BallotEntity, { eveningId }),
      m.findBy(TieDeclarationEntity, { eveningId }),
      m.findBy(PaperEntryEntity, { eveningId }),
      m.find(AdviceVersionEntity, { where: { eveningId }, order: { number: 'ASC' } }),
    ]);
    const recomputed = await this.results.recompute(evening);
    const olderRecord = await this.olderRecord(versions.at(-1)?.id ?? null);
    const { checks, firstMismatch } = verifyEvening({
      entries: log.map(toEntry),
      ballots,
      ties,
      paper: paper.map((p) => ({ ...p, withdrawn: p.withdrawnAt !== null })),
      versions,
      recomputed,
      olderRecord,
    });
    return {
      eveningId,
      ok: firstMismatch === null,
      entries: log.length,
      head: log.at(-1)?.hash ?? null,
      checks,
      firstMismatch,
      verifiedAt: new Date().toISOString(),
    };
  }
}
