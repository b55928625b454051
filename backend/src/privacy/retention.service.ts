import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdviceQuery } from '../advice/advice.query';
import { EveningsQuery } from '../evenings/evenings.query';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { LiveEvents } from '../infrastructure/events/live-events';
import { DomainEvents, type RetentionTally } from '../infrastructure/events/domain-events';
import { LiveQuery } from '../live/live.query';
import { EveningPurgeEntity } from '../infrastructure/database/schema/privacy';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the deletion looks for evenings that have become due. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** What the retention period counts from. */
export type RetentionBasis = 'advice' | 'end' | 'date';

/** What the deletion of one evening removed: the counts each feature added to the retention tally (see RetentionTally). */
export interface PurgeSummary extends Omit<RetentionTally, 'ballotsDigest' | 'ballotsMismatched' | 'paperDigest' | 'paperMismatched'> {
  eveningId: string;
  /** Counted from the first issued advice, else the end of the evening, else its date (an evening never ended). */
  basis: RetentionBasis;
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
 * - the e-mail addresses of the network's invitations that are no longer pending;
 * - in the incidents the organisers recorded, every possible name, address and number (masked).
 * Each feature deletes what is in its own tables, in this one transaction, when this service
 * publishes `retentionKeeping` and then `retentionDue` (infrastructure/events/domain-events.ts).
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
    private readonly evenings: EveningsQuery,
    private readonly advice: AdviceQuery,
    private readonly live: LiveQuery,
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
    const [evenings, firstIssued, endedAt, done] = await Promise.all([
      this.evenings.frozen(),
      this.advice.firstIssued(),
      this.live.endedAt(),
      this.dataSource.manager.find(EveningPurgeEntity, { select: { eveningId: true } }).then((rows) => new Set(rows.map((p) => p.eveningId))),
    ]);
    const cutoff = now.getTime() - this.config.retentionDays * DAY_MS;
    const due: { eveningId: string; basis: RetentionBasis }[] = [];
    for (const e of evenings) {
      if (done.has(e.id)) continue;
      const issued = firstIssued.get(e.id)?.getTime();
      const end = endedAt.get(e.id)?.getTime();
      // An evening that never ended counts from the end of its date (UTC), or from its freezing when it has no date.
      const [from, basis]: [number, RetentionBasis] =
        issued !== undefined ? [issued, 'advice'] : end !== undefined ? [end, 'end'] : [DATE.test(e.date) ? Date.parse(`${e.date}T00:00:00Z`) + DAY_MS : e.frozenAt!.getTime(), 'date'];
      if (from < cutoff) due.push({ eveningId: e.id, basis });
    }
    return due;
  }

  /** One evening in one transaction; null when it was purged already (or no longer exists). */
  private async purge(eveningId: string, basis: RetentionBasis, now: Date): Promise<PurgeSummary | null> {
    const summary = await this.writer.write(async (m) => {
      if (await m.existsBy(EveningPurgeEntity, { eveningId })) return null;
      const evening = await this.evenings.byId(eveningId, m);
      if (!evening) return null;
      const tally: RetentionTally = {
        attendees: 0,
        tickets: 0,
        invitations: 0,
        remarks: 0,
        keptRemarks: 0,
        incidents: 0,
        ballotsDigest: null,
        ballotsMismatched: 0,
        paperDigest: null,
        paperMismatched: 0,
      };
      await this.domainEvents.publish('retentionKeeping', { evening, manager: m, tally });
      await this.domainEvents.publish('retentionDue', { evening, now, manager: m, tally });
      // The trail's digests come from the ballots and the paper entries: without them the deletion would go unchecked.
      if (tally.ballotsDigest === null || tally.paperDigest === null) throw new Error(`Retention of evening ${eveningId}: the ballots or the paper entries were not checked`);
      await m.insert(EveningPurgeEntity, { eveningId, purgedAt: now, retentionDays: this.config.retentionDays });
      const summary: PurgeSummary = {
        eveningId,
        basis,
        attendees: tally.attendees,
        tickets: tally.tickets,
        invitations: tally.invitations,
        remarks: tally.remarks,
        keptRemarks: tally.keptRemarks,
        incidents: tally.incidents,
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
              invitations: summary.invitations,
              remarks: summary.remarks,
              keptRemarks: summary.keptRemarks,
              incidents: summary.incidents,
              ballotsDigest: tally.ballotsDigest,
              ballotsMismatched: tally.ballotsMismatched,
              paperDigest: tally.paperDigest,
              paperMismatched: tally.paperMismatched,
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
      `Retention applied to evening ${eveningId} (from its ${basis}): ${summary.attendees} attendees, ${summary.tickets} tickets, ${summary.invitations} invitations, ${summary.remarks} remarks (${summary.keptRemarks} kept masked), ${summary.incidents} incidents masked`,
    );
    return summary;
  }

  /** A run from the timer: one at a time, and a failure is logged, never thrown. */
  private runSafely(): void {
    this.running = this.running
      .then(() => this.purgeDue())
      .catch((error: unknown) => this.logger.error(`Retention run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  }
}
