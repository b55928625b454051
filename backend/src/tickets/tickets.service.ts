import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { LIMITS, problem, ticketCodeFromBytes, type TicketsResponse, type TicketStatus, type TicketView } from '@buurtjury/shared';
import type { Actor } from '../accounts/actor';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { conflict, notFound, unprocessable } from '../platform/common/app-error';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import type { EveningEntity } from '../infrastructure/database/schema/evenings';
import { requireEvening } from '../evenings/evening.store';
import { LiveEvents } from '../infrastructure/events/live-events';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { LiveRegistry } from '../live/live-registry.service';
import { MetaService } from '../meta/meta.service';
import { RenderService } from '../infrastructure/render/render.service';
import { TicketEntity } from '../infrastructure/database/schema/tickets';
import { unusedTicket } from './personal-tickets';
import type { TicketCard } from '../infrastructure/render/render-job';
import { ticketCodeHash } from '../infrastructure/database/schema/ticket-code';

function statusOf(t: TicketEntity): TicketStatus {
  if (!t.attendeeId) return 'unused';
  return t.releasedAt ? 'released' : 'in-use';
}

const toView = (t: TicketEntity): TicketView => ({
  id: t.id,
  number: t.number,
  status: statusOf(t),
  issuedAt: t.issuedAt.toISOString(),
  reissued: t.reissued,
  usedAt: t.usedAt?.toISOString() ?? null,
  releasedAt: t.releasedAt?.toISOString() ?? null,
});

/** Fresh codes, none equal to another (the hashes are unique per evening). */
function freshCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(ticketCodeFromBytes(randomBytes(32)));
  return [...codes];
}

export interface PrintedCards {
  filename: string;
  pdf: Buffer;
}

/**
 * The organisers' side of admission by ticket: making and printing tickets, reprinting a lost
 * card, and releasing a ticket at the door. A ticket's code is made when its card is printed and
 * exists only on that card: the server keeps its hash, so neither the list nor the database can
 * show it again.
 */
