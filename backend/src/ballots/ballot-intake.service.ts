import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { problem, venueClock, type BallotArrival, type BallotAuditType, type BallotProgress, type BallotReceipt, type BallotSubmission, type LateBallotNote, type LiveEvening, type SocketError } from '@buurtjury/shared';
import { LiveEvents } from '../infrastructure/events/live-events';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';
import { BallotIdTaken, BallotWriter, ScoringClosedInDatabase } from './ballot-writer.service';
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

type AttendeeContext = Extract<SocketContext, { role: 'attendee' }>;

const ONLY_ATTENDEES: SocketError = { code: 'FORBIDDEN', message: 'Only attendees score pitches.' };

/**
 * Where ballots are accepted: the one way in for a phone's ballot (the gateway hands it here).
 * The evening's rules (`LiveEvening.receiveBallot`, pure, in shared) decide; an accepted ballot
 * goes to the BallotWriter, which stores it with its audit entry, and only then is it
 * acknowledged with a receipt and counted. A resend with the same ballot id gets the same receipt
 * and is stored once. Once the server stops, new ballots are refused with SERVER_BUSY (the phone
 * keeps them and sends them again after the restart).
 *
 * A ballot that arrives after scoring for its pitch closed is refused and not counted (no grace
 * period), and noted: once per phone and pitch, with an audit entry (LateBallots), so the console
 * and the advice can say how many arrived too late. The refusal tells the phone when scoring closed.
 */
@Injectable()
export class BallotIntake {
  private stopping = false;
  /** Per running evening, the receipts of the ballots being stored, for a resend that arrives meanwhile. */
  private readonly storing = new WeakMap<LiveEvening, Map<string, Promise<BallotReceipt>>>();
  /** LiveRegistry.get's promise of an evening, and the evening once it is loaded. */
  private readonly loadedEvenings = new WeakMap<Promise<LiveEvening>, LiveEvening>();

  constructor(
    private readonly registry: LiveRegistry,
    private readonly writer: BallotWriter,
    private readonly events: LiveEvents,
    private readonly late: LateBallots,
  ) {}

