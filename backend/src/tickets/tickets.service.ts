import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LIMITS, ticketCodeFromBytes, type TicketsResponse, type TicketStatus, type TicketView } from '@buurtjury/shared';
import { requirePermission } from '../accounts/access';
import type { Actor } from '../accounts/actor';
import { AuditLog } from '../audit/audit-log.service';
import { conflict, notFound, unprocessable } from '../common/app-error';
import { DatabaseWriter } from '../database/database-writer';
import { findOwnedEvening } from '../evenings/evening.store';
import { MetaService } from '../meta/meta.service';
import { RenderService } from '../render/render.service';
import { TicketEntity } from './entities';

function statusOf(t: TicketEntity): TicketStatus {
  if (!t.attendeeId) return 'unused';
  return t.releasedAt ? 'released' : 'in-use';
}

const toView = (t: TicketEntity): TicketView => ({
  id: t.id,
  number: t.number,
  code: t.code,
  status: statusOf(t),
  usedAt: t.usedAt?.toISOString() ?? null,
  releasedAt: t.releasedAt?.toISOString() ?? null,
});

/** The organisers' side of admission by ticket: making tickets, printing the cards, releasing a ticket at the door. */
@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: DatabaseWriter,
    private readonly audit: AuditLog,
    private readonly meta: MetaService,
    private readonly render: RenderService,
  ) {}

  async list(actor: Actor, eveningId: string): Promise<TicketsResponse> {
    requirePermission(actor, 'read');
    const m = this.dataSource.manager;
    const evening = await findOwnedEvening(m, actor, eveningId);
    const tickets = await m.find(TicketEntity, { where: { eveningId }, order: { number: 'ASC' } });
    return { accessMode: evening.accessMode, tickets: tickets.map(toView) };
  }

  /** Adds `count` tickets with fresh random codes; numbers continue after the existing ones. */
  async create(actor: Actor, eveningId: string, count: number): Promise<TicketsResponse> {
    requirePermission(actor, 'setup');
    await this.writer.write(async (m) => {
      const evening = await findOwnedEvening(m, actor, eveningId);
      if (evening.accessMode !== 'tickets') {
        throw conflict('INVALID_STATE', 'This evening is open to anyone with the join code. Choose admission by ticket in the setup first.');
      }
      const existing = await m.find(TicketEntity, { where: { eveningId }, select: { number: true, code: true } });
      if (existing.length + count > LIMITS.ticketsMax) {
        throw unprocessable('INVALID_STATE', `An evening has at most ${LIMITS.ticketsMax} tickets; it has ${existing.length} already.`);
      }
      const codes = new Set(existing.map((t) => t.code));
      let number = existing.reduce((max, t) => Math.max(max, t.number), 0);
      const now = new Date();
      const rows: TicketEntity[] = [];
      while (rows.length < count) {
        const code = ticketCodeFromBytes(randomBytes(32));
        if (codes.has(code)) continue;
        codes.add(code);
        rows.push({ id: randomUUID(), eveningId, number: ++number, code, attendeeId: null, usedAt: null, releasedAt: null, createdAt: now });
      }
      for (let i = 0; i < rows.length; i += 100) await m.insert(TicketEntity, rows.slice(i, i + 100));
      await this.audit.append(m, eveningId, [{ type: 'tickets-created', actor: actor.organiserId, detail: { count, from: rows[0]!.number, to: number } }], now);
    });
    return this.list(actor, eveningId);
  }

  /** The cards to print, 8 per A4 page. */
  async cards(actor: Actor, eveningId: string): Promise<{ filename: string; pdf: Buffer }> {
    requirePermission(actor, 'read');
    const m = this.dataSource.manager;
    const evening = await findOwnedEvening(m, actor, eveningId);
    const tickets = await m.find(TicketEntity, { where: { eveningId }, order: { number: 'ASC' } });
    if (tickets.length === 0) throw conflict('INVALID_STATE', 'There are no tickets to print yet. Make tickets first.');
    const pdf = await this.render.pdf({
      kind: 'ticket-cards',
      evening: { title: evening.title, joinCode: evening.joinCode, language: evening.language },
      publicUrl: this.meta.publicUrl(),
      tickets: tickets.map((t) => ({ number: t.number, code: t.code })),
    });
    return { filename: `tickets-${evening.joinCode}.pdf`, pdf };
  }

  /**
   * Frees a ticket in use so the same voter can continue on another phone (for example when a
   * battery dies). The voter keeps their ballots; the old phone stops working once the ticket is
   * used again. Logged with the reason.
   */
  async release(actor: Actor, eveningId: string, ticketId: string, reason: string): Promise<TicketView> {
    requirePermission(actor, 'run');
    const ticket = await this.writer.write(async (m) => {
      await findOwnedEvening(m, actor, eveningId);
      const t = await m.findOneBy(TicketEntity, { id: ticketId, eveningId });
      if (!t) throw notFound('The ticket');
      if (statusOf(t) !== 'in-use') throw conflict('INVALID_STATE', 'Only a ticket in use on a phone can be released.');
      t.releasedAt = new Date();
      await m.save(t);
      await this.audit.append(m, eveningId, [{ type: 'ticket-released', actor: actor.organiserId, detail: { number: t.number, reason } }], t.releasedAt);
      return t;
    });
    return toView(ticket);
  }
}
