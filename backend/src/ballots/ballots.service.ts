import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { checkBallot, type BallotReceipt, type BallotSubmission } from '@buurtjury/shared';
import { LiveEvents } from '../infrastructure/events/live-events';
import { LiveError, LiveRegistry } from '../live/live-registry.service';
import type { SocketContext } from '../live/socket-context';
import { BallotWriter } from './ballot-writer.service';
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
 */
@Injectable()
export class BallotsService {
  private stopping = false;

  constructor(
    private readonly registry: LiveRegistry,
    private readonly writer: BallotWriter,
    private readonly events: LiveEvents,
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
    if (refusal) throw new LiveError(refusal);

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

  /** Refuses new ballots from now on; resolves once every ballot received before is stored. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.writer.flush();
  }
}
