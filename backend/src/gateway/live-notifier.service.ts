import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import { presenceOf, withPresence, type ClientToServerEvents, type ConnectionEnded, type LiveEvening, type ServerToClientEvents, type Tally } from '@buurtjury/shared';
import { SessionEvents } from '../accounts/session-events';
import { JoinGate } from '../attendees/join-gate';
import { JoinWatchService } from '../attendees/join-watch.service';
import { LiveEvents } from '../infrastructure/events/live-events';
import { LiveRegistry } from '../live/live-registry.service';
import { ClusterPresence } from './cluster-presence';
import { SESSION_ENDED, TICKET_RELEASED } from './connection-ended';
import type { SocketContext } from '../live/socket-context';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** The screen's copy of a tally: without results unless the host shows them (hidden means not sent). */
export function forScreen(tally: Tally, liveResults: boolean): Tally {
  const { joins: _hostOnly, joinWatch: _hostOnlyToo, recentJoins: _hostOnlyAlso, ...shown } = tally;
  if (liveResults) return shown;
  const { results: _hidden, ...rest } = shown;
  return rest;
}

export const rooms = {
  all: (eveningId: string) => `e:${eveningId}`,
  host: (eveningId: string) => `e:${eveningId}:host`,
  screen: (eveningId: string) => `e:${eveningId}:screen`,
  attendees: (eveningId: string) => `e:${eveningId}:attendee`,
  /** One phone's connections (its own questions' changes go here). */
  phone: (eveningId: string, attendeeId: string) => `e:${eveningId}:a:${attendeeId}`,
};

/** Tallies go out at most this often per evening, and only to the host and screen rooms. */
export const TALLY_INTERVAL_MS = 200;

/**
 * The one place that pushes to sockets. State changes go to every room of the evening at once
 * (with several nodes: to every node's sockets, through the socket.io adapter); tallies are coalesced and sent at a bounded rate to the host (with results) and the screen
 * (with results only while the host shows live results). Phones never receive tallies.
 */
