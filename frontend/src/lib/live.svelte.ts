/**
 * The socket glue of the live evening, shared by the phone, the host console and the big screen.
 *
 * `LiveSession` connects with a `SocketAuth`, reloads the whole picture with `session:snapshot`
 * after every (re)connect (the server is the authority) and follows the pushes. `AttendeeSession`
 * adds what a phone needs: joining over REST, ties, its first name, and ballots that go through a
 * persistent outbox, so a ballot made without a connection is sent as soon as there is one. It
 * also tells the server when its owner is busy with a pitch's ballot (filling in the form, or a
 * ballot waiting in the outbox), so the host sees who is still busy before closing.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ApiErrorBody,
  AttendeeSelf,
  BallotProgressState,
  BallotReceipt,
  BallotSubmission,
  ClientToServerEvents,
  HostCommand,
  HostCommandResult,
  LiveState,
  Programme,
  Reveal,
  ServerToClientEvents,
  Snapshot,
  SocketAuth,
  SocketError,
  SocketErrorCode,
  Tally,
  ErrorParams,
  ErrorReason,
} from '@buurtjury/shared';
import { normaliseJoinCode } from '@buurtjury/shared';
import { api, errorBody, retryAfterOf } from './api';
import { clockOffset, newBallotId } from './live-format';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

/** Why the server did not count a ballot that arrived after scoring for its pitch closed (params: `time`). */
export function isTooLate(refusal: { reason?: string } | undefined): boolean {
  return refusal?.reason === 'ballotTooLate' || refusal?.reason === 'ballotChangeTooLate';
}

/** A refusal from the server, or one of the two ways the phone itself can fail to get an answer. */
export interface LiveFailure {
  code: SocketErrorCode | 'OFFLINE' | 'TIMEOUT';
  reason?: ErrorReason;
  params?: ErrorParams;
  /** In English; the interface shows the reason's or code's sentence from the locale files instead. */
  message: string;
}
export type LiveAck<T> = ({ ok: true } & T) | ({ ok: false } & LiveFailure);

const ACK_TIMEOUT_MS = 10_000;
const RETRY_MS = 4_000;

export class LiveSession {
  status = $state<ConnectionStatus>('connecting');
  /** Why the server refused the connection (shown as is). */
  refusal = $state.raw<SocketError | null>(null);
  /** Why the last snapshot could not be loaded, if it could not. */
  loadError = $state.raw<LiveFailure | null>(null);
  programme = $state.raw<Programme | null>(null);
  state = $state.raw<LiveState | null>(null);
  tally = $state.raw<Tally | null>(null);
  reveal = $state.raw<Reveal | null>(null);
  me = $state.raw<AttendeeSelf | null>(null);
  joinUrl = $state('');
  /** Server clock minus local clock. */
  offset = $state(0);
  /** The local clock, ticking while connected, so timers redraw. */
  now = $state(Date.now());
  /** True once a snapshot arrived on the current connection. */
  synced = $state(false);

  /** Called after each snapshot is applied. */
  onSnapshot: (() => void) | null = null;
  /** Called with every state taken (from a snapshot, a push or a command's answer). */
  onState: ((state: LiveState) => void) | null = null;
  /** Called when the server refuses the connection, or ends it for good (`session:ended`). */
  onRefused: ((refusal: SocketError) => void) | null = null;

  /** Set when the server ended this connection for good: it is not reopened with the same credentials. */
  private ended = false;

  private socket: LiveSocket | null = null;
  /** Pushes other modules follow (`listen`), attached to every connection this session opens. */
  private readonly listeners = new Set<[keyof ServerToClientEvents, (...args: never[]) => void]>();
  private ticker: ReturnType<typeof setInterval> | null = null;
  private retries = new Set<ReturnType<typeof setTimeout>>();

  /** The server's clock now. */
  get serverNow(): number {
    return this.now + this.offset;
  }

