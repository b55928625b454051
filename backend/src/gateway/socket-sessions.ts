import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { addressKey, clientAddress, type TrustProxy } from '../platform/common/client-address';
import { FloodLog } from '../platform/common/flood-log';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';

/** A session that has not logged in by then is closed (socket.io's `connectTimeout`); a phone logs in within one round trip. */
export const HALF_OPEN_MS = 5_000;

/** The part of an engine.io connection this needs. */
export interface EngineConnection {
  request: IncomingMessage | null;
  /** With `discard`, at once (a polling session otherwise waits for its next request, up to 30 s). */
  close(discard?: boolean): void;
  once(event: 'close', listener: () => void): unknown;
}

interface HalfOpen {
  conn: EngineConnection;
  key: string;
  since: number;
}

/**
 * Engine.io sessions before they log in. engine.io counts a bare polling handshake as a client
 * (`clientsCount`), so counting those against MAX_CONNECTIONS let anyone fill the server with
 * plain GETs. Here a session is "half-open" from its handshake until the socket authenticates;
 * only logged-in sockets count against MAX_CONNECTIONS (LiveGateway). Half-open sessions are
 * closed (discarded, so a polling session does not linger) after HALF_OPEN_MS, and when one address holds more than HALF_OPEN_PER_ADDRESS (or all
 * addresses together more than a quarter of MAX_CONNECTIONS, at least 1,000) the oldest is closed
 * to make room for the newest. A real phone logs in within a round trip, so it is never the oldest
 * for long: a flood closes its own sessions, not the venue's phones that share its address.
 */
@Injectable()
export class SocketSessions implements OnApplicationShutdown {
  /** Half-open sessions, oldest first. */
  private readonly halfOpen = new Map<object, HalfOpen>();
  private readonly perAddress = new Map<string, Set<EngineConnection>>();
  private readonly addresses = new WeakMap<object, string>();
  private sweeper: NodeJS.Timeout | null = null;
  /** Express's `trust proxy` (TRUST_PROXY), so a socket's address is the one `req.ip` would give; set by LiveIoAdapter. */
  trust: TrustProxy | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly floods: FloodLog,
  ) {}

  /** Half-open sessions of all addresses together: a quarter of MAX_CONNECTIONS, at least 1,000. */
  get maxHalfOpen(): number {
    return Math.max(1000, Math.ceil(this.config.maxConnections / 4));
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** How many sessions have not logged in (for tests and the benchmark). */
  get halfOpenCount(): number {
    return this.halfOpen.size;
  }

  /** A new engine.io session: remember its client's address and count it as half-open. */
  opened(conn: EngineConnection): void {
    const address = clientAddress(conn.request?.socket.remoteAddress, conn.request?.headers['x-forwarded-for'], this.trust);
    const key = addressKey(address);
    this.addresses.set(conn, address);
    this.halfOpen.set(conn, { conn, key, since: Date.now() });
    let mine = this.perAddress.get(key);
    if (!mine) {
      mine = new Set();
      this.perAddress.set(key, mine);
    }
    mine.add(conn);
    conn.once('close', () => this.closed(conn));
    this.sweeper ??= setInterval(() => this.sweep(), 500).unref();
    if (mine.size > this.config.halfOpenPerAddress) this.evict(mine.values().next().value!, key);
    if (this.halfOpen.size > this.maxHalfOpen) {
      const oldest = this.halfOpen.values().next().value!;
      this.evict(oldest.conn, oldest.key);
    }
  }

  /** The session's socket authenticated, or the session closed: it is no longer half-open. */
  loggedIn(conn: object): void {
    const entry = this.halfOpen.get(conn);
    if (!entry) return;
    this.halfOpen.delete(conn);
    const mine = this.perAddress.get(entry.key);
    mine?.delete(entry.conn);
    if (mine?.size === 0) this.perAddress.delete(entry.key);
  }

  /** The client's address of a session (as the HTTP side would see it). */
  addressOf(conn: object): string {
    return this.addresses.get(conn) ?? 'unknown';
  }

  /** A session closed before it logged in (the client left, or its log-in was refused). */
  private closed(conn: EngineConnection): void {
    this.loggedIn(conn);
  }

  private evict(conn: EngineConnection, key: string): void {
    this.loggedIn(conn);
    this.floods.record('half-open', key);
    conn.close(true);
  }

  /** Closes the sessions that did not log in within HALF_OPEN_MS (oldest first, so it stops at the first younger one). */
  private sweep(): void {
    const cutoff = Date.now() - HALF_OPEN_MS;
    for (const entry of this.halfOpen.values()) {
      if (entry.since > cutoff) break;
      this.evict(entry.conn, entry.key);
    }
    if (this.halfOpen.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }
}