@Injectable()
export class LiveNotifier implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveNotifier.name);
  private server: LiveServer | null = null;
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: LiveEvents,
    private readonly registry: LiveRegistry,
    private readonly sessionEvents: SessionEvents,
    private readonly gate: JoinGate,
    private readonly watch: JoinWatchService,
    private readonly presence: ClusterPresence,
  ) {
    gate.countElsewhere((eveningId) => presence.others(eveningId));
  }

  attach(server: LiveServer): void {
    this.server = server;
  }

  onModuleInit(): void {
    // (Question boards: QuestionPushes.)
    this.events.on('state', (id) => void this.sendState(id));
    this.events.on('tally', (id) => this.markDirty(id));
    // Another node changed the state and broadcast it to every node's sockets; the tally follows here.
    this.events.on('refreshed', (id) => this.markDirty(id));
    this.events.on('reveal', (id) => void this.sendReveal(id));
    this.events.on('purged', (id) => this.disconnectAttendees(id));
    this.events.on('released', (eveningId, attendeeId) => this.endReleasedPhone(eveningId, attendeeId));
    this.sessionEvents.on('ended', (sessionIds) => this.endSessions(new Set(sessionIds)));
    // Another node's phones changed the counts: this node's host and screen get the new sums.
    this.presence.onChange((id) => this.markDirty(id));
  }

  /**
   * The evening's tally with the phones of every node: this node's own counts are shared with the
   * other nodes (ClusterPresence), theirs are added. Ballots, attendees and results come from the
   * evening itself (kept current from the database).
   */
  tallyOf(live: LiveEvening): Tally {
    const own = live.tally(this.attendeesConnected(live.eveningId));
    this.presence.share(live.eveningId, presenceOf(own, this.gate.localStats(live.eveningId, live.attendees.size)));
    return withPresence(own, this.presence.others(live.eveningId));
  }

  /**
   * Tells one connection why it ends, then closes it for good (once what is queued for it is
   * written, so the notice arrives). A client told so does not reconnect with the same credentials.
   */
  end(socket: Socket, notice: ConnectionEnded): void {
    if (!socket.connected) return;
    socket.emit('session:ended', notice);
    socket.disconnect(true);
  }

  /** Closes every connection of the voter's released phone (attendees of other evenings are not looked at). */
  private endReleasedPhone(eveningId: string, attendeeId: string): void {
    const server = this.server;
    const ids = server?.sockets.adapter.rooms.get(rooms.attendees(eveningId));
    if (!server || !ids) return;
    for (const id of [...ids]) {
      const socket = server.sockets.sockets.get(id);
      const ctx = socket?.data as { ctx?: SocketContext } | undefined;
      if (socket && ctx?.ctx?.role === 'attendee' && ctx.ctx.attendeeId === attendeeId) this.end(socket, TICKET_RELEASED);
    }
  }

  /** Closes every host connection of the sessions that ended (log-out, ended elsewhere, password changed, member removed). */
  private endSessions(sessionIds: ReadonlySet<string>): void {
    const server = this.server;
    if (!server) return;
    for (const socket of [...server.sockets.sockets.values()]) {
      const ctx = (socket.data as { ctx?: SocketContext }).ctx;
      if (ctx?.role === 'host' && sessionIds.has(ctx.sessionId)) this.end(socket, SESSION_ENDED);
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Closes every connection once what is queued for it (acknowledgements above all) is written,
   * so a phone learns the outcome of everything it sent. Resolves when all are closed, or after
   * `withinMs` for connections that do not finish their closing handshake.
   */
  async closeConnections(withinMs: number): Promise<void> {
    const server = this.server;
    if (!server) return;
    const connections = new Set([...server.sockets.sockets.values()].map((s) => s.conn));
    const closed = [...connections].filter((c) => c.readyState !== 'closed').map((c) => new Promise<void>((resolve) => c.once('close', () => resolve())));
    // Unlike closing the server, which drops what is still queued, this closes each connection after its queue drains.
    server.disconnectSockets(true);
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
    await Promise.race([Promise.all(closed), bound]);
    clearTimeout(timer);
  }

  attendeesConnected(eveningId: string): number {
    return this.server?.sockets.adapter.rooms.get(rooms.attendees(eveningId))?.size ?? 0;
  }

  private markDirty(eveningId: string): void {
    this.dirty.add(eveningId);
    this.timer ??= setInterval(() => void this.flushTallies(), TALLY_INTERVAL_MS);
  }

  private async flushTallies(): Promise<void> {
    if (this.dirty.size === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      return;
    }
    const ids = [...this.dirty];
    this.dirty.clear();
    for (const id of ids) {
      try {
        const live = await this.registry.get(id);
        const server = this.server;
        if (!server) return;
        const tally = this.tallyOf(live);
        // Each node sends the tally to its own host and screen sockets, from its copy of the evening
        // (kept current from the database when several nodes share it), so none gets two.
        server.local.to(rooms.host(id)).emit('live:tally', {
          ...tally,
          joins: this.gate.stats(id, live.attendees.size),
          joinWatch: await this.watch.watch(id, live.programme.rules.accessMode === 'open'),
        });
        server.local.to(rooms.screen(id)).emit('live:tally', forScreen(tally, live.evening.liveResults));
      } catch (error) {
        this.logger.warn(`No tally for ${id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Closes the phones' connections of an evening whose personal data was deleted: their tokens no longer count. */
  private disconnectAttendees(eveningId: string): void {
    this.server?.in(rooms.attendees(eveningId)).disconnectSockets(true);
  }

  private async sendState(eveningId: string): Promise<void> {
    const live = await this.registry.get(eveningId);
    this.server?.to(rooms.all(eveningId)).emit('live:state', live.liveState());
    this.markDirty(eveningId);
  }

  private async sendReveal(eveningId: string): Promise<void> {
    const live = await this.registry.get(eveningId);
    const reveal = live.reveal();
    if (reveal) this.server?.to(rooms.all(eveningId)).emit('live:reveal', reveal);
  }
}
