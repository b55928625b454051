import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { ballotHash, ballotsDigest, paperEntriesDigest, paperEntryHash, quoteText, remarkCheck, reviewFits, type QuoteReview } from '@buurtjury/shared';
import { InvitationEntity } from '../infrastructure/database/schema/accounts';
import { AdviceDraftEntity, AdviceVersionEntity } from '../infrastructure/database/schema/advice';
import { maskedRemarks } from '../advice/remarks';
import { AttendeeEntity, ReleasedPhoneEntity } from '../infrastructure/database/schema/attendees';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { BallotEntity } from '../infrastructure/database/schema/ballots';
import { TicketEntity } from '../infrastructure/database/schema/tickets';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { EveningEntity } from '../infrastructure/database/schema/evenings';
import { EveningLogEntity, LiveStateEntity } from '../infrastructure/database/schema/live';
import { LiveEvents } from '../infrastructure/events/live-events';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { PaperEntryEntity } from '../infrastructure/database/schema/paper';
import { ResultsService } from '../results/results.service';
import { EveningPurgeEntity, KeptRemarkEntity } from '../infrastructure/database/schema/privacy';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the deletion looks for evenings that have become due. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** What the retention period counts from. */
export type RetentionBasis = 'advice' | 'end' | 'date';

/** What the deletion of one evening removed. */
export interface PurgeSummary {
  eveningId: string;
  /** Counted from the first issued advice, else the end of the evening, else its date (an evening never ended). */
  basis: RetentionBasis;
  /** Attendees whose token hash, first name and address code were cleared. */
  attendees: number;
  /** Tickets whose link to an attendee was cleared (the printed number no longer leads to the ballots). */
  tickets: number;
  /** Invitations of the evening's network that were no longer pending and were deleted. */
  invitations: number;
  /** Ballots and paper entries whose raw remark was deleted. */
  remarks: number;
  /** Remarks of counted ballots kept in their masked form (for a later version of the advice). */
  keptRemarks: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Deletes what is personal about an evening once RETENTION_DAYS have passed since its first
 * advice version was issued, or, for an evening without an issued advice, since it ended, or,
 * for one that never ended, since the end of its date (or its freezing, without a date):
 * - the link between phones and ballots (the attendees' token hashes, which ticket admitted whom)
 *   and the code of the network address each phone joined from;
 * - the attendees' first names;
 * - the raw remarks of every ballot and paper entry: the remarks of counted ballots are kept only
 *   masked (a confirmed quote as the host confirmed it, every other remark with each possible
 *   name masked too);
 * - the e-mail addresses of the network's invitations that are no longer pending.
 * The ballots (grades, receipts) and tie declarations remain under the attendees' random ids, so
 * the anonymised record and the results stay exactly the same. The trail stays verifiable: the
 * remarks are deleted only after every ballot and paper entry was checked against its logged
 * hash, and the `retention-applied` entry logs how many did not match and a digest of the rows
 * without remarks (shared/src/audit/retention.ts). Runs at startup and then every hour; each
 * evening once.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
    private readonly domainEvents: DomainEvents,
    private readonly results: ResultsService,
    private readonly events: LiveEvents,
    private readonly audit: AuditLog,
  ) {}

