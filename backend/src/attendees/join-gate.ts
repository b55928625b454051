import { Inject, Injectable } from '@nestjs/common';
import { joinsWithPresence, type JoinStats, type NodePresence } from '@buurtjury/shared';
import { retryAfterSeconds, TooManyRequests, waitText } from '../platform/common/app-error';
import { addressKey } from '../platform/common/client-address';
import { FloodLog } from '../platform/common/flood-log';
import { RateLimits } from '../platform/common/rate-limit';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';

/** A phone that joined and has not connected for this long may be dropped to make room (it has nothing: no ballot, tie or name). */
export const UNCONNECTED_GRACE_MS = 60_000;

interface Waiting {
  joinedAt: number;
  address: string;
}

interface EveningJoins {
  /** New phones that joined (in this process) and have not connected yet, oldest first (ticket holders are not in it). */
  waiting: Map<string, Waiting>;
  /** Ticket holders that joined and have not connected yet: only their address's count is given back when they do. */
  tickets: Map<string, Waiting>;
  refused: number;
  dropped: number;
}

/**
 * Tells a flood of joins from a full hall: a real phone connects its socket right after joining,
 * a scripted join does not. So:
 * - a phone that already joined (a reload, a closed tab) is never counted or refused;
 * - a new phone counts against its address's JOIN_RATE_LIMIT, and gives the count back when it
 *   connects: a whole venue behind one Wi-Fi address is limited only by how many of its phones
 *   are between joining and connecting at the same moment;
 * - per evening, at most max(JOIN_CEILING_MIN, phones that did connect) phones may be waiting
 *   (joined, not connected). When that is reached, phones that have waited longer than a minute
 *   are dropped (they have no ballot, tie or name; if one was real, it joins afresh when it
 *   connects); if none has, the join is refused with 429 JOIN_BUSY and Retry-After, and the
 *   phone tries again by itself.
 * The host console shows the waiting phones, the ceiling and the refusals (`Tally.joins`).
 * Counts live in memory: after a restart every known attendee counts as connected. With several
 * nodes, the phones waiting on the other nodes (`elsewhere`, their presence shared through Redis)
 * count against the same ceiling, and the host sees the counts of all nodes.
 */
@Injectable()
export class JoinGate {
  private readonly evenings = new Map<string, EveningJoins>();
  /** What the other nodes add (set by the gateway's ClusterPresence; none on a single node). */
  private elsewhere: (eveningId: string) => readonly NodePresence[] = () => [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly limits: RateLimits,
    private readonly floods: FloodLog,
  ) {}

  /**
   * Admits one new phone from `address` to an evening that has `attendees` attendees, or throws
   * a 429. Returns the ids of waiting phones to drop first (the caller removes them). With
   * `bounded` false (an evening with tickets) only the address is counted.
   */
  async admit(eveningId: string, attendees: number, address: string, bounded: boolean, now = Date.now()): Promise<string[]> {
    await this.limits.consume('join', address);
    if (!bounded) return [];
    const e = this.evening(eveningId);
    const waitingElsewhere = this.elsewhere(eveningId).reduce((n, other) => n + other.joins.waiting, 0);
    const ceiling = Math.max(this.config.joinCeilingMin, attendees - e.waiting.size - waitingElsewhere);
    if (e.waiting.size + waitingElsewhere < ceiling) return [];
    const stale = [...e.waiting].filter(([, w]) => now - w.joinedAt >= UNCONNECTED_GRACE_MS).map(([id]) => id);
    if (stale.length > 0) {
      for (const id of stale) e.waiting.delete(id);
      e.dropped += stale.length;
      this.floods.record('join-recycled', null, stale.length);
      return stale;
    }
    // Not this address's doing: its count is given back.
    await this.limits.refund('join', address);
    e.refused++;
    this.floods.record('join-ceiling', addressKey(address));
    // The phones waiting may all be on other nodes: then a whole grace period.
    const oldest = e.waiting.values().next().value?.joinedAt ?? now;
    const waitMs = oldest + UNCONNECTED_GRACE_MS - now;
    throw new TooManyRequests(
      'JOIN_BUSY',
      `Many phones joined this evening just now without connecting. Your phone tries again by itself in ${waitText(waitMs)}.`,
      retryAfterSeconds(waitMs),
    );
  }

  /** A new phone joined (after `admit`); `droppable` false for a ticket holder. */
  joined(eveningId: string, attendeeId: string, address: string, droppable: boolean, now = Date.now()): void {
    const e = this.evening(eveningId);
    (droppable ? e.waiting : e.tickets).set(attendeeId, { joinedAt: now, address });
  }

  /**
   * An attendee's socket authenticated (here, or on another node): it is no longer waiting, and its
   * address gets its count back. False when it was not waiting on this node (it may have joined
   * through another one).
   */
  connected(eveningId: string, attendeeId: string): boolean {
    const e = this.evenings.get(eveningId);
    if (!e) return false;
    const w = e.waiting.get(attendeeId) ?? e.tickets.get(attendeeId);
    if (!w) return false;
    e.waiting.delete(attendeeId);
    e.tickets.delete(attendeeId);
    void this.limits.refund('join', w.address);
    return true;
  }

  /** Where the counts of the other nodes come from (several nodes). */
  countElsewhere(source: (eveningId: string) => readonly NodePresence[]): void {
    this.elsewhere = source;
  }

  /** For the host console: the counts of every node. */
  stats(eveningId: string, attendees: number): JoinStats {
    return joinsWithPresence(this.localStats(eveningId, attendees), this.elsewhere(eveningId), this.config.joinCeilingMin, attendees);
  }

  /** This node's own counts (what it shares with the others). */
  localStats(eveningId: string, attendees: number): JoinStats {
    const e = this.evenings.get(eveningId);
    if (!e) return { waiting: 0, ceiling: Math.max(this.config.joinCeilingMin, attendees), refused: 0, dropped: 0 };
    return { waiting: e.waiting.size, ceiling: this.ceiling(e, attendees), refused: e.refused, dropped: e.dropped };
  }

  private ceiling(e: EveningJoins, attendees: number): number {
    return Math.max(this.config.joinCeilingMin, attendees - e.waiting.size);
  }

  private evening(eveningId: string): EveningJoins {
    let e = this.evenings.get(eveningId);
    if (!e) {
      e = { waiting: new Map(), tickets: new Map(), refused: 0, dropped: 0 };
      this.evenings.set(eveningId, e);
    }
    return e;
  }
}
