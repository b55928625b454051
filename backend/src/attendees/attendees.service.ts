import { Injectable } from '@nestjs/common';
import { BatchedInserter } from '../database/batched-inserter';
import { randomUUID } from 'node:crypto';
import { isJoinCode, isTicketCode, normaliseJoinCode, type AttendeeSelf, type JoinResponse } from '@buurtjury/shared';
import { newToken, tokenHash } from '../accounts/tokens';
import { badRequest, conflict, forbidden, notFound } from '../common/app-error';
import { AuditLog } from '../audit/audit-log.service';
import { TicketEntity } from '../tickets/entities';
import { DatabaseWriter } from '../database/database-writer';
import { LiveEvents } from '../live/live-events';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { LiveEvening } from '../live/live-evening';
import type { SocketContext } from '../live/socket-context';
import { AttendeeEntity, TieDeclarationEntity } from './entities';
import { JoinWatchService } from './join-watch.service';

/** Anonymous attendees: joining with the code, declaring ties, an optional first name. */
@Injectable()
export class AttendeesService {
  /** A room full of phones joins within a minute: their rows are written in batches, like ballots. */
  private readonly joins: BatchedInserter<AttendeeEntity>;

  constructor(
    private readonly registry: LiveRegistry,
    private readonly writer: DatabaseWriter,
    private readonly events: LiveEvents,
    private readonly audit: AuditLog,
    private readonly watch: JoinWatchService,
  ) {
    this.joins = new BatchedInserter(writer, AttendeeEntity, { rowsPerStatement: 200, batchMax: 1000, lingerMs: 4 }, 'AttendeeJoins');
  }

  /**
   * Joins an evening by its code. A phone that already holds a token for this evening keeps its
   * identity (a reload or a closed tab is the same voter); otherwise a new anonymous attendee is
   * made, or, when the evening admits by ticket, the ticket decides (see `admitByTicket`).
   * Nothing personal is asked.
   */
  async join(rawCode: string, attendeeToken?: string, ticket?: string, address: string | null = null): Promise<JoinResponse> {
    const joinCode = normaliseJoinCode(rawCode);
    const eveningId = isJoinCode(joinCode) ? await this.registry.eveningIdForCode(joinCode) : null;
    if (!eveningId) throw notFound('An evening with this code');
    const live = await this.registry.get(eveningId).catch((error: unknown) => {
      throw error instanceof LiveError ? conflict('EVENING_NOT_OPEN', error.message) : error;
    });
    if (attendeeToken && live.attendeeByTokenHash.has(tokenHash(attendeeToken))) return { attendeeToken, eveningId, joinCode };
    // The join counts (host console, advice) are read before the first new row of this process is written.
    await this.watch.ready(eveningId);
    const joinAddress = address === null ? null : this.watch.label(eveningId, address);
    if (live.programme.rules.accessMode === 'tickets') return { attendeeToken: await this.admitByTicket(live, ticket, joinAddress), eveningId, joinCode };
    const token = newToken();
    const attendee: AttendeeEntity = { id: randomUUID(), eveningId, tokenHash: tokenHash(token), firstName: '', joinedAt: new Date(), joinAddress };
    await this.joins.insert(attendee);
    live.addAttendee(attendee.id, attendee.tokenHash, '', attendee.joinedAt);
    await this.watch.joined(eveningId, attendee.joinedAt, joinAddress);
    this.events.emit('tally', eveningId);
    return { attendeeToken: token, eveningId, joinCode };
  }

