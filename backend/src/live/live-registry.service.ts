import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { agreedPaperCards, problem, type Programme, type SocketError } from '@buurtjury/shared';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { readAtHorizon, type ChangeHorizon } from '../infrastructure/database/change-horizon';
import { lockEvening } from '../infrastructure/database/evening-lock';
import type { EveningEntity } from '../infrastructure/database/schema/evenings';
import { toEveningDetail } from '../evenings/evening.mapper';
import { EveningsQuery } from '../evenings/evenings.query';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { LiveStateEntity, PitchStateEntity } from '../infrastructure/database/schema/live';
import { ClusterNotices, type ClusterNotice } from '../infrastructure/events/cluster-notices';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { LiveEvents } from '../infrastructure/events/live-events';
import { LiveEvening, type StoredChanges, type Transition } from '@buurtjury/shared';
import { LiveSources } from './live-sources';

/** How far a copy has read: the horizon of its last read's snapshot, and the highest ballot serial it read. */
interface ReadUpTo {
  horizon: ChangeHorizon;
  serial: number;
}
const EVERYTHING: ReadUpTo = { horizon: null, serial: 0 };

export class LiveError extends Error {
  constructor(readonly error: SocketError) {
    super(error.message);
  }
}

/**
 * Keeps each running evening in memory (loaded from the database on first use, so a restart
 * resumes where it was) and writes its state changes back.
 */
