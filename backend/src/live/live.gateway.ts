import { Inject, Logger } from '@nestjs/common';
import {
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import { parseBallotSubmission, type Ack, type ClientToServerEvents, type ServerToClientEvents, type SocketError } from '@buurtjury/shared';
import { AttendeesService } from '../attendees/attendees.service';
import { BallotsService } from '../ballots/ballots.service';
import { errorForLog } from '../common/log-safe';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { HostService } from './host.service';
import { LiveEvents } from './live-events';
import { LiveNotifier, rooms, type LiveServer } from './live-notifier.service';
import { LiveError } from './live-registry.service';
import { SnapshotService } from './snapshot.service';
import type { SocketContext } from './socket-context';
import { SocketAuthService } from './socket-auth.service';
import { NamePayload, parseHostCommand, parsePayload, TiesPayload, type Parsed } from './socket-payloads';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { ctx: SocketContext }>;

function connectError(error: SocketError): Error & { data: SocketError } {
  return Object.assign(new Error(error.message), { data: error });
}

/**
 * The socket.io adapter of the live evening: authenticates on connect, joins the evening's
 * rooms, throttles floods, validates payloads and hands each command to a service. It holds no
 * rules of its own; pushes to rooms come from the LiveNotifier.
 */
@WebSocketGateway({ serveClient: false })
export class LiveGateway implements OnGatewayInit<LiveServer>, OnGatewayConnection<LiveSocket>, OnGatewayDisconnect<LiveSocket> {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly limiter: RateLimiterMemory;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: SocketAuthService,
    private readonly notifier: LiveNotifier,
    private readonly snapshots: SnapshotService,
    private readonly ballots: BallotsService,
    private readonly attendees: AttendeesService,
    private readonly host: HostService,
    private readonly events: LiveEvents,
  ) {
    this.limiter = new RateLimiterMemory({ points: config.socketRateLimit, duration: 10 });
  }

  afterInit(server: LiveServer): void {
    this.notifier.attach(server);
    server.use((socket, next) => {
      if (server.engine.clientsCount > this.config.maxConnections) {
        return next(connectError({ code: 'SERVER_BUSY', message: 'The server is full. Try again in a minute.' }));
      }
      this.auth.authenticate(socket.handshake.auth).then(
        (ctx) => {
          (socket as LiveSocket).data.ctx = ctx;
          next();
        },
        (error: unknown) => next(connectError(this.toSocketError(error))),
      );
    });
  }

  handleConnection(socket: LiveSocket): void {
    const ctx = socket.data.ctx;
    void socket.join([rooms.all(ctx.eveningId), this.roleRoom(ctx)]);
    socket.use((packet, next) => {
      this.limiter.consume(socket.id).then(
        () => next(),
        () => {
          const ack = packet.at(-1);
          if (typeof ack === 'function') {
            (ack as (r: SocketError & { ok: false }) => void)({ ok: false, code: 'RATE_LIMITED', message: 'Too many messages at once. Wait a few seconds.' });
          }
        },
      );
    });
    this.bind(socket);
    if (ctx.role === 'attendee') this.events.emit('tally', ctx.eveningId);
  }

  handleDisconnect(socket: LiveSocket): void {
    const ctx = socket.data.ctx as SocketContext | undefined;
    void this.limiter.delete(socket.id);
    if (ctx?.role === 'attendee') this.events.emit('tally', ctx.eveningId);
  }

  /**
   * The socket's commands, registered on the socket itself and typed by the shared event map:
   * each one validates its payload, calls one service, and acknowledges with the outcome.
   * (Plain handlers rather than @SubscribeMessage: Nest's per-message pipeline cost a third of
   * the server's time per ballot in the load benchmark.)
   */
  private bind(socket: LiveSocket): void {
    const ctx = socket.data.ctx;
    socket.on('session:snapshot', (ack) => {
      void this.answer(ack, this.respond({ ok: true, value: null }, async () => ({ snapshot: await this.snapshots.snapshot(ctx) })));
    });
    socket.on('ballot:submit', (payload, ack) => {
      void this.answer(ack, this.respond(parseBallotSubmission(payload), (ballot) => this.ballots.accept(ctx, ballot)));
    });
    socket.on('attendee:ties', (payload, ack) => {
      void this.answer(ack, this.respond(parsePayload(TiesPayload, payload), async (p) => ({ me: await this.attendees.declareTies(ctx, p.bidderIds) })));
    });
    socket.on('attendee:name', (payload, ack) => {
      void this.answer(ack, this.respond(parsePayload(NamePayload, payload), async (p) => ({ me: await this.attendees.setFirstName(ctx, p.firstName) })));
    });
    socket.on('host:command', (payload, ack) => {
      void this.answer(ack, this.respond(parseHostCommand(payload), (command) => this.host.command(ctx, command)));
    });
  }

  /** Sends the outcome to the client's acknowledgement callback, if it gave one (a client may omit it). */
  private async answer<T>(ack: unknown, outcome: Promise<T>): Promise<void> {
    const result = await outcome;
    if (typeof ack === 'function') (ack as (r: T) => void)(result);
  }

  private roleRoom(ctx: SocketContext): string {
    switch (ctx.role) {
      case 'attendee':
        return rooms.attendees(ctx.eveningId);
      case 'host':
        return rooms.host(ctx.eveningId);
      case 'screen':
        return rooms.screen(ctx.eveningId);
    }
  }

  private async respond<P, T extends object>(parsed: Parsed<P>, work: (payload: P) => Promise<T>): Promise<Ack<T>> {
    if (!parsed.ok) return { ok: false, ...parsed.error };
    try {
      return { ok: true, ...(await work(parsed.value)) };
    } catch (error) {
      return { ok: false, ...this.toSocketError(error) };
    }
  }

  private toSocketError(error: unknown): SocketError {
    if (error instanceof LiveError) return error.error;
    this.logger.error(errorForLog(error));
    return { code: 'INTERNAL', message: 'Something went wrong on the server. Try again.' };
  }
}