  onApplicationBootstrap(): void {
    this.runSafely();
    this.timer = setInterval(() => this.runSafely(), RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Deletes the personal data of every evening that is due at `now` and not yet done. */
  async purgeDue(now = new Date()): Promise<PurgeSummary[]> {
    const done: PurgeSummary[] = [];
    for (const { eveningId, basis } of await this.dueEvenings(now)) {
      const summary = await this.purge(eveningId, basis, now);
      if (summary) done.push(summary);
    }
    return done;
  }

  /** Frozen evenings (only they can have attendees) whose retention period has passed at `now`, not yet purged. */
  private async dueEvenings(now: Date): Promise<{ eveningId: string; basis: RetentionBasis }[]> {
    const m = this.dataSource.manager;
    const [evenings, versions, ended, purged] = await Promise.all([
      m.find(EveningEntity, { where: { frozenAt: Not(IsNull()) }, select: { id: true, date: true, frozenAt: true } }),
      m.find(AdviceVersionEntity, { select: { eveningId: true, issuedAt: true } }),
      m.find(LiveStateEntity, { where: { phase: 'ended' }, select: { eveningId: true, endedAt: true } }),
      m.find(EveningPurgeEntity, { select: { eveningId: true } }),
    ]);
    const firstIssued = new Map<string, number>();
    for (const v of versions) firstIssued.set(v.eveningId, Math.min(firstIssued.get(v.eveningId) ?? Infinity, v.issuedAt.getTime()));
    const endedAt = new Map(ended.filter((e) => e.endedAt).map((e) => [e.eveningId, e.endedAt!.getTime()]));
    const done = new Set(purged.map((p) => p.eveningId));
    const cutoff = now.getTime() - this.config.retentionDays * DAY_MS;
    const due: { eveningId: string; basis: RetentionBasis }[] = [];
    for (const e of evenings) {
      if (done.has(e.id)) continue;
      const issued = firstIssued.get(e.id);
      const end = endedAt.get(e.id);
      // An evening that never ended counts from the end of its date (UTC), or from its freezing when it has no date.
      const [from, basis]: [number, RetentionBasis] =
        issued !== undefined ? [issued, 'advice'] : end !== undefined ? [end, 'end'] : [DATE.test(e.date) ? Date.parse(`${e.date}T00:00:00Z`) + DAY_MS : e.frozenAt!.getTime(), 'date'];
      if (from < cutoff) due.push({ eveningId: e.id, basis });
    }
    return due;
  }

  /** One evening in one transaction; null when it was purged already (or no longer exists). */
  private async purge(eveningId: string, basis: RetentionBasis, now: Date): Promise<PurgeSummary | null> {
    const kept = await this.keptRemarks(eveningId);
    const summary = await this.writer.write(async (m) => {
      if (await m.existsBy(EveningPurgeEntity, { eveningId })) return null;
      const evening = await m.findOne(EveningEntity, { where: { id: eveningId }, select: { id: true, networkId: true } });
      if (!evening) return null;
      const sealed = await this.deleteRemarks(m, eveningId);
      for (const k of kept?.remarks ?? []) await m.insert(KeptRemarkEntity, k);
      if (kept?.draft) await m.update(AdviceDraftEntity, { eveningId }, { content: kept.draft });
      const attendees = await m.update(AttendeeEntity, { eveningId }, { tokenHash: null, firstName: '', joinAddress: null });
      // The old tokens of phones whose ticket was released link those phones to their voters too.
      await m.delete(ReleasedPhoneEntity, { eveningId });
      // Receipts stay: they are in the published record (so attendees can find their ballot) and in the ballots' logged hashes.
      const tickets = await m.update(TicketEntity, { eveningId }, { attendeeId: null });
      const invitations = await this.deleteSettledInvitations(m, evening.networkId, now);
      await m.insert(EveningPurgeEntity, { eveningId, purgedAt: now, retentionDays: this.config.retentionDays });
      const summary: PurgeSummary = {
        eveningId,
        basis,
        attendees: attendees.affected ?? 0,
        tickets: tickets.affected ?? 0,
        invitations,
        remarks: sealed.remarks,
        keptRemarks: kept?.remarks.length ?? 0,
      };
      await this.audit.append(
        m,
        eveningId,
        [
          {
            type: 'retention-applied',
            actor: 'system',
            detail: {
              retentionDays: this.config.retentionDays,
              basis,
              attendees: summary.attendees,
              tickets: summary.tickets,
              invitations,
              remarks: summary.remarks,
              keptRemarks: summary.keptRemarks,
              ballotsDigest: sealed.ballotsDigest,
              ballotsMismatched: sealed.ballotsMismatched,
              paperDigest: sealed.paperDigest,
              paperMismatched: sealed.paperMismatched,
            },
          },
        ],
        now,
      );
      return summary;
    });
    if (!summary) return null;
    await this.domainEvents.publish('eveningPurged', { eveningId });
    this.events.emit('purged', eveningId);
    this.logger.log(
      `Retention applied to evening ${eveningId} (from its ${basis}): ${summary.attendees} attendees, ${summary.tickets} tickets, ${summary.invitations} invitations, ${summary.remarks} remarks (${summary.keptRemarks} kept masked)`,
    );
    return summary;
  }

  /**
   * The masked form of each counted remark, to keep once the raw remarks go: a quote the host
   * confirmed as confirmed, any other remark with every possible name masked. The draft's
   * confirmations move to the kept text. Null for an evening that has not ended (no results, no quotes).
   */
  private async keptRemarks(eveningId: string): Promise<{ remarks: KeptRemarkEntity[]; draft: AdviceDraftEntity['content'] | null } | null> {
    const m = this.dataSource.manager;
    if ((await m.findOneBy(LiveStateEntity, { eveningId }))?.phase !== 'ended') return null;
    const evening = await m.findOneBy(EveningEntity, { id: eveningId });
    if (!evening) return null;
    const outcome = await this.results.outcomeOf(evening);
    const draft = await m.findOneBy(AdviceDraftEntity, { eveningId });
    const reviews = draft?.content.quoteReviews ?? {};
    const language = outcome.detail.language;
    const nextReviews: Record<string, QuoteReview> = {};
    const remarks = maskedRemarks(outcome).map((s): KeptRemarkEntity => {
      const review = reviews[s.id];
      const text = quoteText(s, review, language);
      if (reviewFits(s, review)) nextReviews[s.id] = { check: remarkCheck({ text, possibleNames: [] }), masked: [] };
      return { eveningId, id: s.id, bidderId: s.bidderId, text, channel: s.channel };
    });
    return { remarks, draft: draft ? { ...draft.content, quoteReviews: nextReviews } : null };
  }

  /** Checks every ballot and paper entry against its logged hash, then deletes their raw remarks. */
  private async deleteRemarks(
    m: EntityManager,
    eveningId: string,
  ): Promise<{ remarks: number; ballotsDigest: string; ballotsMismatched: number; paperDigest: string; paperMismatched: number }> {
    // One after the other: `m` is the purge's transaction, one connection (node-postgres deprecates parallel queries on it).
    const ballots = await m.findBy(BallotEntity, { eveningId });
    const paper = await m.findBy(PaperEntryEntity, { eveningId });
    const logged = await m.find(EveningLogEntity, { where: { eveningId, type: In(['ballot-accepted', 'ballot-replaced', 'paper-entry']) }, select: { type: true, detail: true } });
    const hashes = new Map(logged.map((e) => [String(e.type === 'paper-entry' ? e.detail.entryId : e.detail.ballotId), e.detail.ballotHash ?? e.detail.entryHash]));
    const ballotsMismatched = ballots.filter((b) => hashes.get(b.id) !== ballotHash(b)).length;
    const paperMismatched = paper.filter((p) => hashes.get(p.id) !== paperEntryHash(p)).length;
    const cleared = await m.update(BallotEntity, { eveningId, remark: Not('') }, { remark: '' });
    const clearedPaper = await m.update(PaperEntryEntity, { eveningId, remark: Not('') }, { remark: '' });
    return {
      remarks: (cleared.affected ?? 0) + (clearedPaper.affected ?? 0),
      ballotsDigest: ballotsDigest(ballots),
      ballotsMismatched,
      paperDigest: paperEntriesDigest(paper),
      paperMismatched,
    };
  }

  /** Deletes the network's invitations that were accepted, revoked or have expired; pending ones stay usable. */
  private async deleteSettledInvitations(m: EntityManager, networkId: string, now: Date): Promise<number> {
    const invitations = await m.find(InvitationEntity, { where: { networkId }, select: { id: true, acceptedAt: true, revokedAt: true, expiresAt: true } });
    const settled = invitations.filter((i) => i.acceptedAt !== null || i.revokedAt !== null || i.expiresAt.getTime() <= now.getTime()).map((i) => i.id);
    if (settled.length > 0) await m.delete(InvitationEntity, { id: In(settled) });
    return settled.length;
  }

  /** A run from the timer: one at a time, and a failure is logged, never thrown. */
  private runSafely(): void {
    this.running = this.running
      .then(() => this.purgeDue())
      .catch((error: unknown) => this.logger.error(`Retention run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }
}