  /** Connects (closing an earlier connection); call `close()` when the page goes. */
  open(auth: SocketAuth): void {
    this.close();
    this.status = 'connecting';
    this.refusal = null;
    this.ended = false;
    const socket: LiveSocket = io({ auth, reconnectionDelayMax: 3_000 });
    socket.on('connect', () => {
      this.status = 'connected';
      this.refusal = null;
      void this.load();
    });
    socket.on('disconnect', (reason) => {
      this.synced = false;
      if (this.ended) return;
      this.status = 'reconnecting';
      // The server closed this connection; socket.io does not retry that by itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    // The server ends this connection for good: a released ticket, or an organiser session that ended.
    socket.on('session:ended', (notice) => {
      this.ended = true;
      this.synced = false;
      this.status = 'refused';
      this.refusal = notice;
      this.onRefused?.(notice);
    });
    socket.on('connect_error', (error) => {
      this.synced = false;
      // A network problem: socket.io keeps trying by itself.
      if (socket.active) {
        this.status = 'reconnecting';
        return;
      }
      const refusal = (error as Error & { data?: SocketError }).data ?? { code: 'INTERNAL', message: error.message };
      if (refusal.code === 'SERVER_BUSY' || refusal.code === 'RATE_LIMITED' || refusal.code === 'TOO_MANY_CONNECTIONS') {
        this.status = 'reconnecting';
        this.later(() => socket.connect());
        return;
      }
      this.status = 'refused';
      this.refusal = refusal;
      this.onRefused?.(refusal);
    });
    socket.on('live:state', (state) => this.applyState(state));
    socket.on('live:tally', (tally) => (this.tally = tally));
    socket.on('live:reveal', (reveal) => (this.reveal = reveal));
    for (const [event, handler] of this.listeners) socket.on(event, handler as never);
    this.socket = socket;
    this.ticker = setInterval(() => (this.now = Date.now()), 250);
  }

  close(): void {
    if (this.ticker) clearInterval(this.ticker);
    for (const retry of this.retries) clearTimeout(retry);
    this.retries.clear();
    this.ticker = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.synced = false;
  }

  /** Emits with an acknowledgement; answers OFFLINE without a connection and TIMEOUT when no answer comes. */
  ask<T extends object>(send: (socket: LiveSocket, ack: (result: Ack<T>) => void) => void): Promise<LiveAck<T>> {
    const socket = this.socket;
    if (!socket?.connected) {
      return Promise.resolve({ ok: false, code: 'OFFLINE', message: 'There is no connection with the server.' });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, code: 'TIMEOUT', message: 'The server did not answer in time.' }), ACK_TIMEOUT_MS);
      send(socket, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  /** Follows a push (on this and later connections) until the returned function is called. */
  listen<E extends keyof ServerToClientEvents>(event: E, handler: ServerToClientEvents[E]): () => void {
    const entry: [keyof ServerToClientEvents, (...args: never[]) => void] = [event, handler as (...args: never[]) => void];
    this.listeners.add(entry);
    this.socket?.on(event, handler as never);
    return () => {
      this.listeners.delete(entry);
      this.socket?.off(event, handler as never);
    };
  }

  /** Sends a host command; on success the returned state is applied at once. */
  async command(command: HostCommand): Promise<LiveAck<HostCommandResult>> {
    const result = await this.ask<HostCommandResult>((s, ack) => s.emit('host:command', command, ack));
    if (result.ok) this.applyState(result.state);
    return result;
  }

  /** Runs `action` after a pause (for retries); cancelled by `close()`. */
  later(action: () => void): void {
    const retry = setTimeout(() => {
      this.retries.delete(retry);
      action();
    }, RETRY_MS);
    this.retries.add(retry);
  }

  private async load(): Promise<void> {
    const result = await this.ask<{ snapshot: Snapshot }>((s, ack) => s.emit('session:snapshot', ack));
    if (!result.ok) {
      this.loadError = result;
      if (result.code !== 'OFFLINE') this.later(() => void this.load());
      return;
    }
    this.loadError = null;
    const snapshot = result.snapshot;
    this.programme = snapshot.programme;
    this.applyState(snapshot.state, true);
    this.reveal = snapshot.reveal;
    if (snapshot.role === 'attendee') {
      this.me = snapshot.me;
    } else {
      this.tally = snapshot.tally;
      this.joinUrl = snapshot.joinUrl;
    }
    this.synced = true;
    this.onSnapshot?.();
  }

  /** Takes a state unless it is older than the one we have (a push can overtake a snapshot). */
  private applyState(state: LiveState, replace = false): void {
    const current = this.state;
    if (!replace && current && Date.parse(state.serverTime) < Date.parse(current.serverTime)) return;
    this.state = state;
    this.offset = clockOffset(state.serverTime, Date.now());
    this.now = Date.now();
    this.onState?.(state);
  }
}

// ---------- the phone ----------

interface OutboxEntry {
  ballot: BallotSubmission;
  savedAt: string;
}

export type BallotStatus = 'none' | 'pending' | 'received' | 'refused';

/** Grades tapped and a remark typed for a pitch but not sent yet: kept on the phone so a reload does not lose them. */
export interface BallotDraft {
  grades: Record<string, number>;
  remark: string;
}

function storageKey(kind: 'attendee' | 'outbox' | 'ties' | 'draft', joinCode: string): string {
  return `buurtjury.${kind}.${joinCode}`;
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage unavailable (private mode): kept in memory for this visit
  }
}

function readOutbox(joinCode: string): OutboxEntry[] {
  try {
    const parsed: unknown = JSON.parse(readStorage(storageKey('outbox', joinCode)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as OutboxEntry[]).filter((e) => typeof e?.ballot?.ballotId === 'string') : [];
  } catch {
    return [];
  }
}

function readDrafts(joinCode: string): Record<string, BallotDraft> {
  try {
    const parsed: unknown = JSON.parse(readStorage(storageKey('draft', joinCode)) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, Partial<BallotDraft>>).filter(
        ([, d]) => d && typeof d.grades === 'object' && d.grades !== null && typeof d.remark === 'string',
      ),
    ) as Record<string, BallotDraft>;
  } catch {
    return {};
  }
}
/** Answers after which the server may not have heard a progress report. */
const UNHEARD = new Set<string>(['OFFLINE', 'TIMEOUT', 'RATE_LIMITED', 'SERVER_BUSY']);

/** Refusals of joining that only a (different) ticket code can solve. */
const TICKET_ERRORS = new Set<string>(['TICKET_REQUIRED', 'TICKET_INVALID', 'TICKET_IN_USE', 'TICKET_RELEASED']);

/** Joining is retried by itself when the evening is not open yet or there is no network (a 429 too, with its own message). */
export function retriesByItself(error: ApiErrorBody): boolean {
  return error.statusCode === 0 || error.code === 'EVENING_NOT_OPEN';
}

/**
 * How long to wait before trying a refused join (429) again: at least what the server asked
 * (`Retry-After`), at least a backoff that doubles per refusal (2 s up to 60 s), plus up to a
 * third more at random, so a hall of refused phones does not come back in the same second.
 */
export function busyRetryMs(attempt: number, retryAfterSeconds: number | null, random = Math.random()): number {
  const backoff = Math.min(60, 2 ** Math.max(1, Math.min(attempt, 6)));
  const wait = Math.max(retryAfterSeconds ?? 0, backoff) * 1000;
  return Math.round(wait * (1 + random / 3));
}

export class AttendeeSession {
  readonly live = new LiveSession();
  /** Why joining over REST failed (unknown code, evening not open yet, no network). */
  joinError = $state.raw<ApiErrorBody | null>(null);
  /** Ballots saved on this phone and not yet acknowledged by the server. */
  outbox = $state.raw<OutboxEntry[]>([]);
  /** The server's refusal of the last ballot per bidder id. */
  refusals = $state.raw<Record<string, LiveFailure>>({});
  /** Whether this phone answered the question about ties (answering "none" is an answer too). */
  tiesAnswered = $state(false);
  /** True once the server admitted this phone. */
  joined = $state(false);
  /** Seconds until a join refused with 429 (many phones at once) is tried again by itself; null when not waiting. */
  retryIn = $state<number | null>(null);
  /** Unsent grades and remark per bidder id (see `saveDraft`). */
  drafts = $state.raw<Record<string, BallotDraft>>({});

