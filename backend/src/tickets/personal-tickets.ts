import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { TicketStatus } from '@buurtjury/shared';
import { TicketEntity } from '../infrastructure/database/schema/tickets';
import { ticketCodeHash } from '../infrastructure/database/schema/ticket-code';

/** A personal ticket as its holder sees it: its number and whether it was used. */
/** A ticket just made: not used, not released, issued now. */
export function unusedTicket(eveningId: string, number: number, codeHash: string, now: Date): TicketEntity {
  return { id: randomUUID(), eveningId, number, codeHash, attendeeId: null, usedAt: null, releasedAt: null, createdAt: now, issuedAt: now, reissued: 0 };
}

export interface PersonalTicket {
  number: number;
  status: TicketStatus;
}

function statusOf(t: TicketEntity): TicketStatus {
  if (!t.attendeeId) return 'unused';
  return t.releasedAt ? 'released' : 'in-use';
}

/**
 * Tickets that are not printed but handed to one person (a resident who signed up): the same
 * single-use tickets as the printed cards (joining with one follows the same rules, in attendees),
 * made from a code the caller derives and keeps nowhere, so the ticket table holds only its hash,
 * as for a card. Nothing of the holder (no name, no sign-up) is stored with the ticket.
 * Every method takes the caller's write transaction (`DatabaseWriter.write`).
 */
@Injectable()
export class PersonalTickets {
  /** The ticket with this code, made when it does not exist yet (numbers continue after the existing ones). */
  async issue(m: EntityManager, eveningId: string, code: string): Promise<PersonalTicket> {
    const codeHash = ticketCodeHash(eveningId, code);
    const existing = await m.findOneBy(TicketEntity, { eveningId, codeHash });
    if (existing) return { number: existing.number, status: statusOf(existing) };
    const highest = await m.findOne(TicketEntity, { where: { eveningId }, order: { number: 'DESC' }, select: { number: true } });
    const row = unusedTicket(eveningId, (highest?.number ?? 0) + 1, codeHash, new Date());
    await m.insert(TicketEntity, row);
    return { number: row.number, status: 'unused' };
  }

  /** The ticket with this code, or null when none was made (or it was withdrawn). */
  async find(m: EntityManager, eveningId: string, code: string): Promise<PersonalTicket | null> {
    const t = await m.findOneBy(TicketEntity, { eveningId, codeHash: ticketCodeHash(eveningId, code) });
    return t ? { number: t.number, status: statusOf(t) } : null;
  }

  /**
   * Withdraws the ticket with this code so that it no longer admits anyone: an unused ticket is
   * deleted (its code stops working). A ticket a phone has used is kept, since its voter's
   * ballots count: the answer says so and the caller decides.
   */
  async withdraw(m: EntityManager, eveningId: string, code: string): Promise<'withdrawn' | 'none' | 'used'> {
    const t = await m.findOneBy(TicketEntity, { eveningId, codeHash: ticketCodeHash(eveningId, code) });
    if (!t) return 'none';
    if (statusOf(t) !== 'unused') return 'used';
    await m.delete(TicketEntity, { id: t.id });
    return 'withdrawn';
  }
}