  /**
   * Admission by ticket: an unused ticket makes a new attendee bound to it; a ticket the host
   * released moves its attendee (with their ballots and join time) to this phone, and the old
   * phone's token stops working; a ticket in use on another phone is refused. Checked and bound
   * in one write, so two phones scanning the same card at once cannot both get in.
   */
  private async admitByTicket(live: LiveEvening, rawTicket: string | undefined, joinAddress: string | null): Promise<string> {
    if (rawTicket === undefined || rawTicket.trim() === '') {
      throw forbidden('This evening admits by ticket. Scan the QR code on your ticket card, or type the code printed on it.', 'TICKET_REQUIRED');
    }
    const code = normaliseJoinCode(rawTicket);
    if (!isTicketCode(code)) throw badRequest('TICKET_INVALID', 'This is not a valid ticket code. Check the code on your card (ten letters and digits).');
    const token = newToken();
    const hash = tokenHash(token);
    const now = new Date();
    const admitted = await this.writer.write(async (m) => {
      const t = await m.findOneBy(TicketEntity, { eveningId: live.eveningId, code });
      if (!t) throw badRequest('TICKET_INVALID', 'This ticket code is not valid for this evening. Check the code on your card.');
      if (t.attendeeId && !t.releasedAt) {
        throw conflict('TICKET_IN_USE', 'This ticket is already in use on another phone. If it is yours, ask the host to release it.');
      }
      let attendee: AttendeeEntity;
      if (t.attendeeId) {
        await m.update(AttendeeEntity, { id: t.attendeeId }, { tokenHash: hash });
        attendee = await m.findOneByOrFail(AttendeeEntity, { id: t.attendeeId });
      } else {
        attendee = { id: randomUUID(), eveningId: live.eveningId, tokenHash: hash, firstName: '', joinedAt: now, joinAddress };
        await m.insert(AttendeeEntity, attendee);
      }
      const rebound = t.attendeeId !== null;
      await m.update(TicketEntity, { id: t.id }, { attendeeId: attendee.id, usedAt: now, releasedAt: null });
      await this.audit.append(m, live.eveningId, [{ type: 'ticket-used', actor: 'attendee', detail: { number: t.number, anotherPhone: rebound } }], now);
      return { attendee, rebound };
    });
    if (admitted.rebound) live.rebindAttendee(admitted.attendee.id, hash);
    else {
      live.addAttendee(admitted.attendee.id, hash, '', admitted.attendee.joinedAt);
      await this.watch.joined(live.eveningId, admitted.attendee.joinedAt, joinAddress);
    }
    this.events.emit('tally', live.eveningId);
    return token;
  }

  /** The attendee behind a phone's token in this evening, or null. */
  attendeeFor(live: LiveEvening, attendeeToken: string): string | null {
    return live.attendeeByTokenHash.get(tokenHash(attendeeToken)) ?? null;
  }

  /** Replaces the attendee's declared ties. Ballots for a bidder they are tied to are not counted. */
  async declareTies(ctx: SocketContext, bidderIds: string[]): Promise<AttendeeSelf> {
    const { live, attendeeId } = await this.attendee(ctx);
    // The final tally is logged when the evening ends; ties changed after it would alter it unseen.
    if (live.evening.phase === 'ended') throw new LiveError({ code: 'EVENING_ENDED', message: 'The evening has ended; ties can no longer change.' });
    if (bidderIds.some((id) => !live.frame.bidderIds.has(id))) {
      throw new LiveError({ code: 'UNKNOWN_BIDDER', message: 'A declared tie names a bidder that is not on the programme.' });
    }
    const wanted = new Set(bidderIds);
    await this.writer.write(async (m) => {
      await m.delete(TieDeclarationEntity, { attendeeId });
      if (wanted.size > 0) {
        await m.insert(TieDeclarationEntity, [...wanted].map((bidderId) => ({ attendeeId, bidderId, eveningId: live.eveningId })));
      }
    });
    live.attendees.get(attendeeId)!.ties = wanted;
    this.events.emit('tally', live.eveningId);
    return live.self(attendeeId);
  }

  async setFirstName(ctx: SocketContext, firstName: string): Promise<AttendeeSelf> {
    const { live, attendeeId } = await this.attendee(ctx);
    const name = firstName.trim();
    await this.writer.write((m) => m.update(AttendeeEntity, { id: attendeeId }, { firstName: name }));
    live.attendees.get(attendeeId)!.firstName = name;
    return live.self(attendeeId);
  }

  private async attendee(ctx: SocketContext): Promise<{ live: LiveEvening; attendeeId: string }> {
    if (ctx.role !== 'attendee') throw new LiveError({ code: 'FORBIDDEN', message: 'Only attendees can do this.' });
    const live = await this.registry.get(ctx.eveningId);
    if (!live.attendees.has(ctx.attendeeId)) throw new LiveError({ code: 'UNAUTHENTICATED', message: 'Join the evening again.' });
    return { live, attendeeId: ctx.attendeeId };
  }
}
