import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { RedisConnections } from '../../platform/redis/redis.service';
import { DomainEvents } from './domain-events';
import { LiveEvents } from './live-events';

/** What changed in a running evening on another node; that node stored it before it said so. */
export const NOTICE_KINDS = ['state', 'tally', 'reveal', 'released', 'purged', 'details'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One notice on the Redis channel, checked like any input from outside. */
export class ClusterNotice {
  @IsUUID() node!: string;
  @IsIn(NOTICE_KINDS) kind!: NoticeKind;
  @IsString() @MaxLength(64) eveningId!: string;
  @IsOptional() @IsString() @MaxLength(64) attendeeId?: string;
}

/** Tally notices (a ballot stored, a phone joined) go out at most this often per evening; state changes at once. */
export const TALLY_NOTICE_MS = 150;

type Handler = (notice: ClusterNotice) => void;

/**
 * Keeps the nodes that share a Redis (REDIS_URL) told about each other's running evenings. Every
 * live event of this node (a host command, a stored ballot, a joined phone, a released ticket, a
 * purge: all stored before they are emitted) is published on a Redis channel; each other node
 * then refreshes that evening from the database (LiveRegistry). Tally notices are coalesced per
 * evening. When the subscription comes back after Redis was away, `onResubscribed` handlers run,
 * so notices missed meanwhile are made up for by refreshing everything. Without Redis: nothing.
 */
@Injectable()
export class ClusterNotices implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClusterNotices.name);
  /** This process, so it ignores its own notices. */
  readonly node = randomUUID();
  private readonly handlers: Handler[] = [];
  private readonly resubscribed: (() => void)[] = [];
  /** Set while this node emits a live event that came from another node: it is not published back. */
  private relaying = false;
  private readonly tallyWindows = new Map<string, { again: boolean; timer: NodeJS.Timeout }>();

  constructor(
    private readonly redis: RedisConnections,
    private readonly events: LiveEvents,
    private readonly domainEvents: DomainEvents,
  ) {}

  /** Whether other nodes may share the evenings (REDIS_URL is set). */
  get clustered(): boolean {
    return this.redis.configured;
  }

  get channel(): string {
    return this.redis.key('live-notices');
  }

  onModuleInit(): void {
    if (!this.redis.configured) return;
    this.events.on('state', (id) => this.publish({ kind: 'state', eveningId: id }));
    this.events.on('reveal', (id) => this.publish({ kind: 'reveal', eveningId: id }));
    this.events.on('purged', (id) => this.publish({ kind: 'purged', eveningId: id }));
    this.events.on('released', (id, attendeeId) => this.publish({ kind: 'released', eveningId: id, attendeeId }));
    this.events.on('tally', (id) => this.publishTally(id));
    this.domainEvents.subscribe('eveningDetailsChanged', ({ eveningId }) => this.publish({ kind: 'details', eveningId }));
    const subscriber = this.redis.subscriber();
    let subscribedOnce = false;
    subscriber.on('message', (_channel: string, message: string) => this.receive(message));
    // ioredis subscribes again by itself after a reconnection; what was published meanwhile is gone.
    subscriber.on('ready', () => {
      if (subscribedOnce) for (const handler of this.resubscribed) handler();
      subscribedOnce = true;
    });
    void subscriber.subscribe(this.channel).catch((error: unknown) => this.logger.warn(`No subscription to ${this.channel}: ${String(error)}`));
  }

  onModuleDestroy(): void {
    for (const window of this.tallyWindows.values()) clearTimeout(window.timer);
    this.tallyWindows.clear();
  }

  /** Runs `handler` for every valid notice another node publishes. */
  onRemote(handler: Handler): void {
    this.handlers.push(handler);
  }

  /** Runs `handler` when the subscription is back after Redis was away (notices may have been missed). */
  onResubscribed(handler: () => void): void {
    this.resubscribed.push(handler);
  }

  /** Emits a live event on this node because of another node's notice, without publishing it back. */
  relay(emit: () => void): void {
    this.relaying = true;
    try {
      emit();
    } finally {
      this.relaying = false;
    }
  }

  private publish(notice: Omit<ClusterNotice, 'node'>): void {
    if (this.relaying || !this.redis.shared) return;
    // The shared connection queues while Redis is away and sends once it is back.
    this.redis.shared.publish(this.channel, JSON.stringify({ ...notice, node: this.node })).catch((error: unknown) => {
      this.logger.warn(`Notice not published (${notice.kind} ${notice.eveningId}): ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** At once when none went out for the evening within the interval, otherwise once at its end. */
  private publishTally(eveningId: string): void {
    if (this.relaying) return;
    const window = this.tallyWindows.get(eveningId);
    if (window) {
      window.again = true;
      return;
    }
    this.publish({ kind: 'tally', eveningId });
    const opened = { again: false, timer: setTimeout(() => this.closeTallyWindow(eveningId), TALLY_NOTICE_MS) };
    opened.timer.unref();
    this.tallyWindows.set(eveningId, opened);
  }

  private closeTallyWindow(eveningId: string): void {
    const window = this.tallyWindows.get(eveningId);
    this.tallyWindows.delete(eveningId);
    if (window?.again) this.publishTally(eveningId);
  }

  private receive(message: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(message);
    } catch {
      return this.logger.warn('A notice on the channel was not JSON; ignored');
    }
    if (typeof raw !== 'object' || raw === null) return;
    const notice = plainToInstance(ClusterNotice, raw);
    if (validateSync(notice, { whitelist: true, forbidNonWhitelisted: true }).length > 0) return this.logger.warn('A notice on the channel had an unknown form; ignored');
    if (notice.node === this.node) return;
    for (const handler of this.handlers) handler(notice);
  }
}
