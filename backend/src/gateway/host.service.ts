import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { may, type HostCommand, type HostCommandResult } from '@buurtjury/shared';
import { BallotWriter } from '../ballots/ballot-writer.service';
import { LiveEvents } from '../infrastructure/events/live-events';
import type { LiveEvening } from '@buurtjury/shared';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';

/** How long after an announced close another node closes it, if the node that announced it did not. */
export const FALLBACK_CLOSE_MS = 3_000;

/**
 * Runs the host's commands: start a pitch, open and close scoring (also automatically after a
 * chosen number of minutes, or after the countdown the host announced), reopen, skip, drive the
 * big screen, end the evening, reveal.
 */
@Injectable()
export class HostService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(HostService.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /**
   * Per evening, the last command in line. Each command (with the wait for the ballots it closes
   * and its audit entries) starts only after the one before it finished, so the trail is written
   * in the order the commands changed the state and always ends in the real state. Ballots do not
   * wait in this line.
   */
  private readonly lines = new Map<string, Promise<unknown>>();

  constructor(
    private readonly registry: LiveRegistry,
    private readonly ballots: BallotWriter,
    private readonly events: LiveEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('loaded', (id) => {
      this.registry.get(id).then((live) => this.schedule(live, [...live.pitches.keys()]), () => undefined);
    });
    // Another node ran a command: its automatic closes are armed here too, a little later, in case that node is gone by then.
    this.events.on('refreshed', (id) => {
      this.registry.get(id).then((live) => this.schedule(live, [...live.pitches.keys()], FALLBACK_CLOSE_MS), () => undefined);
    });
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async command(ctx: SocketContext, command: HostCommand): Promise<HostCommandResult> {
    if (ctx.role !== 'host' || !may(ctx.actor.role, 'run')) throw new LiveError({ code: 'FORBIDDEN', message: 'Only the organisers and moderators of this evening run the programme.' });
    const live = await this.registry.get(ctx.eveningId);
    return this.inLine(live, () => this.run(live, command, ctx.actor.organiserId));
  }

  /**
   * Runs `work` after every command of the evening handed in before it has finished (succeeded or
   * failed). The evening knows when its line is done (`commandsStored`): a ballot refused because
   * a close took effect in memory waits for that close's audit entry before its own is written.
   */
  private inLine<T>(live: LiveEvening, work: () => Promise<T>): Promise<T> {
    const eveningId = live.eveningId;
    const before = this.lines.get(eveningId) ?? Promise.resolve();
    const turn = before.then(work, work);
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.lines.set(eveningId, settled);
    live.commandsStored = settled;
    void settled.then(() => {
      if (this.lines.get(eveningId) === settled) this.lines.delete(eveningId);
    });
    return turn;
  }

  private async run(live: LiveEvening, command: HostCommand, actor: string): Promise<HostCommandResult> {
    const outcome = live.apply(command, new Date());
    if (!outcome.ok) throw new LiveError(outcome.error);
    const t = outcome.transition;
    this.schedule(live, t.timers);
    // Ballots accepted before the close are stored (and counted) before the close is reported.
    const ending = command.type === 'end-evening' && t.log.length > 0;
    if (t.closed.length > 0 || ending) await this.ballots.flush();
    for (const entry of t.log) {
      if ((entry.type === 'scoring-closed' || entry.type === 'closed-with-next-pitch') && typeof entry.detail.bidderId === 'string') {
        entry.detail.counted = live.phoneCountedFor(entry.detail.bidderId);
      }
    }
    // The final phone tally per pitch goes into the audit trail, for the verifier to recompute.
    if (ending) {
      for (const b of live.programme.bidders) t.log.push({ type: 'pitch-tally', detail: { bidderId: b.id, phone: live.phoneCountedFor(b.id) } });
    }
    if (t.log.length > 0) {
      await this.registry.persist(live, t, actor);
      this.events.emit('state', live.eveningId);
      if (command.type === 'reveal-next') this.events.emit('reveal', live.eveningId);
    }
    return {
      state: live.liveState(),
      // A close announced with a countdown has counted nothing yet: its count comes when it closes.
      ...(command.type === 'close-scoring' && live.pitches.get(command.bidderId)?.scoring === 'closed' ? { ballotsCounted: this.counted(live, command.bidderId, t) } : {}),
    };
  }

  /**
   * The ballots a close counted: this evening's memory on one node; where the database decides
   * (several nodes), the phones counted in the database by the close itself (persist), plus the
   * paper cards, so the count is the same whichever node the host is on.
   */
  private counted(live: LiveEvening, bidderId: string, t: { log: { type: string; detail: Record<string, unknown> }[] }): number {
    const closed = t.log.find((e) => (e.type === 'scoring-closed' || e.type === 'closed-with-next-pitch') && e.detail.bidderId === bidderId);
    const phones = this.registry.databaseDecides && typeof closed?.detail.counted === 'number' ? closed.detail.counted : live.phoneCountedFor(bidderId);
    return phones + live.countedFor(bidderId) - live.phoneCountedFor(bidderId);
  }

  /**
   * (Re)arms or cancels the automatic close of the given pitches. `laterMs` > 0 arms a fallback
   * for a close another node announced: when it fires, the evening is first refreshed from the
   * database, and only a pitch still open then is closed (normally that node closed it already).
   */
  private schedule(live: LiveEvening, bidderIds: string[], laterMs = 0): void {
    for (const bidderId of bidderIds) {
      const key = `${live.eveningId}:${bidderId}`;
      const existing = this.timers.get(key);
      if (existing) clearTimeout(existing);
      this.timers.delete(key);
      const pitch = live.pitches.get(bidderId);
      if (!pitch || pitch.scoring !== 'open' || !pitch.scoringClosesAt) continue;
      const timer = setTimeout(
        () => {
          this.timers.delete(key);
          // The refresh comes before the command line: it waits for the commands in line to be stored.
          const close = async () => {
            if (laterMs > 0) {
              await this.registry.refresh(live.eveningId);
              if (live.pitches.get(bidderId)?.scoring !== 'open') return;
            }
            await this.inLine(live, () => this.run(live, { type: 'close-scoring', bidderId }, 'system'));
          };
          close().catch((error: unknown) =>
            this.logger.error(`Automatic close failed: ${error instanceof Error ? error.message : String(error)}`),
          );
        },
        Math.max(0, pitch.scoringClosesAt.getTime() - Date.now()) + laterMs,
      );
      timer.unref();
      this.timers.set(key, timer);
    }
  }
}