  private closed = false;
  private rejoined = false;
  /** Joins refused with 429 in a row. */
  private busyRefusals = 0;
  private busyTimer: ReturnType<typeof setInterval> | null = null;
  /** The newest ballot id per bidder: an older acknowledgement must not overwrite a newer one. */
  private latest = new Map<string, string>();
  /** Pitches whose form the owner started filling in (a grade chosen) and has not sent. */
  private filling = $state.raw<ReadonlySet<string>>(new Set());
  /** What the server was last told per pitch (nothing yet after a reload: it may still hold an earlier state). */
  private reported = new Map<string, BallotProgressState>();

  /** The ticket code to join with, when the evening admits by ticket (from the card's QR link or typed). */
  private ticket: string;

  constructor(
    readonly joinCode: string,
    ticket = '',
  ) {
    this.ticket = normaliseJoinCode(ticket);
    this.outbox = readOutbox(joinCode);
    for (const e of this.outbox) this.latest.set(e.ballot.bidderId, e.ballot.ballotId);
    this.tiesAnswered = readStorage(storageKey('ties', joinCode)) === '1';
    this.drafts = readDrafts(joinCode);
    // A form kept over a reload is still being filled in: the first snapshot reports it.
    this.filling = new Set(Object.keys(this.drafts));
    this.live.onState = (state) => this.dropStaleDrafts(state);
    this.live.onSnapshot = () => {
      if ((this.live.me?.ties.length ?? 0) > 0) this.tiesAnswered = true;
      // Before the outbox is sent: the host sees a waiting ballot even if sending it fails again.
      for (const pitch of this.live.state?.pitches ?? []) if (pitch.scoring === 'open') void this.report(pitch.bidderId);
      void this.flush();
    };
    this.live.onRefused = (refusal) => {
      // The organisers released this phone's ticket for another phone: say so, and offer the ticket form.
      if (refusal.code === 'TICKET_RELEASED') {
        this.live.refusal = null;
        this.clearDrafts(); // whoever uses this phone next is not the voter who tapped them
        this.joinError = { statusCode: 409, code: 'TICKET_RELEASED', ...(refusal.reason ? { reason: refusal.reason } : {}), message: refusal.message };
        return;
      }
      // The server no longer knows this phone's token (for example a new database): join afresh once.
      if (refusal.code === 'UNAUTHENTICATED' && !this.rejoined) {
        this.rejoined = true;
        writeStorage(storageKey('attendee', joinCode), null);
        this.clearDrafts();
        void this.join();
      }
    };
  }

