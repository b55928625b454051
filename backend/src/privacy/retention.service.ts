import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { InvitationEntity } from '../accounts/entities';
import { AdviceVersionEntity } from '../advice/entities';
import { AttendeeEntity, ReleasedPhoneEntity } from '../attendees/entities';
import { AuditLog } from '../audit/audit-log.service';
import { TicketEntity } from '../tickets/entities';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DatabaseWriter } from '../database/database-writer';
import { EveningEntity } from '../evenings/entities';
import { LiveEvents } from '../live/live-events';
import { LiveRegistry } from '../live/live-registry.service';
import { ResultsService } from '../results/results.service';
import { EveningPurgeEntity } from './entities';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the deletion looks for evenings that have become due. */
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** What the deletion of one evening removed. */
export interface PurgeSummary {
  eveningId: string;
  /** Attendees whose token hash and first name were cleared. */
  attendees: number;
  /** Tickets whose link to an attendee was cleared (the printed number no longer leads to the ballots). */
  tickets: number;
  /** Invitations of the evening's network that were no longer pending and were deleted. */
  invitations: number;
}

/**
 * Deletes what is personal about an evening once RETENTION_DAYS have passed since its first
 * advice version was issued: the link between phones and ballots (the attendees' token hashes,
 * and which ticket admitted whom), the attendees' first names, and the e-mail addresses of
 * the network's invitations that are no longer pending. The ballots and tie declarations remain
 * under the attendees' random ids, which nothing links to a phone any more, so the anonymised
 * record and the results stay exactly the same. Runs at startup and then every hour; each
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
    private readonly registry: LiveRegistry,
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
    for (const eveningId of await this.dueEvenings(now)) {
      const summary = await this.purge(eveningId, now);
      if (summary) done.push(summary);
    }
    return done;
  }

  /** Evenings whose first advice version was issued more than RETENTION_DAYS before `now`, not yet purged. */
  private async dueEvenings(now: Date): Promise<string[]> {
    const m = this.dataSource.manager;
    const [versions, purged] = await Promise.all([
      m.find(AdviceVersionEntity, { select: { eveningId: true, issuedAt: true } }),
      m.find(EveningPurgeEntity, { select: { eveningId: true } }),
    ]);
    const firstIssued = new Map<string, number>();
    for (const v of versions) firstIssued.set(v.eveningId, Math.min(firstIssued.get(v.eveningId) ?? Infinity, v.issuedAt.getTime()));
    const done = new Set(purged.map((p) => p.eveningId));
    const cutoff = now.getTime() - this.config.retentionDays * DAY_MS;
    return [...firstIssued].filter(([id, issued]) => issued < cutoff && !done.has(id)).map(([id]) => id);
  }

  /** One evening in one transaction; null when it was purged already (or no longer exists). */
  private async purge(eveningId: string, now: Date): Promise<PurgeSummary | null> {
    const summary = await this.writer.write(async (m) => {
      if (await m.existsBy(EveningPurgeEntity, { eveningId })) return null;
      const evening = await m.findOne(EveningEntity, { where: { id: eveningId }, select: { id: true, networkId: true } });
      if (!evening) return null;
      const attendees = await m.update(AttendeeEntity, { eveningId }, { tokenHash: null, firstName: '' });
      // The old tokens of phones whose ticket was released link those phones to their voters too.
      await m.delete(ReleasedPhoneEntity, { eveningId });
      // Receipts stay: they are in the published record (so attendees can find their ballot) and in the ballots' logged hashes.
      const tickets = await m.update(TicketEntity, { eveningId }, { attendeeId: null });
      const invitations = await this.deleteSettledInvitations(m, evening.networkId, now);
      await m.insert(EveningPurgeEntity, { eveningId, purgedAt: now, retentionDays: this.config.retentionDays });
      const summary = { eveningId, attendees: attendees.affected ?? 0, tickets: tickets.affected ?? 0, invitations };
      await this.audit.append(
        m,
        eveningId,
        [{ type: 'retention-applied', actor: 'system', detail: { retentionDays: this.config.retentionDays, attendees: summary.attendees, tickets: summary.tickets, invitations } }],
        now,
      );
      return summary;
    });
    if (!summary) return null;
    this.registry.evict(eveningId);
    this.results.forget(eveningId);
    this.events.emit('purged', eveningId);
    this.logger.log(`Retention applied to evening ${eveningId}: ${summary.attendees} attendees, ${summary.tickets} tickets, ${summary.invitations} invitations`);
    return summary;
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
