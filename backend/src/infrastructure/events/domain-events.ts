import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Programme } from '@buurtjury/shared';
import type { EveningEntity } from '../database/schema/evenings';

/**
 * What one evening's retention deleted and kept, filled in by the feature that owns each table
 * (privacy logs it in the `retention-applied` entry). The digests stay null until the ballots and
 * the paper entries have been checked, so a purge that missed them fails instead of logging nothing.
 */
export interface RetentionTally {
  /** Attendees whose token hash, first name and address code were cleared (attendees). */
  attendees: number;
  /** Tickets whose link to an attendee was cleared (tickets). */
  tickets: number;
  /** Settled invitations of the evening's network deleted (accounts). */
  invitations: number;
  /** Ballots and paper entries whose raw remark was deleted (ballots, paper). */
  remarks: number;
  /** Counted remarks kept in their masked form (advice). */
  keptRemarks: number;
  /** Incidents whose texts had their possible names masked (procedure). */
  incidents: number;
  ballotsDigest: string | null;
  ballotsMismatched: number;
  paperDigest: string | null;
  paperMismatched: number;
}


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
  /**
   * A ticket in use was released (tickets), inside the release's transaction (`manager`): the
   * attendees sign out the phone that used it (its token stops working and is kept as released).
   */
  ticketReleased: { eveningId: string; attendeeId: string; at: Date; manager: EntityManager };
  /**
   * An evening's retention period has passed (privacy), step one, inside the purge's transaction
   * (`manager`), before anything is deleted: what must outlive the personal data is kept (the
   * advice keeps the counted remarks, masked, for a later version).
   */
  retentionKeeping: { evening: EveningEntity; manager: EntityManager; tally: RetentionTally };
  /**
   * Step two, in the same transaction: each feature deletes the personal data in its own tables
   * and counts what it deleted in `tally`.
   */
  retentionDue: { evening: EveningEntity; now: Date; manager: EntityManager; tally: RetentionTally };
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
