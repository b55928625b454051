import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { RECORD_FORMAT_VERSION, recordBallotsDigest, verifyEvening, type AuditTrailResponse, type BallotRecord, type VerificationReport } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AccountsQuery } from '../accounts/accounts.query';
import { AdviceQuery } from '../advice/advice.query';
import { AttendeesQuery } from '../attendees/attendees.query';
import { BallotsQuery } from '../ballots/ballots.query';
import { EveningsQuery } from '../evenings/evenings.query';
import { AuditTrail } from '../infrastructure/audit-log/audit-trail';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { LiveQuery } from '../live/live.query';
import { QuestionsQuery } from '../questions/questions.query';
import { QuestionsRepository } from '../questions/questions.repository';
import { PaperQuery } from '../paper/paper.query';
import { notFound } from '../platform/common/app-error';
import { ResultsService } from '../results/results.service';

/**
 * The evening's audit trail, for the organisers to read, and its verification for them, the
 * committee and `npm run verify`. The top of the backend: it reads every feature's rows through
 * that feature's query class and hands them to the pure verifier (`verifyEvening` in shared).
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly trailReader: AuditTrail,
    private readonly evenings: EveningsQuery,
    private readonly accounts: AccountsQuery,
    private readonly ballots: BallotsQuery,
    private readonly attendees: AttendeesQuery,
    private readonly paper: PaperQuery,
    private readonly advice: AdviceQuery,
    private readonly results: ResultsService,
  ) {}

  /** The verifier outside the Nest app (`npm run verify`, a backup's copy), on a data source of its own. */
  static standalone(dataSource: DataSource): AuditService {
    return new AuditService(
      new AuditTrail(dataSource),
      new EveningsQuery(dataSource),
      new AccountsQuery(dataSource),
      new BallotsQuery(dataSource, new AttendeesQuery(dataSource)),
      new AttendeesQuery(dataSource),
      new PaperQuery(dataSource),
      new AdviceQuery(dataSource),
      new ResultsService(
        new DomainEvents(),
        new AccountsQuery(dataSource),
        new EveningsQuery(dataSource),
        new LiveQuery(dataSource),
        new AttendeesQuery(dataSource),
        new BallotsQuery(dataSource, new AttendeesQuery(dataSource)),
        new PaperQuery(dataSource),
        new QuestionsQuery(new QuestionsRepository(dataSource)),
      ),
    );
  }

  async trail(actor: Actor, eveningId: string): Promise<AuditTrailResponse> {
    await this.evenings.requireEvening(actor, eveningId, 'read');
    const rows = await this.trailReader.entries(eveningId);
    const members = await this.accounts.members(actor.networkId);
    const entries = rows.map((r) => {
      const member = members.get(r.actor);
      return member ? { ...r, actor: member.name, actorRole: member.removed ? ('removed' as const) : member.role } : r;
    });
    return { entries, head: entries.at(-1)?.hash ?? null };
  }

  async verify(actor: Actor, eveningId: string): Promise<VerificationReport> {
    await this.evenings.requireEvening(actor, eveningId, 'read');
    return this.verifyEvening(eveningId);
  }

  /** The latest version's stored record when its format is older than today's (see `VerifyInput.olderRecord`). */
  private async olderRecord(versionId: string | null): Promise<{ formatVersion: number; ballotsDigest: string } | null> {
    if (versionId === null) return null;
    const file = await this.advice.file(versionId, 'record.json');
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
    const evening = await this.evenings.byId(eveningId);
    if (!evening) throw notFound('evening');
    const [log, ballots, ties, paper, versions, late] = await Promise.all([
      this.trailReader.entries(eveningId),
      this.ballots.forEvening(eveningId),
      this.attendees.ties(eveningId),
      this.paper.entries(eveningId),
      this.advice.versions(eveningId),
      this.ballots.lateForEvening(eveningId),
    ]);
    const recomputed = await this.results.recompute(evening);
    const olderRecord = await this.olderRecord(versions.at(-1)?.id ?? null);
    const { checks, firstMismatch } = verifyEvening({
      entries: log,
      ballots,
      ties,
      paper: paper.map((p) => ({ ...p, withdrawn: p.withdrawnAt !== null })),
      versions,
      recomputed,
      olderRecord,
      late: late.map((l) => ({ id: l.id, bidderId: l.bidderId })),
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
