import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NodePresence } from '@buurtjury/shared';
import { JoinGate } from '../attendees/join-gate';
import { ClusterNotices, type PresenceNotice } from '../infrastructure/events/cluster-notices';

/** A node repeats its presence this often while it has any, so the others know it is still there. */
export const PRESENCE_HEARTBEAT_MS = 5_000;
/** Another node's presence not heard again within this long no longer counts (the node died or lost Redis). */
export const PRESENCE_EXPIRY_MS = 3 * PRESENCE_HEARTBEAT_MS;

const EMPTY = (p: NodePresence) => p.connected === 0 && p.pitches.length === 0 && p.joins.waiting === 0 && p.joins.refused === 0 && p.joins.dropped === 0;

/**
 * The per-node part of an evening's counts across nodes (issue 16): phones connected, filling in,
 * waiting or gone while busy, and the join guard's counts live where the phone's connection is.
 * Each node publishes its own (ClusterNotices' presence channel) when they change and every 5 s
 * while it has any; it keeps the latest of every other node, for at most 15 s after it last heard
 * of it, so the tallies it sends its host and screen count the phones of every node. Without Redis
 * there are no others.
 */
@Injectable()
export class ClusterPresence implements OnModuleInit, OnModuleDestroy {
  private readonly remote = new Map<string, Map<string, { presence: NodePresence; at: number }>>();
  private readonly shared = new Map<string, { json: string; presence: NodePresence; at: number }>();
  private readonly listeners: ((eveningId: string) => void)[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly notices: ClusterNotices,
    private readonly gate: JoinGate,
  ) {}

  onModuleInit(): void {
    if (!this.notices.clustered) return;
    this.notices.onPresence((notice) => this.received(notice));
    // A phone that joined here and connected to another node no longer waits here.
    this.notices.onRemote((notice) => {
      if (notice.kind === 'connected' && notice.attendeeId) this.gate.connected(notice.eveningId, notice.attendeeId);
    });
    this.heartbeat = setInterval(() => this.repeat(), PRESENCE_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Runs `listener` when another node's presence for an evening changed. */
  onChange(listener: (eveningId: string) => void): void {
    this.listeners.push(listener);
  }

  /** A phone connected here that did not join through this node: the others are told (see onModuleInit). */
  phoneConnected(eveningId: string, attendeeId: string): void {
    if (this.notices.clustered) this.notices.publishConnected(eveningId, attendeeId);
  }

  /** What the other nodes' connections add to the evening's counts now. */
  others(eveningId: string, now = Date.now()): NodePresence[] {
    const nodes = this.remote.get(eveningId);
    if (!nodes) return [];
    const fresh: NodePresence[] = [];
    for (const [node, entry] of nodes) {
      if (now - entry.at > PRESENCE_EXPIRY_MS) nodes.delete(node);
      else fresh.push(entry.presence);
    }
    if (nodes.size === 0) this.remote.delete(eveningId);
    return fresh;
  }

  /** This node's own presence for an evening: published when it changed. */
  share(eveningId: string, presence: NodePresence): void {
    if (!this.notices.clustered) return;
    const json = JSON.stringify(presence);
    const last = this.shared.get(eveningId);
    if (last?.json === json) return;
    if (EMPTY(presence) && !last) return;
    this.shared.set(eveningId, { json, presence, at: Date.now() });
    this.notices.publishPresence(eveningId, presence);
  }

  private repeat(): void {
    for (const [eveningId, entry] of this.shared) {
      this.notices.publishPresence(eveningId, entry.presence);
      // Said once that it has none: not repeated further.
      if (EMPTY(entry.presence)) this.shared.delete(eveningId);
    }
  }

  private received(notice: PresenceNotice): void {
    const { node, eveningId, connected, pitches, joins } = notice;
    let nodes = this.remote.get(eveningId);
    if (!nodes) this.remote.set(eveningId, (nodes = new Map()));
    const before = nodes.get(node);
    const presence: NodePresence = { connected, pitches: pitches.map((p) => ({ ...p })), joins: { ...joins } };
    nodes.set(node, { presence, at: Date.now() });
    if (!before || JSON.stringify(before.presence) !== JSON.stringify(presence)) for (const listener of this.listeners) listener(eveningId);
  }
}
