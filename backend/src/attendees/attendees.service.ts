import { Injectable } from '@nestjs/common';
import { BatchedInserter } from '../infrastructure/database/batched-inserter';
import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { isJoinCode, isTicketCode, normaliseJoinCode, problem, type AttendeeSelf, type AuditDetail, type JoinResponse } from '@buurtjury/shared';
import { newToken, tokenHash } from '../accounts/tokens';
import { badRequest, conflict, forbidden, notFound } from '../platform/common/app-error';
import { RateLimits } from '../platform/common/rate-limit';
import { AuditLog } from '../infrastructure/audit-log/audit-log.service';
import { TicketsQuery } from '../tickets/tickets.query';
import { DatabaseWriter } from '../infrastructure/database/database-writer';
import { LiveEvents } from '../infrastructure/events/live-events';
import { DomainEvents } from '../infrastructure/events/domain-events';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { LiveEvening } from '@buurtjury/shared';
import type { SocketContext } from '../live/socket-context';
import { AttendeeEntity, ReleasedPhoneEntity, TieDeclarationEntity } from '../infrastructure/database/schema/attendees';
import { JoinWatchService } from './join-watch.service';
import { JoinGate } from './join-gate';

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
    private readonly gate: JoinGate,
    private readonly limits: RateLimits,
    private readonly watch: JoinWatchService,
    private readonly tickets: TicketsQuery,
    domainEvents: DomainEvents,
  ) {
    domainEvents.subscribe('ticketReleased', ({ eveningId, attendeeId, at, manager }) => this.signOutPhone(manager, eveningId, attendeeId, at));
    this.joins = new BatchedInserter(writer, AttendeeEntity, { rowsPerStatement: 200, batchMax: 1000, lingerMs: 4 }, 'AttendeeJoins');
  }

  /**
   * Joins an evening by its code. A phone that already holds a token for this evening keeps its
   * identity (a reload or a closed tab is the same voter); otherwise a new anonymous attendee is
   * made, or, when the evening admits by ticket, the ticket decides (see `admitByTicket`).
   * Nothing personal is asked.
   */
  async join(rawCode: string, attendeeToken: string | undefined, ticket: string | undefined, address: string): Promise<JoinResponse> {
    const joinCode = normaliseJoinCode(rawCode);
    const eveningId = isJoinCode(joinCode) ? await this.registry.eveningIdForCode(joinCode) : null;
    if (!eveningId) {
      // Counted like a new phone, so trying codes is limited per address.
      await this.limits.consume('join', address);
      throw notFound('eveningCode');
    }
    const live = await this.registry.get(eveningId).catch(async (error: unknown) => {
      if (!(error instanceof LiveError)) throw error;
      await this.limits.consume('join', address);
      throw conflict('EVENING_NOT_OPEN', error.error.reason ? problem(error.error.reason, error.error.params) : error.message);
    });
    // A reload or a closed tab: the same voter, never counted or refused.
    const knownHash = attendeeToken ? tokenHash(attendeeToken) : null;
    if (attendeeToken && knownHash && (await this.registry.attendeeByTokenHash(live, knownHash))) return { attendeeToken, eveningId, joinCode };
    // The join counts (host console, advice) are read before the first new row of this process is written.
    await this.watch.ready(eveningId);
    const joinAddress = this.watch.label(eveningId, address);
    if (live.programme.rules.accessMode === 'tickets') {
      // A phone whose ticket was released, coming back without its card, is told why it is out.
      if ((ticket === undefined || ticket.trim() === '') && knownHash && live.releasedTokenHashes.has(knownHash)) {
        throw conflict('TICKET_RELEASED', problem('ticketReleasedRejoin'));
      }
      // The printed tickets bound the joins; trying ticket codes is counted per address.
      await this.gate.admit(eveningId, live.attendees.size, address, false);
      const admitted = await this.admitByTicket(live, ticket, joinAddress);
      this.gate.joined(eveningId, live.attendeeByTokenHash.get(tokenHash(admitted))!, address, false);
      return { attendeeToken: admitted, eveningId, joinCode };
    }
    const dropped = await this.gate.admit(eveningId, live.attendees.size, address, true).catch((error: unknown) => {
      this.events.emit('tally', eveningId); // the host console shows the refusal
      throw error;
    });
    if (dropped.length > 0) await this.drop(live, dropped);
    const token = newToken();
    const attendee: AttendeeEntity = { id: randomUUID(), eveningId, tokenHash: tokenHash(token), firstName: '', joinedAt: new Date(), phoneSinceSerial: 0, joinAddress };
    await this.joins.insert(attendee);
    live.addAttendee(attendee.id, attendee.tokenHash, '', attendee.joinedAt);
    this.gate.joined(eveningId, attendee.id, address, true);
    await this.watch.joined(eveningId, attendee.joinedAt, joinAddress);
    this.events.emit('tally', eveningId);
    return { attendeeToken: token, eveningId, joinCode };
  }

  /**
   * Drops phones that joined over a minute ago and never connected, to make room (JoinGate). They
   * cannot have a ballot, a tie or a name (all of those come over a connection); one that has
   * is kept. A real phone among them gets UNAUTHENTICATED when it connects and joins afresh.
   */
  private async drop(live: LiveEvening, ids: string[]): Promise<void> {
    const empty = ids.filter((id) => {
      const a = live.attendees.get(id);
      return a !== undefined && a.latest.size === 0 && a.ties.size === 0 && a.firstName === '';
    });
    if (empty.length === 0) return;
    await this.joins.flush();
    await this.writer.write(async (m) => {
      for (let i = 0; i < empty.length; i += 500) await m.delete(AttendeeEntity, { id: In(empty.slice(i, i + 500)) });
    });
    for (const id of empty) live.removeAttendee(id);
    this.events.emit('tally', live.eveningId);
  }

  /**
   * Admission by ticket: an unused ticket makes a new attendee bound to it; a ticket the host
   * released moves its voter (their ballots keep counting, their join time stays) to this phone,
   * which is shown only which pitches were already scored, never how: a new ballot replaces an
   * earlier one. A ticket in use on another phone is refused. Checked and bound in one write, so
   * two phones scanning the same card at once cannot both get in.
   */
  private async admitByTicket(live: LiveEvening, rawTicket: string | undefined, joinAddress: string | null): Promise<string> {
    if (rawTicket === undefined || rawTicket.trim() === '') {
      throw forbidden(problem('ticketRequired'), 'TICKET_REQUIRED');
    }
    const code = normaliseJoinCode(rawTicket);
    if (!isTicketCode(code)) throw badRequest('TICKET_INVALID', problem('ticketCodeMalformed'));
    const token = newToken();
    const hash = tokenHash(token);
    const now = new Date();
    const admitted = await this.writer.write(async (m) => {
      const t = await this.tickets.byCode(m, live.eveningId, code);
      if (!t) throw badRequest('TICKET_INVALID', problem('ticketCodeUnknown'));
      if (t.attendeeId && !t.releasedAt) {
        throw conflict('TICKET_IN_USE', problem('ticketInUse'));
      }
      let attendee: AttendeeEntity;
      // Every ballot of this voter so far has a serial below this: they came from the earlier phone.
      const phoneSince = live.nextSerial;
      let detail: AuditDetail;
      if (t.attendeeId) {
        await m.update(AttendeeEntity, { id: t.attendeeId }, { tokenHash: hash, phoneSinceSerial: phoneSince });
        attendee = await m.findOneByOrFail(AttendeeEntity, { id: t.attendeeId });
        const scored = live.attendees.get(t.attendeeId)?.latest.size ?? 0;
        detail = { number: t.number, anotherPhone: true, earlierBallots: scored, earlierBallotsShown: false };
      } else {
        attendee = { id: randomUUID(), eveningId: live.eveningId, tokenHash: hash, firstName: '', joinedAt: now, phoneSinceSerial: 0, joinAddress };
        await m.insert(AttendeeEntity, attendee);
        detail = { number: t.number, anotherPhone: false };
      }
      await this.tickets.bind(m, t.id, attendee.id, now);
      await this.audit.append(m, live.eveningId, [{ type: 'ticket-used', actor: 'attendee', detail }], now);
      return { attendee, rebound: t.attendeeId !== null, phoneSince };
    });
    if (admitted.rebound) live.rebindAttendee(admitted.attendee.id, hash, admitted.phoneSince);
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

  /** A released ticket's phone is out: its token stops working and is kept as a released phone's (retention deletes it too). */
  private async signOutPhone(m: EntityManager, eveningId: string, attendeeId: string, at: Date): Promise<void> {
    const old = await m.findOne(AttendeeEntity, { where: { id: attendeeId }, select: { id: true, tokenHash: true } });
    if (!old?.tokenHash) return;
    await m.insert(ReleasedPhoneEntity, { tokenHash: old.tokenHash, eveningId, releasedAt: at });
    await m.update(AttendeeEntity, { id: old.id }, { tokenHash: null });
  }

  private async attendee(ctx: SocketContext): Promise<{ live: LiveEvening; attendeeId: string }> {
    if (ctx.role !== 'attendee') throw new LiveError({ code: 'FORBIDDEN', message: 'Only attendees can do this.' });
    const live = await this.registry.get(ctx.eveningId);
    if (!live.attendees.has(ctx.attendeeId)) throw new LiveError({ code: 'UNAUTHENTICATED', message: 'Join the evening again.' });
    const gone = live.phoneRefusal(ctx.attendeeId, ctx.tokenHash);
    if (gone) throw new LiveError(gone);
    return { live, attendeeId: ctx.attendeeId };
  }
}
