import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { checkBallot, problem, venueClock, type BallotProgress, type BallotReceipt, type BallotSubmission, type SocketError } from '@buurtjury/shared';
import { LiveEvents } from '../infrastructure/events/live-events';
import type { LiveEvening } from '../live/live-evening';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';
import { BallotWriter } from './ballot-writer.service';
import { LateBallots } from './late-ballots.repository';
import type { BallotEntity } from '../infrastructure/database/schema/ballots';

const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Random bytes are drawn 4 KB at a time: one call per ballot was measurable under load. */
let pool = Buffer.alloc(0);
let poolOffset = 0;

function receiptCode(): string {
  if (poolOffset + 8 > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  let code = '';
  for (let i = 0; i < 8; i++) code += RECEIPT_ALPHABET[pool[poolOffset + i]! % RECEIPT_ALPHABET.length];
  poolOffset += 8;
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Where ballots are accepted. A ballot is checked against the frozen setup and the live state
 * (scoring open for that pitch, attendee not tied to the bidder), stored through the batched
 * writer, and only then acknowledged with a receipt. A resend with the same ballot id gets the
 * same receipt and is stored once. Once the server stops, new ballots are refused with
 * SERVER_BUSY (the phone keeps them and sends them again after the restart).
 *
 * A ballot that arrives after scoring for its pitch closed is refused and not counted (no grace
 * period), and noted: once per phone and pitch, with an audit entry, so the console and the advice
 * can say how many arrived too late. The refusal tells the phone when scoring closed.
 */
@Injectable()
export class BallotsService {
  private stopping = false;

  constructor(
    private readonly registry: LiveRegistry,
    private readonly writer: BallotWriter,
    private readonly events: LiveEvents,
    private readonly late: LateBallots,
  ) {}

  async accept(ctx: SocketContext, submission: BallotSubmission): Promise<BallotReceipt> {
    if (ctx.role !== 'attendee') throw new LiveError({ code: 'FORBIDDEN', message: 'Only attendees score pitches.' });
    const live = await this.registry.get(ctx.eveningId);
    // A phone whose ticket was released sends nothing more, even before its connection is closed.
    const gone = live.phoneRefusal(ctx.attendeeId, ctx.tokenHash);
    if (gone) throw new LiveError(gone);
    const known = live.ballotIds.get(submission.ballotId);
    if (known) {
      if (known.attendeeId !== ctx.attendeeId) {
        throw new LiveError({ code: 'BALLOT_ID_TAKEN', message: 'This ballot id is already used. Send the ballot again with a new id.' });
      }
      return known.outcome;
    }
    if (this.stopping) {
      throw new LiveError({ code: 'SERVER_BUSY', message: 'The server is restarting; your ballot is kept on your phone and sent again.' });
    }
    const refusal = live.refusal(ctx.attendeeId, submission.bidderId) ?? checkBallot(live.frame, submission);
    if (refusal) throw new LiveError((await this.tooLate(live, ctx.attendeeId, submission, refusal)) ?? refusal);

    const row: BallotEntity = {
      id: submission.ballotId,
      eveningId: live.eveningId,
      bidderId: submission.bidderId,
      attendeeId: ctx.attendeeId,
      serial: live.nextSerial++,
      grades: { ...submission.grades },
      remark: (submission.remark ?? '').trim(),
      receipt: receiptCode(),
      submittedAt: new Date(),
    };
    const replaces = live.attendees.get(ctx.attendeeId)?.latest.has(submission.bidderId) ?? false;
    const outcome = this.writer.store(row, replaces ? 'ballot-replaced' : 'ballot-accepted').then(
      (): BallotReceipt => {
        live.applyCommitted(row);
        this.events.emit('tally', live.eveningId);
        return { ballotId: row.id, bidderId: row.bidderId, receipt: row.receipt, acceptedAt: row.submittedAt.toISOString() };
      },
      () => {
        live.ballotIds.delete(row.id);
        throw new LiveError({ code: 'SERVER_BUSY', message: 'Your ballot could not be stored. It is kept on your phone and sent again.' });
      },
    );
    live.ballotIds.set(row.id, { attendeeId: ctx.attendeeId, outcome });
    return outcome;
  }

  /**
   * The refusal of a ballot that arrived after scoring for its pitch closed (or the evening
   * ended), once it is noted; null for any other refusal (scoring never opened, a tie, not
   * present, not a valid ballot: those would not have counted either way).
   */
  private async tooLate(live: LiveEvening, attendeeId: string, submission: BallotSubmission, refusal: SocketError): Promise<SocketError | null> {
    if (refusal.code !== 'SCORING_CLOSED' && refusal.code !== 'EVENING_ENDED') return null;
    const pitch = live.pitches.get(submission.bidderId);
    if (pitch?.scoring !== 'closed' || !pitch.scoringClosedAt) return null;
    if (live.refusal(attendeeId, submission.bidderId, true) ?? checkBallot(live.frame, submission)) return null;
    const earlier = live.attendees.get(attendeeId)?.latest.has(submission.bidderId) ?? false;
    const tooLate: SocketError = { code: refusal.code, ...problem(earlier ? 'ballotChangeTooLate' : 'ballotTooLate', { time: venueClock(pitch.scoringClosedAt) }) };
    const note = { attendeeId, bidderId: submission.bidderId, receivedAt: Date.now() };
    // Noted in memory first, so a resend on another connection meanwhile is not noted twice.
    if (!live.progress.noteLate(note)) return tooLate;
    // The close took effect in memory; its audit entry comes first in the trail.
    await live.commandsStored;
    const written = await this.late
      .note({ id: submission.ballotId, eveningId: live.eveningId, bidderId: note.bidderId, attendeeId, receivedAt: new Date(note.receivedAt) })
      .catch(() => {
        live.progress.forgetLate(note);
        throw new LiveError({ code: 'SERVER_BUSY', message: 'Your ballot could not be handled. It is kept on your phone and sent again.' });
      });
    if (!written) live.progress.forgetLate(note);
    else this.events.emit('tally', live.eveningId);
    return tooLate;
  }

  /** What a phone reports about its ballot for a pitch: filling in, waiting on the phone, or neither (see BallotProgress). */
  async progress(ctx: SocketContext, report: BallotProgress): Promise<object> {
    if (ctx.role !== 'attendee') throw new LiveError({ code: 'FORBIDDEN', message: 'Only attendees score pitches.' });
    const live = await this.registry.get(ctx.eveningId);
    const gone = live.phoneRefusal(ctx.attendeeId, ctx.tokenHash);
    if (gone) throw new LiveError(gone);
    // Busy with a pitch it may not (or no longer) score: refused with the reason, as a ballot would be.
    if (report.state === 'idle' && !live.frame.bidderIds.has(report.bidderId)) throw new LiveError({ code: 'UNKNOWN_BIDDER', ...problem('bidderNotOnProgramme') });
    const refusal = report.state === 'idle' ? null : live.refusal(ctx.attendeeId, report.bidderId);
    if (refusal) throw new LiveError(refusal);
    if (live.progress.report(ctx.attendeeId, report.bidderId, report.state)) this.events.emit('tally', live.eveningId);
    return {};
  }

  /** A phone's connection opened or closed: the host sees who lost their connection while busy with a ballot. */
  async phoneConnection(ctx: SocketContext, open: boolean): Promise<void> {
    if (ctx.role !== 'attendee') return;
    const live = await this.registry.get(ctx.eveningId);
    if (open) live.progress.connected(ctx.attendeeId);
    else live.progress.disconnected(ctx.attendeeId);
  }

  /** Refuses new ballots from now on; resolves once every ballot received before is stored. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.writer.flush();
  }
}
