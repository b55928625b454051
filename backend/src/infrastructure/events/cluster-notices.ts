import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested, validateSync } from 'class-validator';
import type { NodePresence } from '@buurtjury/shared';
import { randomUUID } from 'node:crypto';
import { RedisConnections } from '../../platform/redis/redis.service';
import { DomainEvents } from './domain-events';
import { LiveEvents } from './live-events';

/** What changed in a running evening on another node; that node stored it before it said so. */
/**
 * `connected`: a phone connected to this node (it may have joined through another, which counted it as waiting).
 * `questions`: questions of the evening changed (each node sends its own sockets the boards, read from the database).
 */
export const NOTICE_KINDS = ['state', 'tally', 'reveal', 'released', 'purged', 'details', 'connected', 'questions'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One notice on the Redis channel, checked like any input from outside. */
export class ClusterNotice {
  @IsUUID() node!: string;
  @IsIn(NOTICE_KINDS) kind!: NoticeKind;
  @IsString() @MaxLength(64) eveningId!: string;
  @IsOptional() @IsString() @MaxLength(64) attendeeId?: string;
}

const COUNT_MAX = 10_000_000;

/** One pitch's busy phones on the node that sends a presence notice. */
export class PresencePitch {
  @IsString() @MaxLength(64) bidderId!: string;
  @IsInt() @Min(0) @Max(COUNT_MAX) filling!: number;
  @IsInt() @Min(0) @Max(COUNT_MAX) waiting!: number;
  @IsInt() @Min(0) @Max(COUNT_MAX) disconnected!: number;
}

export class PresenceJoins {
  @IsInt() @Min(0) @Max(COUNT_MAX) waiting!: number;
  @IsInt() @Min(0) @Max(COUNT_MAX) refused!: number;
  @IsInt() @Min(0) @Max(COUNT_MAX) dropped!: number;
}

/** What one node's own connections add to an evening's counts (NodePresence), on the presence channel, checked like any input. */
export class PresenceNotice implements NodePresence {
  @IsUUID() node!: string;
  @IsString() @MaxLength(64) eveningId!: string;
  @IsInt() @Min(0) @Max(COUNT_MAX) connected!: number;
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => PresencePitch) pitches!: PresencePitch[];
  @ValidateNested() @Type(() => PresenceJoins) joins!: PresenceJoins;
}

/** Tally notices (a ballot stored, a phone joined) go out at most this often per evening; state changes at once. */
export const TALLY_NOTICE_MS = 150;

type Handler = (notice: ClusterNotice) => void;
type PresenceHandler = (notice: PresenceNotice) => void;

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
  private readonly presenceHandlers: PresenceHandler[] = [];
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

  get presenceChannel(): string {
    return this.redis.key('live-presence');
  }

  onModuleInit(): void {
    if (!this.redis.configured) return;
    this.events.on('state', (id) => this.publish({ kind: 'state', eveningId: id }));
    this.events.on('reveal', (id) => this.publish({ kind: 'reveal', eveningId: id }));
    this.events.on('purged', (id) => this.publish({ kind: 'purged', eveningId: id }));
    this.events.on('released', (id, attendeeId) => this.publish({ kind: 'released', eveningId: id, attendeeId }));
    this.events.on('tally', (id) => this.publishTally(id));
    this.events.on('questions', (id) => this.publishTally(id, 'questions'));
    this.domainEvents.subscribe('eveningDetailsChanged', ({ eveningId }) => this.publish({ kind: 'details', eveningId }));
    const subscriber = this.redis.subscriber();
    let subscribedOnce = false;
    subscriber.on('message', (channel: string, message: string) => (channel === this.presenceChannel ? this.receivePresence(message) : this.receive(message)));
    // ioredis subscribes again by itself after a reconnection; what was published meanwhile is gone.
    subscriber.on('ready', () => {
      if (subscribedOnce) for (const handler of this.resubscribed) handler();
      subscribedOnce = true;
    });
    void subscriber.subscribe(this.channel, this.presenceChannel).catch((error: unknown) => this.logger.warn(`No subscription to ${this.channel}: ${String(error)}`));
  }

  onModuleDestroy(): void {
    for (const window of this.tallyWindows.values()) clearTimeout(window.timer);
    this.tallyWindows.clear();
  }

  /** Runs `handler` for every valid notice another node publishes. */
  onRemote(handler: Handler): void {
    this.handlers.push(handler);
  }

  /** Tells the other nodes that a phone connected here (a node where it joined and waits for it stops counting it as waiting). */
  publishConnected(eveningId: string, attendeeId: string): void {
    this.publish({ kind: 'connected', eveningId, attendeeId });
  }

  /** Runs `handler` for every valid presence notice another node publishes. */
  onPresence(handler: PresenceHandler): void {
    this.presenceHandlers.push(handler);
  }

  /** Tells the other nodes what this node's own connections add to an evening's counts (nothing without Redis). */
  publishPresence(eveningId: string, presence: NodePresence): void {
    if (!this.redis.shared) return;
    this.redis.shared.publish(this.presenceChannel, JSON.stringify({ ...presence, eveningId, node: this.node })).catch((error: unknown) => {
      this.logger.warn(`Presence not published (${eveningId}): ${error instanceof Error ? error.message : String(error)}`);
    });
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

  /** At once when none (of this kind) went out for the evening within the interval, otherwise once at its end. */
  private publishTally(eveningId: string, kind: 'tally' | 'questions' = 'tally'): void {
    if (this.relaying) return;
    const key = `${kind}:${eveningId}`;
    const window = this.tallyWindows.get(key);
    if (window) {
      window.again = true;
      return;
    }
    this.publish({ kind, eveningId });
    const opened = { again: false, timer: setTimeout(() => this.closeTallyWindow(eveningId, kind), TALLY_NOTICE_MS) };
    opened.timer.unref();
    this.tallyWindows.set(key, opened);
  }

  private closeTallyWindow(eveningId: string, kind: 'tally' | 'questions'): void {
    const key = `${kind}:${eveningId}`;
    const window = this.tallyWindows.get(key);
    this.tallyWindows.delete(key);
    if (window?.again) this.publishTally(eveningId, kind);
  }

  private receivePresence(message: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(message);
    } catch {
      return this.logger.warn('A presence notice was not JSON; ignored');
    }
    if (typeof raw !== 'object' || raw === null) return;
    const notice = plainToInstance(PresenceNotice, raw);
    if (validateSync(notice, { whitelist: true, forbidNonWhitelisted: true }).length > 0) return this.logger.warn('A presence notice had an unknown form; ignored');
    if (notice.node === this.node) return;
    for (const handler of this.presenceHandlers) handler(notice);
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
