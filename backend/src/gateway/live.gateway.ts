import { Inject, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import {
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import { parseBallotSubmission, type Ack, type ClientToServerEvents, type ServerToClientEvents, type SocketError } from '@buurtjury/shared';
import { AttendeesService } from '../attendees/attendees.service';
import { BallotIntake } from '../ballots/ballot-intake.service';
import { JoinGate } from '../attendees/join-gate';
import { addressKey } from '../platform/common/client-address';
import { FloodLog } from '../platform/common/flood-log';
import { errorForLog } from '../platform/common/log-safe';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { ClusterPresence } from './cluster-presence';
import { HostService } from './host.service';
import { QuestionsService } from '../questions/questions.service';
import { LiveEvents } from '../infrastructure/events/live-events';
import { LiveNotifier, rooms, type LiveServer } from './live-notifier.service';
import { SESSION_ENDED } from './connection-ended';
import { LiveError } from '../live/live-registry.service';
import { SnapshotService } from './snapshot.service';
import { QuestionPushes } from './question-pushes';
import type { SocketContext } from '../live/socket-context';
import { SocketAuthService } from './socket-auth.service';
import { SocketSessions } from './socket-sessions';
import {
  NamePayload,
  parseHostCommand,
  parsePayload,
  ProgressPayload,
  QuestionAskPayload,
  QuestionListPayload,
  QuestionModerationPayload,
  QuestionSettingsPayload,
  QuestionVotePayload,
  TiesPayload,
  type Parsed,
} from './socket-payloads';

type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { ctx: SocketContext }>;

const wrongArity = (payloads: 0 | 1): Ack<never> => ({
  ok: false,
  code: 'INVALID_PAYLOAD',
  message: payloads === 0 ? 'This message takes no payload, only the acknowledgement callback.' : 'Send exactly one payload object with this message.',
});

function connectError(error: SocketError): Error & { data: SocketError } {
  return Object.assign(new Error(error.message), { data: error });
}

/** Connections one phone (one attendee token) may hold at once: a few tabs, and a stale one after a network switch. */
export const ATTENDEE_SOCKETS_MAX = 5;
/** Snapshots the anonymous big screens of one evening may ask for per 10 seconds together (each is a whole tally). */
export const SCREEN_SNAPSHOTS_PER_10_S = 30;

/**
 * The socket.io adapter of the live evening: authenticates on connect, joins the evening's
 * rooms, throttles floods, validates payloads and hands each command to a service. It holds no
 * rules of its own; pushes to rooms come from the LiveNotifier.
 */
@WebSocketGateway({ serveClient: false })
export class LiveGateway
  implements OnGatewayInit<LiveServer>, OnGatewayConnection<LiveSocket>, OnGatewayDisconnect<LiveSocket>, BeforeApplicationShutdown
{
  private readonly logger = new Logger(LiveGateway.name);
  /** Failed socket log-ins per address per minute (ANONYMOUS_RATE_LIMIT): guessing join codes or tokens. */
  private readonly authFailures: RateLimiterMemory;
  private readonly screenSnapshots = new RateLimiterMemory({ points: SCREEN_SNAPSHOTS_PER_10_S, duration: 10 });
  /** Open connections per attendee, and anonymous big screens per evening. */
  private readonly attendeeSockets = new Map<string, number>();
  private readonly anonymousScreens = new Map<string, number>();
  /** Commands received and not yet answered. */
  private readonly answering = new Set<Promise<void>>();
  /** Per host connection, the timer that closes it when its session expires. */
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: SocketAuthService,
    private readonly notifier: LiveNotifier,
    private readonly snapshots: SnapshotService,
    private readonly ballots: BallotIntake,
    private readonly attendees: AttendeesService,
    private readonly host: HostService,
    private readonly questions: QuestionsService,
    private readonly events: LiveEvents,
    private readonly sessions: SocketSessions,
    private readonly gate: JoinGate,
    private readonly floods: FloodLog,
    private readonly presence: ClusterPresence,
    private readonly questionPushes: QuestionPushes,
  ) {
    this.authFailures = new RateLimiterMemory({ points: config.anonymousRateLimit, duration: 60 });
  }

  afterInit(server: LiveServer): void {
    this.notifier.attach(server);
    this.questionPushes.attach(server);
    server.use((socket, next) => {
      if (this.stopping) return next(connectError({ code: 'SERVER_BUSY', message: 'The server is restarting. Try again in a minute.' }));
      const key = addressKey(this.sessions.addressOf(socket.conn));
      // Only logged-in sockets count: engine.io's clientsCount would count bare handshakes too.
      if (server.sockets.sockets.size >= this.config.maxConnections) {
        this.floods.record('connections', key);
        return next(connectError({ code: 'SERVER_BUSY', message: 'The server is full. Try again in a minute.' }));
      }
      this.admit(socket as LiveSocket, key).then(
        () => next(),
        (error: unknown) => next(connectError(this.toSocketError(error))),
      );
    });
  }

  /**
   * Authenticates a connection and applies the per-address and per-evening bounds: an address
   * with too many failed log-ins waits, one phone holds at most ATTENDEE_SOCKETS_MAX
   * connections, an evening at most SCREENS_PER_EVENING big screens opened without an organiser's log-in.
   */
  private async admit(socket: LiveSocket, key: string): Promise<void> {
    const failures = await this.authFailures.get(key);
    if (failures && failures.remainingPoints <= 0) {
      this.floods.record('socket-auth', key);
      throw new LiveError({ code: 'RATE_LIMITED', message: 'Too many failed connections from this address. Try again in a minute.' });
    }
    let ctx: SocketContext;
    try {
      ctx = await this.auth.authenticate(socket.handshake.auth);
    } catch (error) {
      if (error instanceof LiveError) await this.authFailures.consume(key).catch((e: unknown) => (e instanceof RateLimiterRes ? undefined : Promise.reject(e)));
      throw error;
    }
    if (ctx.role === 'attendee' && (this.attendeeSockets.get(ctx.attendeeId) ?? 0) >= ATTENDEE_SOCKETS_MAX) {
      this.floods.record('attendee-sockets', key);
      throw new LiveError({ code: 'TOO_MANY_CONNECTIONS', message: `This phone already has the evening open ${ATTENDEE_SOCKETS_MAX} times. Close a tab, or try again in a minute.` });
    }
    if (ctx.role === 'screen' && !ctx.byOrganiser && (this.anonymousScreens.get(ctx.eveningId) ?? 0) >= this.config.screensPerEvening) {
      this.floods.record('screens', key);
      throw new LiveError({
        code: 'TOO_MANY_CONNECTIONS',
        message: `This evening already has ${this.config.screensPerEvening} big screens open. Log in as an organiser on this computer to open another, or close one.`,
      });
    }
    socket.data.ctx = ctx;
  }

  handleConnection(socket: LiveSocket): void {
    const ctx = socket.data.ctx;
    this.sessions.loggedIn(socket.conn);
    if (ctx.role === 'attendee') {
      this.attendeeSockets.set(ctx.attendeeId, (this.attendeeSockets.get(ctx.attendeeId) ?? 0) + 1);
      if (!this.gate.connected(ctx.eveningId, ctx.attendeeId)) this.presence.phoneConnected(ctx.eveningId, ctx.attendeeId);
    }
    if (ctx.role === 'screen' && !ctx.byOrganiser) this.anonymousScreens.set(ctx.eveningId, (this.anonymousScreens.get(ctx.eveningId) ?? 0) + 1);
    void socket.join([rooms.all(ctx.eveningId), this.roleRoom(ctx), ...(ctx.role === 'attendee' ? [rooms.phone(ctx.eveningId, ctx.attendeeId)] : [])]);
    const budget = new MessageBudget(this.config.socketRateLimit, 10_000);
    socket.use((packet, next) => {
      if (budget.take(Date.now())) return next();
      const ack = packet.at(-1);
      if (typeof ack === 'function') {
        (ack as (r: SocketError & { ok: false }) => void)({ ok: false, code: 'RATE_LIMITED', message: 'Too many messages at once. Wait a few seconds.' });
      }
    });
    this.bind(socket);
    if (ctx.role === 'attendee') this.connectionChanged(ctx, true);
    if (ctx.role === 'host') this.closeAtExpiry(socket, ctx.sessionExpiresAt);
  }

  /** A phone connected or went: the turnout changes, and the host sees who lost their connection while filling in. */
  private connectionChanged(ctx: SocketContext, open: boolean): void {
    this.ballots.phoneConnection(ctx, open).then(
      () => this.events.emit('tally', ctx.eveningId),
      (error: unknown) => this.logger.warn(`Connection not counted: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** A host connection lasts as long as its session: at the session's end it is told so and closed. */
  private closeAtExpiry(socket: LiveSocket, expiresAt: number): void {
    const existing = this.expiries.get(socket.id);
    if (existing) clearTimeout(existing);
    // setTimeout holds at most about 24.8 days; a longer session re-arms on the way.
    const timer = setTimeout(() => {
      this.expiries.delete(socket.id);
      if (Date.now() < expiresAt) this.closeAtExpiry(socket, expiresAt);
      else this.notifier.end(socket, SESSION_ENDED);
    }, Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1));
    timer.unref();
    this.expiries.set(socket.id, timer);
  }

  /**
   * Graceful stop (SIGTERM, SIGINT; Nest calls this before it closes the socket server, the HTTP
   * server and the database): new connections and new ballots are refused with SERVER_BUSY (a
   * phone keeps its ballot and sends it again after the restart), the ballots already received
   * are stored, every command received is answered, and each connection closes once its answers
   * are written. Without this, closing the server would drop acknowledgements still queued.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.ballots.stop();
    await Promise.all(this.answering);
    await this.notifier.closeConnections(5_000);
  }

  handleDisconnect(socket: LiveSocket): void {
    const ctx = socket.data.ctx as SocketContext | undefined;
    const expiry = this.expiries.get(socket.id);
    if (expiry) clearTimeout(expiry);
    this.expiries.delete(socket.id);
    if (ctx?.role === 'attendee') {
      decrement(this.attendeeSockets, ctx.attendeeId);
      this.connectionChanged(ctx, false);
    }
    if (ctx?.role === 'screen' && !ctx.byOrganiser) decrement(this.anonymousScreens, ctx.eveningId);
  }

  /**
   * The socket's commands, registered on the socket itself and typed by the shared event map:
   * each one validates its payload, calls one service, and acknowledges with the outcome.
   * (Plain handlers rather than @SubscribeMessage: Nest's per-message pipeline cost a third of
   * the server's time per ballot in the load benchmark.)
   */
  private bind(socket: LiveSocket): void {
    const ctx = socket.data.ctx;
    this.on(socket, 'session:snapshot', 0, async () => {
      if (ctx.role === 'screen' && !ctx.byOrganiser && !(await this.screenSnapshotAllowed(ctx.eveningId))) {
        this.floods.record('snapshots', null);
        return { ok: false, code: 'RATE_LIMITED', message: 'Many big screens asked for this evening just now. The screen tries again by itself.' };
      }
      return this.respond({ ok: true, value: null }, async () => ({ snapshot: await this.snapshots.snapshot(await this.current(socket)) }));
    });
    this.on(socket, 'ballot:submit', 1, (payload) => this.respond(parseBallotSubmission(payload), (ballot) => this.ballots.accept(ctx, ballot)));
    this.on(socket, 'ballot:progress', 1, (payload) => this.respond(parsePayload(ProgressPayload, payload), (report) => this.ballots.progress(ctx, report)));
    this.on(socket, 'attendee:ties', 1, (payload) =>
      this.respond(parsePayload(TiesPayload, payload), async (p) => ({ me: await this.attendees.declareTies(ctx, p.bidderIds) })),
    );
    this.on(socket, 'attendee:name', 1, (payload) =>
      this.respond(parsePayload(NamePayload, payload), async (p) => ({ me: await this.attendees.setFirstName(ctx, p.firstName) })),
    );
    this.on(socket, 'host:command', 1, (payload) =>
      this.respond(parseHostCommand(payload), async (command) => this.host.command(await this.current(socket), command)),
    );
    this.on(socket, 'question:ask', 1, (payload) => this.respond(parsePayload(QuestionAskPayload, payload), (ask) => this.questions.ask(ctx, ask)));
    this.on(socket, 'question:vote', 1, (payload) => this.respond(parsePayload(QuestionVotePayload, payload), (vote) => this.questions.vote(ctx, vote.questionId)));
    this.on(socket, 'question:mine', 0, () => this.respond({ ok: true, value: null }, () => this.questions.mine(ctx)));
    this.on(socket, 'question:board', 0, () =>
      this.respond({ ok: true, value: null }, async () => {
        const answer = await this.questions.board(ctx);
        this.questionPushes.served(ctx.role, answer.board);
        return answer;
      }),
    );
    this.on(socket, 'question:list', 1, (payload) =>
      this.respond(parsePayload(QuestionListPayload, payload), async (request) => this.questions.list(await this.current(socket), request.bidderId)),
    );
    this.on(socket, 'question:moderate', 1, (payload) =>
      this.respond(parsePayload(QuestionModerationPayload, payload), async (request) => this.questions.moderateQuestion(await this.current(socket), request)),
    );
    this.on(socket, 'question:settings', 1, (payload) =>
      this.respond(parsePayload(QuestionSettingsPayload, payload), async (settings) => this.questions.changeSettings(await this.current(socket), settings)),
    );
  }

  /**
   * The socket's context for a host's command, read afresh: the session must still last (else the
   * connection is told so and closed), and the organiser's role is the current one. Other
   * connections as they are.
   */
  private async current(socket: LiveSocket): Promise<SocketContext> {
    const ctx = socket.data.ctx;
    if (ctx.role !== 'host') return ctx;
    const fresh = await this.auth.recheckHost(ctx);
    if (!fresh) {
      // Closed once the refusal below has been acknowledged (after this turn of the event loop).
      setImmediate(() => this.notifier.end(socket, SESSION_ENDED));
      throw new LiveError(SESSION_ENDED);
    }
    socket.data.ctx = fresh;
    return fresh;
  }

  /**
   * Registers one event. The acknowledgement is the last argument when it is a function (a
   * client may omit it); a message with another number of payloads than the event takes is
   * refused rather than misread, and a handler that throws is answered rather than left to crash
   * the process.
   */
  private on(socket: LiveSocket, event: keyof ClientToServerEvents, payloads: 0 | 1, handle: (payload: unknown) => Promise<Ack<object>>): void {
    socket.on(event, (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? args.pop() : undefined;
      this.answer(ack, args.length === payloads ? this.attempt(() => handle(args[0])) : Promise.resolve(wrongArity(payloads)));
    });
  }

  /** The handler's outcome, or the error it threw (at once or later) as a refusal. */
  private attempt<T extends object>(work: () => Promise<Ack<T>>): Promise<Ack<T>> {
    try {
      return work();
    } catch (error) {
      return Promise.resolve({ ok: false, ...this.toSocketError(error) });
    }
  }

  /**
   * Sends the outcome to the client's acknowledgement callback, if it gave one (a client may omit
   * it); tracked until sent, for the graceful stop. An outcome that fails is answered as a refusal.
   * One promise per command: a burst of ballots spends its time on few of them.
   */
  private answer<T extends object>(ack: unknown, outcome: Promise<Ack<T>>): void {
    const send = (result: Ack<T>): void => {
      this.answering.delete(answered);
      if (typeof ack === 'function') (ack as (r: Ack<T>) => void)(result);
    };
    const answered: Promise<void> = outcome.then(send, (error: unknown) => send({ ok: false, ...this.toSocketError(error) }));
    this.answering.add(answered);
  }

  private screenSnapshotAllowed(eveningId: string): Promise<boolean> {
    return this.screenSnapshots.consume(eveningId).then(
      () => true,
      (rejection: unknown) => (rejection instanceof RateLimiterRes ? false : Promise.reject(rejection)),
    );
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

  /** Refuses an invalid payload; otherwise the work's outcome, or the error it threw as a refusal. */
  private respond<P, T extends object>(parsed: Parsed<P>, work: (payload: P) => Promise<T>): Promise<Ack<T>> {
    if (!parsed.ok) return Promise.resolve({ ok: false, ...parsed.error });
    let pending: Promise<T>;
    try {
      pending = work(parsed.value);
    } catch (error) {
      return Promise.resolve({ ok: false, ...this.toSocketError(error) });
    }
    return pending.then(
      (value): Ack<T> => ({ ok: true, ...value }),
      (error: unknown): Ack<T> => ({ ok: false, ...this.toSocketError(error) }),
    );
  }

  private toSocketError(error: unknown): SocketError {
    if (error instanceof LiveError) return error.error;
    this.logger.error(errorForLog(error));
    return { code: 'INTERNAL', message: 'Something went wrong on the server. Try again.' };
  }
}

/**
 * The messages one connection may send per window (SOCKET_RATE_LIMIT per 10 s): a fixed window
 * that starts with the first message after the previous one ended, as rate-limiter-flexible's
 * memory limiter counted it before. Kept with the connection and checked synchronously: the
 * limiter's promise, record and timer per message were a measurable share of a ballot burst.
 */
export class MessageBudget {
  private windowStart = -Infinity;
  private used = 0;

  constructor(
    private readonly perWindow: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one message at `now` (ms); false when the window's budget is spent. */
  take(now: number): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used++;
    return this.used <= this.perWindow;
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const n = (counts.get(key) ?? 0) - 1;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}
