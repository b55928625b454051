import { Injectable } from '@nestjs/common';
import type { Programme } from '@buurtjury/shared';

/**
 * The side effects one feature has on the state another feature keeps (its caches, its evenings in
 * memory). The feature that changes something publishes what happened; the feature that keeps the
 * state subscribes and updates it. So a lower feature never calls a higher one, and a writer need
 * not know who keeps a copy of what it wrote.
 */
export interface DomainEventMap {
  /** An evening's title, venue or language changed (evenings): a running evening shows the new ones. */
  eveningDetailsChanged: { eveningId: string; details: Pick<Programme, 'title' | 'venue' | 'language'> };
  /** The agreed paper score cards of an evening changed (paper): its results are out of date. */
  paperBallotsChanged: { eveningId: string };
  /** An evening's personal data was deleted (privacy): whatever is kept of it in memory goes too. */
  eveningPurged: { eveningId: string };
}

export type DomainEventName = keyof DomainEventMap;
type Handler<K extends DomainEventName> = (event: DomainEventMap[K]) => void | Promise<void>;

/**
 * The typed domain-event bus. Unlike `LiveEvents` (notifications on their way to the sockets),
 * publishing waits for every subscriber, in the order they subscribed, so the request that caused
 * the change answers only once every copy has followed it; a subscriber's failure fails the publish.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<DomainEventName, Handler<never>[]>();

  subscribe<K extends DomainEventName>(name: K, handler: Handler<K>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as Handler<never>]);
  }

  async publish<K extends DomainEventName>(name: K, event: DomainEventMap[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await (handler as Handler<K>)(event);
  }
}
