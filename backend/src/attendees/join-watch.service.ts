import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { DataSource } from 'typeorm';
import { watchJoins, type JoinEvent, type JoinWatch } from '@buurtjury/shared';
import { AttendeeEntity } from '../infrastructure/database/schema/attendees';
import { JoinWatchEntity } from '../infrastructure/database/schema/join-watch';

/** What the watch keeps per evening: every new phone's join, and the expected attendance. */
interface Watched {
  events: JoinEvent[];
  expected: number | null;
  /** The last summary, valid while nothing joined and the minute did not change. */
  cached: { joins: number; minute: number; open: boolean; watch: JoinWatch } | null;
}

/**
 * The address an IPv6 phone gets is one of a whole /64 it controls: count it by that /64. An
 * IPv4-mapped IPv6 address is its IPv4 address.
 */
export function addressGroup(address: string): string {
  const mapped = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(mapped) !== 6) return mapped;
  const [head = '', tail = ''] = mapped.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = mapped.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Counts new phones per minute and per network address for the host console and the advice
 * (shared/src/live/join-watch.ts). An address is kept only as a code: the first 8 hex digits of an
 * HMAC-SHA-256 of the evening and the address under a key made at start and held only in this
 * process's memory, so no one, the server's operator included, can turn a code back into an
 * address, and the same address gets another code in another evening (and after a restart).
 * Joins are counted as they happen (off the ballot path); a restarted server reads them back
 * from the attendees' join times and codes.
 */
@Injectable()
export class JoinWatchService {
  private readonly key = randomBytes(32);
  private readonly evenings = new Map<string, Promise<Watched>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The code of an address within an evening. */
  label(eveningId: string, address: string): string {
    return createHmac('sha256', this.key).update(`${eveningId}\n${addressGroup(address)}`).digest('hex').slice(0, 8);
  }

  /** Loads what is stored once per evening; every join awaits this before its row is written, so none is counted twice. */
  ready(eveningId: string): Promise<Watched> {
    let watched = this.evenings.get(eveningId);
    if (!watched) {
      watched = this.load(eveningId);
      watched.catch(() => this.evenings.delete(eveningId));
      this.evenings.set(eveningId, watched);
    }
    return watched;
  }

  /** A new phone joined (not a reload of one that had joined). */
  async joined(eveningId: string, at: Date, address: string | null): Promise<void> {
    const watched = await this.ready(eveningId);
    watched.events.push({ at: at.getTime(), address });
  }

  async watch(eveningId: string, open: boolean, now = Date.now()): Promise<JoinWatch> {
    const watched = await this.ready(eveningId);
    const minute = Math.floor(now / 60_000);
    const c = watched.cached;
    if (c && c.joins === watched.events.length && c.minute === minute && c.open === open && c.watch.expected === watched.expected) return c.watch;
    const watch = watchJoins(watched.events, { expected: watched.expected, open, now });
    watched.cached = { joins: watched.events.length, minute, open, watch };
    return watch;
  }

  async setExpected(eveningId: string, expected: number | null): Promise<void> {
    const watched = await this.ready(eveningId);
    watched.expected = expected;
  }

  /** Forgets an evening (its personal data was deleted): the next look reads what is left. */
  forget(eveningId: string): void {
    this.evenings.delete(eveningId);
  }

  private async load(eveningId: string): Promise<Watched> {
    const m = this.dataSource.manager;
    const [rows, settings] = await Promise.all([
      m.find(AttendeeEntity, { where: { eveningId }, select: { id: true, joinedAt: true, joinAddress: true } }),
      m.findOneBy(JoinWatchEntity, { eveningId }),
    ]);
    return {
      events: rows.map((r) => ({ at: r.joinedAt.getTime(), address: r.joinAddress })).sort((a, b) => a.at - b.at),
      expected: settings?.expectedAttendance ?? null,
      cached: null,
    };
  }
}