@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
    private readonly audit: AuditLog,
    private readonly meta: MetaService,
    private readonly render: RenderService,
    private readonly registry: LiveRegistry,
    private readonly events: LiveEvents,
    private readonly domainEvents: DomainEvents,
  ) {}

  async list(actor: Actor, eveningId: string): Promise<TicketsResponse> {
    const m = this.dataSource.manager;
    const evening = await requireEvening(actor, eveningId, 'read', m);
    const tickets = await m.find(TicketEntity, { where: { eveningId }, order: { number: 'ASC' } });
    return { accessMode: evening.accessMode, tickets: tickets.map(toView) };
  }

  /**
   * Makes `count` tickets (numbers continue after the existing ones) and answers the PDF with
   * their cards: the only time their codes exist outside the cards. The cards are rendered
   * before anything is stored, so a ticket whose card could not be made does not exist.
   */
  async create(actor: Actor, eveningId: string, count: number): Promise<PrintedCards> {
    const m = this.dataSource.manager;
    const evening = await requireEvening(actor, eveningId, 'setup', m);
    if (evening.accessMode !== 'tickets') {
      throw conflict('INVALID_STATE', problem('tickets.openEvening'));
    }
    const existing = await m.count(TicketEntity, { where: { eveningId } });
    if (existing + count > LIMITS.ticketsMax) {
      throw unprocessable('INVALID_STATE', problem('tickets.max', { max: LIMITS.ticketsMax, count: existing }));
    }
    const first = (await this.highestNumber(m, eveningId)) + 1;
    const cards = freshCodes(count).map((code, i) => ({ number: first + i, code }));
    const pdf = await this.cardsPdf(evening, cards);
    await this.writer.write(async (w) => {
      // Someone else made tickets meanwhile: these numbers are taken, and the cards just made must not be handed out.
      if ((await this.highestNumber(w, eveningId)) !== first - 1) {
        throw conflict('INVALID_STATE', problem('tickets.madeMeanwhile'));
      }
      const now = new Date();
      const rows = cards.map((c) => unusedTicket(eveningId, c.number, ticketCodeHash(eveningId, c.code), now));
      for (let i = 0; i < rows.length; i += 100) await w.insert(TicketEntity, rows.slice(i, i + 100));
      await this.audit.append(w, eveningId, [{ type: 'tickets-created', actor: actor.organiserId, detail: { count, from: first, to: first + count - 1 } }], now);
    });
    return { filename: `tickets-${evening.joinCode}-${first}-${first + count - 1}.pdf`, pdf };
  }

  /**
   * Prints unused tickets again with new codes (a card lost or spoiled before anyone used it, or
   * a download that failed); their old codes stop working. A ticket that a phone has used is not
   * reprinted: a new card for it would let its holder continue as that voter.
   */
  async reissue(actor: Actor, eveningId: string, numbers: number[]): Promise<PrintedCards> {
    const m = this.dataSource.manager;
    const evening = await requireEvening(actor, eveningId, 'setup', m);
    const wanted = [...new Set(numbers)].sort((a, b) => a - b);
    await this.reissuable(m, eveningId, wanted);
    const cards = freshCodes(wanted.length).map((code, i) => ({ number: wanted[i]!, code }));
    const pdf = await this.cardsPdf(evening, cards);
    await this.writer.write(async (w) => {
      const tickets = await this.reissuable(w, eveningId, wanted);
      const now = new Date();
      for (const t of tickets) {
        const card = cards.find((c) => c.number === t.number)!;
        await w.update(TicketEntity, { id: t.id }, { codeHash: ticketCodeHash(eveningId, card.code), issuedAt: now, reissued: t.reissued + 1 });
      }
      await this.audit.append(w, eveningId, [{ type: 'tickets-reissued', actor: actor.organiserId, detail: { count: wanted.length, numbers: wanted.join(', ') } }], now);
    });
    return { filename: `tickets-${evening.joinCode}-reissued.pdf`, pdf };
  }

  /**
   * Frees a ticket in use, for example when a phone's battery died. The phone that used it is out
   * at once: its connection is closed with a message saying so, and its token no longer works.
   * Whoever uses the card next continues as the same voter (their ballots keep counting and
   * cannot be cast twice) but is not shown what the earlier phone sent. Logged with the reason.
   */
  async release(actor: Actor, eveningId: string, ticketId: string, reason: string): Promise<TicketView> {
    await requireEvening(actor, eveningId, 'run', this.dataSource.manager);
    const ticket = await this.writer.write(async (m) => {
      const t = await m.findOneBy(TicketEntity, { id: ticketId, eveningId });
      if (!t) throw notFound('ticket');
      if (statusOf(t) !== 'in-use') throw conflict('INVALID_STATE', problem('tickets.releaseOnlyInUse'));
      const now = new Date();
      t.releasedAt = now;
      await m.update(TicketEntity, { id: t.id }, { releasedAt: now });
      await this.domainEvents.publish('ticketReleased', { eveningId, attendeeId: t.attendeeId!, at: now, manager: m });
      await this.audit.append(m, eveningId, [{ type: 'ticket-released', actor: actor.organiserId, detail: { number: t.number, reason, oldPhone: 'signed-out' } }], now);
      return t;
    });
    // A ticket in use means the evening is frozen, so it runs (loaded now, after a restart, it reflects the release already).
    const live = await this.registry.get(eveningId);
    live.releasePhone(ticket.attendeeId!);
    this.events.emit('released', eveningId, ticket.attendeeId!);
    this.events.emit('tally', eveningId);
    return toView(ticket);
  }

  private async highestNumber(m: EntityManager, eveningId: string): Promise<number> {
    const row = await m.findOne(TicketEntity, { where: { eveningId }, order: { number: 'DESC' }, select: { number: true } });
    return row?.number ?? 0;
  }

  /** The tickets with these numbers, refusing numbers that do not exist or were used by a phone. */
  private async reissuable(m: EntityManager, eveningId: string, numbers: number[]): Promise<TicketEntity[]> {
    const tickets = await m.find(TicketEntity, { where: { eveningId, number: In(numbers) } });
    const missing = numbers.filter((n) => !tickets.some((t) => t.number === n));
    if (missing.length > 0) throw unprocessable('INVALID_STATE', problem('tickets.unknownNumbers', { numbers: missing.join(', ') }));
    const used = tickets.filter((t) => statusOf(t) !== 'unused').map((t) => t.number);
    if (used.length > 0) {
      throw conflict('INVALID_STATE', problem('tickets.usedNotReprinted', { numbers: used.join(', ') }));
    }
    return tickets;
  }

  private cardsPdf(evening: EveningEntity, cards: TicketCard[]): Promise<Buffer> {
    return this.render.pdf({
      kind: 'ticket-cards',
      evening: { title: evening.title, joinCode: evening.joinCode, language: evening.language },
      publicUrl: this.meta.publicUrl(),
      tickets: cards,
    });
  }
}