@Injectable()
export class LiveRegistry {
  private readonly logger = new Logger(LiveRegistry.name);
  private readonly loaded = new Map<string, Promise<LiveEvening>>();
  /** Per evening, the refresh from the database that waits for the running one (several nodes). */
  private readonly refreshQueued = new Map<string, Promise<void>>();
  private readonly refreshRunning = new Map<string, Promise<void>>();
  /** Per copy in memory, how far it has read the database (what a refresh reads on from). */
  private readonly readUpTo = new WeakMap<LiveEvening, ReadUpTo>();
  /** Join codes never change, so each is looked up once. */
  private readonly codes = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
    private readonly events: LiveEvents,
    private readonly audit: AuditLog,
    domainEvents: DomainEvents,
    private readonly notices: ClusterNotices,
    private readonly evenings: EveningsQuery,
    private readonly sources: LiveSources,
  ) {
    domainEvents.subscribe('eveningDetailsChanged', ({ eveningId, details }) => this.refreshDetails(eveningId, details));
    domainEvents.subscribe('eveningPurged', ({ eveningId }) => this.evict(eveningId));
    notices.onRemote((notice) => void this.followRemote(notice));
    // After Redis was away, notices may have been missed: every evening in memory is brought up to date.
    notices.onResubscribed(() => {
      for (const eveningId of this.loaded.keys()) void this.followRemote({ node: '', kind: 'state', eveningId });
    });
  }

  /**
   * Another node changed a running evening and stored it: this node's copy (if it holds one) is
   * brought up to date from the database, then its own sockets are told. State changes and the
   * reveal were already broadcast to every node's sockets by the node that made them (through the
   * socket.io adapter); tallies each node sends its own sockets (see LiveNotifier).
   */
  private async followRemote(notice: ClusterNotice): Promise<void> {
    const { kind, eveningId } = notice;
    if (kind === 'purged') return this.evict(eveningId);
    // Only the join guard's count (ClusterPresence), or questions (QuestionPushes reads them): nothing of the evening's copy changed.
    if (kind === 'connected' || kind === 'questions') return;
    if (!this.loaded.has(eveningId)) return;
    await this.refresh(eveningId);
    this.notices.relay(() => {
      if (kind === 'state' || kind === 'reveal') this.events.emit('refreshed', eveningId);
      else this.events.emit('tally', eveningId);
      if (kind === 'released' && notice.attendeeId) this.events.emit('released', eveningId, notice.attendeeId);
    });
  }

  /**
   * Brings the evening held in memory up to date with what other nodes stored (see
   * LiveEvening.absorb). Refreshes of one evening run one after another, and any number asked for
   * while one runs are served by a single next one.
   */
  refresh(eveningId: string): Promise<void> {
    const queued = this.refreshQueued.get(eveningId);
    if (queued) return queued;
    const before = this.refreshRunning.get(eveningId) ?? Promise.resolve();
    const turn = before.then(() => {
      this.refreshQueued.delete(eveningId);
      const run = this.refreshOnce(eveningId);
      this.refreshRunning.set(eveningId, run);
      void run.then(() => {
        if (this.refreshRunning.get(eveningId) === run) this.refreshRunning.delete(eveningId);
      });
      return run;
    });
    this.refreshQueued.set(eveningId, turn);
    return turn;
  }

  /**
   * Reads what changed since the copy's last read (see readChanges) and takes it over: the cost
   * follows what other nodes stored meanwhile, not the size of the evening.
   */
  private async refreshOnce(eveningId: string): Promise<void> {
    try {
      const live = await this.loaded.get(eveningId)?.catch(() => null);
      if (!live) return;
      // A command of this node that is applied but not stored yet is newer than the database.
      const stored = live.commandsStored;
      await stored;
      const since = this.readUpTo.get(live) ?? EVERYTHING;
      const { changes, upTo } = await readAtHorizon(this.dataSource, async (m, horizon) => {
        const evening = await this.evenings.byId(eveningId, m);
        if (!evening) throw new LiveError({ code: 'NOT_FOUND', ...problem('eveningMissing') });
        const read = await this.readChanges(m, evening, since);
        return { changes: read, upTo: { horizon, serial: read.ballots.at(-1)?.serial ?? since.serial } };
      });
      live.absorbChanges(changes, live.commandsStored === stored);
      this.readUpTo.set(live, upTo);
    } catch (error) {
      this.logger.warn(`Evening ${eveningId} not refreshed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * The attendee behind a phone's token hash. With several nodes a phone may have joined through
   * another one a moment ago: an unknown hash first refreshes the evening from the database.
   */
  async attendeeByTokenHash(live: LiveEvening, hash: string): Promise<string | null> {
    const known = live.attendeeByTokenHash.get(hash);
    if (known || !this.notices.clustered) return known ?? null;
    await this.refresh(live.eveningId);
    return live.attendeeByTokenHash.get(hash) ?? null;
  }

  /** The live evening, loading it once; refuses an evening that is not frozen. */
  get(eveningId: string): Promise<LiveEvening> {
    let entry = this.loaded.get(eveningId);
    if (!entry) {
      entry = this.load(eveningId).then((live) => {
        this.events.emit('loaded', eveningId);
        return live;
      });
      this.loaded.set(eveningId, entry);
      entry.catch(() => this.loaded.delete(eveningId));
    }
    return entry;
  }

  /**
   * Forgets an evening held in memory (its attendees' token map included); the next use loads it
   * again from the database. Used after its personal data was deleted.
   */
  evict(eveningId: string): void {
    this.loaded.delete(eveningId);
  }

  /** The evening id for a join code, or null. */
  async eveningIdForCode(joinCode: string): Promise<string | null> {
    const cached = this.codes.get(joinCode);
    if (cached) return cached;
    const evening = await this.evenings.byJoinCode(joinCode);
    if (evening) this.codes.set(joinCode, evening.id);
    return evening?.id ?? null;
  }

  /**
   * Takes over details that may still change after freezing (title, venue, language) into an
   * evening that is already in memory; clients see them on their next snapshot.
   */
  async refreshDetails(eveningId: string, details: Pick<Programme, 'title' | 'venue' | 'language'>): Promise<void> {
    const entry = this.loaded.get(eveningId);
    if (!entry) return;
    const live = await entry.catch(() => null);
    if (live) live.programme = { ...live.programme, ...details };
  }

  /** Whether the evening belongs to the network (the access check for hosts). */
  async belongsTo(eveningId: string, networkId: string): Promise<boolean> {
    return (await this.evenings.byId(eveningId))?.networkId === networkId;
  }

  /**
   * Whether several nodes may share the database (PostgreSQL): then the database, under the
   * evening's lock, decides whether a pitch's scoring is open, and a close counts the ballots
   * stored there by every node (docs/architecture.md, "One truth about open and closed").
   * On sqlite there is one node, and its memory is the authority (the fast path).
   */
  get databaseDecides(): boolean {
    return this.dataSource.options.type === 'postgres';
  }

  /**
   * The scoring state of the evening's pitches as stored, read in the caller's transaction after
   * taking the evening's lock: no close of this evening commits until that transaction ends.
   */
  async scoringUnderLock(m: EntityManager, eveningId: string): Promise<Map<string, { open: boolean; closedAt: Date | null }>> {
    await lockEvening(m, eveningId);
    const rows = await m.find(PitchStateEntity, { where: { eveningId }, select: { bidderId: true, scoring: true, scoringClosedAt: true } });
    return new Map(rows.map((r) => [r.bidderId, { open: r.scoring === 'open', closedAt: r.scoringClosedAt }]));
  }

  /**
   * Stores what a host command changed: evening row, changed pitches, log entries, under the
   * evening's lock. Where the database decides, a close's `counted` is counted from the stored
   * ballots in the same transaction: every batch any node committed before it, and no other.
   */
  async persist(live: LiveEvening, transition: Transition, actor: string): Promise<void> {
    const e = live.evening;
    await this.writer.write(async (m) => {
      await lockEvening(m, live.eveningId);
      await m.save(LiveStateEntity, {
        eveningId: live.eveningId,
        phase: e.phase,
        currentBidderId: e.currentBidderId,
        screenView: e.screenView,
        liveResults: e.liveResults,
        revealed: e.revealed,
        startedAt: e.startedAt,
        endedAt: e.endedAt,
      });
      for (const bidderId of new Set(transition.pitches)) {
        const p = live.pitches.get(bidderId)!;
        await m.save(PitchStateEntity, { eveningId: live.eveningId, ...p });
      }
      if (this.databaseDecides) {
        for (const entry of transition.log) {
          const closes = entry.type === 'scoring-closed' || entry.type === 'closed-with-next-pitch' || entry.type === 'pitch-tally';
          if (!closes || typeof entry.detail.bidderId !== 'string') continue;
          const counted = await this.sources.get('countedPhones')(m, live.eveningId, entry.detail.bidderId);
          if (entry.type === 'pitch-tally') entry.detail.phone = counted;
          else entry.detail.counted = counted;
        }
      }
      await this.audit.append(m, live.eveningId, transition.log.map((entry) => ({ ...entry, actor })));
    });
  }

  /**
   * What the database holds of the evening that changed since `since` (see StoredChanges and
   * ChangeHorizon): attendees written since its horizon, ballots above its serial, the rest whole.
   * Read in the caller's snapshot.
   */
  private async readChanges(m: EntityManager, evening: EveningEntity, since: ReadUpTo): Promise<StoredChanges> {
    const eveningId = evening.id;
    // One after another, in the caller's snapshot (one connection).
    const state = await m.findOneBy(LiveStateEntity, { eveningId });
    const pitches = await m.findBy(PitchStateEntity, { eveningId });
    const { attendees, ties, releasedTokenHashes } = await this.sources.get('attendees')(m, eveningId, since.horizon);
    const { ballots, late } = await this.sources.get('ballots')(m, eveningId, since.serial);
    const paper = await this.sources.get('paper')(m, eveningId);
    return {
      details: { title: evening.title, venue: evening.venue, language: evening.language },
      evening: state ?? { phase: 'before', currentBidderId: null, screenView: 'join', liveResults: false, revealed: 0, startedAt: null, endedAt: null },
      pitches,
      attendees: attendees.map((a) => ({ id: a.id, tokenHash: a.tokenHash, firstName: a.firstName, joinedAt: a.joinedAt, phoneSince: a.phoneSinceSerial })),
      ties,
      releasedTokenHashes,
      ballots,
      late: late.map((l) => ({ attendeeId: l.attendeeId, bidderId: l.bidderId, receivedAt: l.receivedAt.getTime() })),
      paper: agreedPaperCards(paper),
    };
  }

  /** The evening as stored, read in one snapshot; notes how far the copy has read (readUpTo). */
  private load(eveningId: string): Promise<LiveEvening> {
    return readAtHorizon(this.dataSource, async (m, horizon) => {
      const { live, serial } = await this.loadIn(m, eveningId);
      this.readUpTo.set(live, { horizon, serial });
      return live;
    });
  }

  private async loadIn(m: EntityManager, eveningId: string): Promise<{ live: LiveEvening; serial: number }> {
    const evening = await this.evenings.byId(eveningId, m);
    if (!evening) throw new LiveError({ code: 'NOT_FOUND', ...problem('eveningMissing') });
    if (!evening.frozenAt || !evening.fingerprint) {
      throw new LiveError({ code: 'EVENING_NOT_OPEN', ...problem('eveningNotOpen') });
    }
    const detail = toEveningDetail(await this.evenings.rows(evening, m));
    const programme: Programme = {
      eveningId,
      title: detail.title,
      joinCode: detail.joinCode,
      language: detail.language,
      venue: detail.venue,
      tenderName: detail.tender.name,
      municipality: detail.tender.municipality,
      bidders: detail.bidders.map(({ id, position, name, pitchTitle, pitchSummary, pitchMinutes, qaMinutes }) => ({
        id,
        position,
        name,
        pitchTitle,
        pitchSummary,
        pitchMinutes,
        qaMinutes,
      })),
      criteria: detail.criteria.map(({ id, position, name, explanation, weight, levelDescriptors }) => ({ id, position, name, explanation, weight, levelDescriptors })),
      scale: detail.scale,
      fingerprint: detail.fingerprint!,
      rules: detail.rules,
    };
    const stored = await this.readChanges(m, evening, EVERYTHING);
    return { live: LiveEvening.fromStored(programme, stored), serial: stored.ballots.at(-1)?.serial ?? 0 };
  }
}