  /**
   * Judges the ballot and settles once it is stored (its receipt) or refused. A ballot for an
   * evening already loaded is judged at once, in the turn it arrived: no promise between the
   * socket and the writer but the writer's own (a burst's share of the server's time).
   */
  accept(ctx: SocketContext, submission: BallotSubmission): Promise<BallotReceipt> {
    try {
      if (ctx.role !== 'attendee') throw new LiveError(ONLY_ATTENDEES);
      const loading = this.registry.get(ctx.eveningId);
      const live = this.loadedEvenings.get(loading);
      if (live) return this.judge(live, ctx, submission);
      return loading.then((loaded) => {
        this.loadedEvenings.set(loading, loaded);
        return this.judge(loaded, ctx, submission);
      });
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private judge(live: LiveEvening, ctx: AttendeeContext, submission: BallotSubmission): Promise<BallotReceipt> {
    const now = new Date();
    const arrival = live.receiveBallot(ctx.attendeeId, ctx.tokenHash, submission, now, !this.stopping);
    if (arrival.kind === 'refused' && arrival.error.code === 'SCORING_CLOSED' && this.registry.databaseDecides) return this.judgeAgain(live, ctx, submission, now);
    return this.settle(live, ctx, submission, arrival, now);
  }

  /**
   * Scoring may have opened on another node a moment ago: its state reaches the phones through
   * the socket.io adapter before this node has read it. The database decides: read it, then judge again.
   */
  private async judgeAgain(live: LiveEvening, ctx: AttendeeContext, submission: BallotSubmission, now: Date): Promise<BallotReceipt> {
    await this.registry.refresh(live.eveningId);
    return this.settle(live, ctx, submission, live.receiveBallot(ctx.attendeeId, ctx.tokenHash, submission, now, !this.stopping), now);
  }

  private settle(live: LiveEvening, ctx: AttendeeContext, submission: BallotSubmission, arrival: BallotArrival, now: Date): Promise<BallotReceipt> {
    switch (arrival.kind) {
      case 'refused':
        return Promise.reject(new LiveError(arrival.error));
      case 'stopping':
        return Promise.reject(new LiveError({ code: 'SERVER_BUSY', message: 'The server is restarting; your ballot is kept on your phone and sent again.' }));
      case 'resend':
        return Promise.resolve(arrival.receipt ?? this.storing.get(live)!.get(submission.ballotId)!);
      case 'late':
        return this.refuseLate(live, submission.ballotId, arrival);
      case 'accepted':
        return this.store(live, {
          id: submission.ballotId,
          eveningId: live.eveningId,
          bidderId: submission.bidderId,
          attendeeId: ctx.attendeeId,
          serial: arrival.serial,
          grades: { ...submission.grades },
          remark: (submission.remark ?? '').trim(),
          receipt: receiptCode(),
          submittedAt: now,
        }, arrival.audit);
    }
  }

  private async refuseLate(live: LiveEvening, ballotId: string, arrival: Extract<BallotArrival, { kind: 'late' }>): Promise<never> {
    if (arrival.note) await this.noteLate(live, ballotId, arrival.note);
    throw new LiveError(arrival.error);
  }

  /** Hands an accepted ballot to the writer; once committed it counts, and the receipt is the acknowledgement. */
  private store(live: LiveEvening, row: BallotEntity, audit: BallotAuditType): Promise<BallotReceipt> {
    let storing = this.storing.get(live);
    if (!storing) this.storing.set(live, (storing = new Map()));
    const pending = storing;
    const receipt = this.writer.store(row, audit).then(
      () => {
        pending.delete(row.id);
        const stored = live.ballotStored(row);
        this.events.emit('tally', live.eveningId);
        return stored;
      },
      async (error: unknown) => {
        pending.delete(row.id);
        live.ballotNotStored(row.id);
        if (error instanceof ScoringClosedInDatabase) return this.closedInDatabase(live, row, error);
        if (error instanceof BallotIdTaken) throw new LiveError({ code: 'BALLOT_ID_TAKEN', message: 'This ballot id is already used. Send the ballot again with a new id.' });
        throw new LiveError({ code: 'SERVER_BUSY', message: 'Your ballot could not be stored. It is kept on your phone and sent again.' });
      },
    );
    pending.set(row.id, receipt);
    return receipt;
  }

  /**
   * The database refused the ballot because its pitch's scoring had closed there (PostgreSQL:
   * a close on another node, not yet known here). Late, as if this node had known: noted once per
   * phone and pitch, and the phone is told when scoring closed.
   */
  private async closedInDatabase(live: LiveEvening, row: BallotEntity, closed: ScoringClosedInDatabase): Promise<never> {
    if (closed.closedAt) {
      const written = await this.late.note({ id: row.id, eveningId: row.eveningId, bidderId: row.bidderId, attendeeId: row.attendeeId, receivedAt: row.submittedAt }).catch(() => false);
      if (written) this.events.emit('tally', live.eveningId);
      throw new LiveError({ code: 'SCORING_CLOSED', ...problem('ballotTooLate', { time: venueClock(closed.closedAt) }) });
    }
    throw new LiveError({ code: 'SCORING_CLOSED', ...problem('scoringNotOpen') });
  }

  /**
   * Stores the note of a late ballot (the evening noted it in memory already) with its audit
   * entry, after the close that made it late: the close took effect in memory, and its audit entry
   * comes first in the trail.
   */
  private async noteLate(live: LiveEvening, ballotId: string, note: LateBallotNote): Promise<void> {
    await live.commandsStored;
    const written = await this.late
      .note({ id: ballotId, eveningId: live.eveningId, bidderId: note.bidderId, attendeeId: note.attendeeId, receivedAt: new Date(note.receivedAt) })
      .catch(() => {
        live.lateNotStored(note);
        throw new LiveError({ code: 'SERVER_BUSY', message: 'Your ballot could not be handled. It is kept on your phone and sent again.' });
      });
    if (!written) live.lateNotStored(note);
    else this.events.emit('tally', live.eveningId);
  }

  /** What a phone reports about its ballot for a pitch: filling in, waiting on the phone, or neither (see BallotProgress). */
  async progress(ctx: SocketContext, report: BallotProgress): Promise<object> {
    if (ctx.role !== 'attendee') throw new LiveError(ONLY_ATTENDEES);
    const live = await this.registry.get(ctx.eveningId);
    const outcome = live.reportProgress(ctx.attendeeId, ctx.tokenHash, report.bidderId, report.state);
    if (!outcome.ok) throw new LiveError(outcome.error);
    if (outcome.changed) this.events.emit('tally', live.eveningId);
    return {};
  }

  /** A phone's connection opened or closed: the host sees who lost their connection while busy with a ballot. */
  async phoneConnection(ctx: SocketContext, open: boolean): Promise<void> {
    if (ctx.role !== 'attendee') return;
    const live = await this.registry.get(ctx.eveningId);
    live.phoneConnection(ctx.attendeeId, open);
  }

  /** Refuses new ballots from now on; resolves once every ballot received before is stored. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.writer.flush();
  }
}