  /** Joins and connects; returns the cleanup for an `$effect`. */
  start(): () => void {
    this.closed = false;
    void this.join();
    return () => {
      this.closed = true;
      this.stopWaiting();
      this.live.close();
    };
  }

  async join(): Promise<void> {
    this.joinError = null;
    const stored = readStorage(storageKey('attendee', this.joinCode));
    try {
      const joined = await api.join({
        joinCode: this.joinCode,
        ...(stored ? { attendeeToken: stored } : {}),
        ...(this.ticket ? { ticket: this.ticket } : {}),
      });
      if (this.closed) return;
      this.busyRefusals = 0;
      writeStorage(storageKey('attendee', this.joinCode), joined.attendeeToken);
      this.joined = true;
      this.live.open({ role: 'attendee', joinCode: this.joinCode, attendeeToken: joined.attendeeToken });
    } catch (error) {
      if (this.closed) return;
      this.joinError = errorBody(error);
      // Many phones at once (429): try again by itself after the wait the server asked for.
      if (this.joinError.statusCode === 429) return this.waitAndJoin(busyRetryMs(++this.busyRefusals, retryAfterOf(error)));
      // Not open yet, or no network: try again by itself. A ticket problem waits for the attendee.
      if (retriesByItself(this.joinError)) this.live.later(() => void this.join());
    }
  }

  /** Counts down `ms` (shown on the phone) and joins again. */
  private waitAndJoin(ms: number): void {
    this.stopWaiting();
    const at = Date.now() + ms;
    this.retryIn = Math.ceil(ms / 1000);
    this.busyTimer = setInterval(() => {
      const left = at - Date.now();
      if (left > 0) {
        this.retryIn = Math.ceil(left / 1000);
        return;
      }
      this.stopWaiting();
      void this.join();
    }, 250);
  }

  private stopWaiting(): void {
    if (this.busyTimer) clearInterval(this.busyTimer);
    this.busyTimer = null;
    this.retryIn = null;
  }

  /**
   * What the connection badge says, or null when there is nothing to connect to: joining was
   * refused (an unknown code, a ticket problem, a released ticket), so "connecting…" would never end.
   */
  get connection(): ConnectionStatus | null {
    return this.joinError ? null : this.live.status;
  }

  /** Whether the evening has no evening under this code: the attendee should retype it. */
  get unknownCode(): boolean {
    return this.joinError?.code === 'NOT_FOUND';
  }

  /** Whether the evening asks for a ticket this phone does not have (or has a wrong one). */
  get needsTicket(): boolean {
    return !!this.joinError && TICKET_ERRORS.has(this.joinError.code);
  }

  /** Joins with a ticket code the attendee typed. */
  async useTicket(code: string): Promise<void> {
    this.ticket = normaliseJoinCode(code);
    await this.join();
  }

