import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { addressKey, clientAddress } from '../common/client-address';
import { FloodLog } from '../common/flood-log';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** A session that has not logged in by then is closed (socket.io's `connectTimeout`); a phone logs in within one round trip. */
export const HALF_OPEN_MS = 5_000;

/** The part of an engine.io connection this needs. */
export interface EngineConnection {
  request: IncomingMessage | null;
  close(): void;
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
 * closed after HALF_OPEN_MS, and when one address holds more than HALF_OPEN_PER_ADDRESS (or all
 * addresses together more than a quarter of MAX_CONNECTIONS, at least 1,000) the oldest is closed
 * to make room for the newest. A real phone logs in within a round trip, so it is never the oldest
 * for long: a flood closes its own sessions, not the venue's phones that share its address.
 */
@Injectable()
export class SocketSessions {
  /** Half-open sessions, oldest first. */
  private readonly halfOpen = new Map<object, HalfOpen>();
  private readonly perAddress = new Map<string, Set<EngineConnection>>();
  private readonly addresses = new WeakMap<object, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly floods: FloodLog,
  ) {}

  /** Half-open sessions of all addresses together: a quarter of MAX_CONNECTIONS, at least 1,000. */
  get maxHalfOpen(): number {
    return Math.max(1000, Math.ceil(this.config.maxConnections / 4));
  }

  /** How many sessions have not logged in (for tests and the benchmark). */
  get halfOpenCount(): number {
    return this.halfOpen.size;
  }

  /** A new engine.io session: remember its client's address and count it as half-open. */
  opened(conn: EngineConnection): void {
    const address = clientAddress(conn.request?.socket.remoteAddress, conn.request?.headers['x-forwarded-for']);
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

  /** A session closed; one that never logged in within HALF_OPEN_MS timed out, which counts as part of a flood. */
  private closed(conn: EngineConnection): void {
    const entry = this.halfOpen.get(conn);
    if (!entry) return;
    this.loggedIn(conn);
    if (Date.now() - entry.since >= HALF_OPEN_MS - 250) this.floods.record('half-open', entry.key);
  }

  private evict(conn: EngineConnection, key: string): void {
    this.loggedIn(conn);
    this.floods.record('half-open', key);
    conn.close();
  }
}
