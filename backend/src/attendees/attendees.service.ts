import { Injectable } from '@nestjs/common';
import { BatchedInserter } from '../database/batched-inserter';
import { randomUUID } from 'node:crypto';
import { isJoinCode, normaliseJoinCode, type AttendeeSelf, type JoinResponse } from '@buurtjury/shared';
import { newToken, tokenHash } from '../accounts/tokens';
import { conflict, notFound } from '../common/app-error';
import { DatabaseWriter } from '../database/database-writer';
import { LiveEvents } from '../live/live-events';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { LiveEvening } from '../live/live-evening';
import type { SocketContext } from '../live/socket-context';
import { AttendeeEntity, TieDeclarationEntity } from './entities';

/** Anonymous attendees: joining with the code, declaring ties, an optional first name. */
@Injectable()
export class AttendeesService {
  /** A room full of phones joins within a minute: their rows are written in batches, like ballots. */
  private readonly joins: BatchedInserter<AttendeeEntity>;

  constructor(
    private readonly registry: LiveRegistry,
    private readonly writer: DatabaseWriter,
    private readonly events: LiveEvents,
  ) {
    this.joins = new BatchedInserter(writer, AttendeeEntity, { rowsPerStatement: 200, batchMax: 1000, lingerMs: 4 }, 'AttendeeJoins');
  }

  /**
   * Joins an evening by its code. A phone that already holds a token for this evening keeps its
   * identity (a reload or a closed tab is the same voter); otherwise a new anonymous attendee is
   * made. Nothing personal is asked.
   */
  async join(rawCode: string, attendeeToken?: string): Promise<JoinResponse> {
    const joinCode = normaliseJoinCode(rawCode);
    const eveningId = isJoinCode(joinCode) ? await this.registry.eveningIdForCode(joinCode) : null;
    if (!eveningId) throw notFound('An evening with this code');
    const live = await this.registry.get(eveningId).catch((error: unknown) => {
      throw error instanceof LiveError ? conflict('EVENING_NOT_OPEN', error.message) : error;
    });
    if (attendeeToken && live.attendeeByTokenHash.has(tokenHash(attendeeToken))) return { attendeeToken, eveningId, joinCode };
    const token = newToken();
    const attendee: AttendeeEntity = { id: randomUUID(), eveningId, tokenHash: tokenHash(token), firstName: '', joinedAt: new Date() };
    await this.joins.insert(attendee);
    live.addAttendee(attendee.id, attendee.tokenHash, '');
    this.events.emit('tally', eveningId);
    return { attendeeToken: token, eveningId, joinCode };
  }

  /** The attendee behind a phone's token in this evening, or null. */
  attendeeFor(live: LiveEvening, attendeeToken: string): string | null {
    return live.attendeeByTokenHash.get(tokenHash(attendeeToken)) ?? null;
  }

  /** Replaces the attendee's declared ties. Ballots for a bidder they are tied to are not counted. */
  async declareTies(ctx: SocketContext, bidderIds: string[]): Promise<AttendeeSelf> {
    const { live, attendeeId } = await this.attendee(ctx);
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