  /** Replaces the set of bidders this attendee is tied to. */
  async setTies(bidderIds: string[]): Promise<LiveFailure | null> {
    const result = await this.live.ask<{ me: AttendeeSelf }>((s, ack) => s.emit('attendee:ties', { bidderIds }, ack));
    if (!result.ok) return result;
    this.live.me = result.me;
    this.tiesAnswered = true;
    writeStorage(storageKey('ties', this.joinCode), '1');
    return null;
  }

  async setName(firstName: string): Promise<LiveFailure | null> {
    const result = await this.live.ask<{ me: AttendeeSelf }>((s, ack) => s.emit('attendee:name', { firstName }, ack));
    if (!result.ok) return result;
    this.live.me = result.me;
    return null;
  }

  /** The grades and remark being filled in for this pitch, if any were kept. */
  draft(bidderId: string): BallotDraft | undefined {
    return this.drafts[bidderId];
  }

  /** Keeps the form's grades and remark on the phone (per evening and bidder) until the ballot is sent or the pitch closes. */
  saveDraft(bidderId: string, grades: Record<string, number>, remark: string): void {
    if (Object.keys(grades).length === 0 && remark.trim() === '') return this.clearDraft(bidderId);
    this.saveDrafts({ ...this.drafts, [bidderId]: { grades: { ...grades }, remark } });
  }

  clearDraft(bidderId: string): void {
    if (bidderId in this.drafts) this.saveDrafts(Object.fromEntries(Object.entries(this.drafts).filter(([id]) => id !== bidderId)));
  }

  private clearDrafts(): void {
    this.saveDrafts({});
  }

  /** A draft for a pitch whose scoring has closed (or an evening that ended) can never be sent: dropped. */
  private dropStaleDrafts(state: LiveState): void {
    const closed = new Set(state.pitches.filter((p) => state.phase === 'ended' || p.scoring === 'closed').map((p) => p.bidderId));
    const known = new Set(state.pitches.map((p) => p.bidderId));
    const kept = Object.entries(this.drafts).filter(([id]) => known.has(id) && !closed.has(id));
    if (kept.length !== Object.keys(this.drafts).length) this.saveDrafts(Object.fromEntries(kept));
  }

  private saveDrafts(drafts: Record<string, BallotDraft>): void {
    this.drafts = drafts;
    writeStorage(storageKey('draft', this.joinCode), Object.keys(drafts).length ? JSON.stringify(drafts) : null);
  }

  /** The owner chose a grade (or wrote) in this pitch's form: the server is told once that they are filling in. */
  fill(bidderId: string): void {
    if (this.filling.has(bidderId)) return;
    this.filling = new Set([...this.filling, bidderId]);
    void this.report(bidderId);
  }

  /** The owner left the form without sending (cancelled a change). */
  stopFilling(bidderId: string): void {
    if (!this.filling.has(bidderId)) return;
    this.unfill(bidderId);
    void this.report(bidderId);
  }

  private unfill(bidderId: string): void {
    if (this.filling.has(bidderId)) this.filling = new Set([...this.filling].filter((id) => id !== bidderId));
  }

  /** What this phone is doing with the pitch's ballot: a ballot waiting in the outbox, a form being filled in, or neither. */
  progress(bidderId: string): BallotProgressState {
    if (this.outbox.some((e) => e.ballot.bidderId === bidderId)) return 'waiting';
    return this.filling.has(bidderId) ? 'filling' : 'idle';
  }

  /**
   * Tells the server the pitch's progress when it changed since it was last told. Without a
   * connection nothing is sent: the next snapshot reports it. A refusal (scoring closed, a tie)
   * is not repeated.
   */
  private async report(bidderId: string): Promise<void> {
    const state = this.progress(bidderId);
    if (this.reported.get(bidderId) === state || !this.live.synced) return;
    this.reported.set(bidderId, state);
    const result = await this.live.ask<object>((s, ack) => s.emit('ballot:progress', { bidderId, state }, ack));
    // Not heard (no connection, no answer, busy): told again at the next change or snapshot.
    if (!result.ok && UNHEARD.has(result.code) && this.reported.get(bidderId) === state) this.reported.delete(bidderId);
  }

  /** Saves the ballot on the phone first (its draft is then no longer needed), then sends it (now, or after reconnecting). */
  async submit(bidderId: string, grades: Record<string, number>, remark: string): Promise<void> {
    this.unfill(bidderId);
    const text = remark.trim();
    const ballot: BallotSubmission = { ballotId: newBallotId(), bidderId, grades: { ...grades }, ...(text ? { remark: text } : {}) };
    this.latest.set(bidderId, ballot.ballotId);
    // A newer ballot for the same pitch replaces an unsent older one: the last one counts anyway.
    this.saveOutbox([...this.outbox.filter((e) => e.ballot.bidderId !== bidderId), { ballot, savedAt: new Date().toISOString() }]);
    this.clearDraft(bidderId);
    this.forget(bidderId);
    await this.send(ballot);
  }

  /** Sends every saved ballot the server does not have yet; runs after each snapshot. */
  async flush(): Promise<void> {
    const accepted = new Set(this.live.me?.ballots.map((b) => b.ballotId) ?? []);
    for (const entry of this.outbox) {
      if (accepted.has(entry.ballot.ballotId)) this.removeFromOutbox(entry.ballot.ballotId);
      else await this.send(entry.ballot);
    }
  }

  status(bidderId: string): BallotStatus {
    if (this.outbox.some((e) => e.ballot.bidderId === bidderId)) return 'pending';
    if (this.refusals[bidderId]) return 'refused';
    if (this.receipt(bidderId)) return 'received';
    return 'none';
  }

  /** The latest ballot the server accepted for this pitch, with its receipt. */
  receipt(bidderId: string): AttendeeSelf['ballots'][number] | undefined {
    return this.live.me?.ballots.find((b) => b.bidderId === bidderId);
  }

  /** Clears a refusal once the attendee has seen it and starts again. */
  forget(bidderId: string): void {
    if (!this.refusals[bidderId]) return;
    this.refusals = Object.fromEntries(Object.entries(this.refusals).filter(([id]) => id !== bidderId));
  }

  private async send(ballot: BallotSubmission): Promise<void> {
    if (!this.live.synced) return; // sent by flush() after the next snapshot
    const result = await this.live.ask<BallotReceipt>((s, ack) => s.emit('ballot:submit', ballot, ack));
    if (result.ok) {
      this.removeFromOutbox(ballot.ballotId);
      // The server stops counting this phone as busy with the pitch once the ballot is stored.
      if (this.progress(ballot.bidderId) === 'idle') this.reported.set(ballot.bidderId, 'idle');
      if (this.latest.get(ballot.bidderId) !== ballot.ballotId && this.receipt(ballot.bidderId)) return;
      const me = this.live.me ?? { firstName: '', joinedAt: null, ties: [], ballots: [], scoredElsewhere: [], missed: [] };
      const receipt = {
        ballotId: result.ballotId,
        bidderId: result.bidderId,
        receipt: result.receipt,
        acceptedAt: result.acceptedAt,
        grades: ballot.grades,
        remark: ballot.remark ?? '',
      };
      this.live.me = {
        ...me,
        ballots: [...me.ballots.filter((b) => b.bidderId !== ballot.bidderId), receipt],
        scoredElsewhere: me.scoredElsewhere.filter((id) => id !== ballot.bidderId),
      };
      return;
    }
    // No answer: it stays in the outbox until the next connect, and the host is told it is waiting (if a connection is left).
    if (result.code === 'OFFLINE' || result.code === 'TIMEOUT') return void this.report(ballot.bidderId);
    // Transient refusals: the ballot stays in the outbox and is sent again a little later.
    if (result.code === 'RATE_LIMITED' || result.code === 'SERVER_BUSY' || result.code === 'INTERNAL') {
      void this.report(ballot.bidderId);
      this.live.later(() => void this.flush());
      return;
    }
    this.removeFromOutbox(ballot.ballotId);
    // Refused for good (too late, a tie): the server keeps no busy state for it.
    this.reported.set(ballot.bidderId, this.progress(ballot.bidderId));
    this.refusals = { ...this.refusals, [ballot.bidderId]: result };
    // Kept as a draft, so "score again" starts from what was refused (dropped with the pitch once it closes).
    if (!this.drafts[ballot.bidderId] && this.live.state?.pitches.find((p) => p.bidderId === ballot.bidderId)?.scoring === 'open') {
      this.saveDraft(ballot.bidderId, ballot.grades, ballot.remark ?? '');
    }
  }

  private removeFromOutbox(ballotId: string): void {
    if (this.outbox.some((e) => e.ballot.ballotId === ballotId)) this.saveOutbox(this.outbox.filter((e) => e.ballot.ballotId !== ballotId));
  }

  private saveOutbox(entries: OutboxEntry[]): void {
    this.outbox = entries;
    writeStorage(storageKey('outbox', this.joinCode), entries.length ? JSON.stringify(entries) : null);
  }
}
