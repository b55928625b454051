/** The counted ballots of a section regrouped per voter: one overall grade per bidder. */

import type { PreparedBallot } from './prepare';
import type { BallotChannel } from './types';

export interface VoterRow {
  voter: string;
  channel: BallotChannel;
  /** Overall grade per bidder (running-order index), null where the voter gave the bidder no overall grade. */
  overall: (number | null)[];
  /** How many bidders the voter gave an overall grade. */
  graded: number;
}

/**
 * Rows in the order of the ballots, which are sorted by voter id: so in voter-id order. Every voter
 * with a counted ballot has a row, also when none of their ballots gives an overall grade
 * (`graded` is then 0).
 */
export function voterRows(ballots: readonly PreparedBallot[], bidderCount: number): VoterRow[] {
  const rows: VoterRow[] = [];
  let current: VoterRow | null = null;
  for (const b of ballots) {
    if (current === null || current.voter !== b.voter) {
      current = { voter: b.voter, channel: b.channel, overall: new Array<number | null>(bidderCount).fill(null), graded: 0 };
      rows.push(current);
    }
    if (b.overall !== null) {
      current.overall[b.bidderIndex] = b.overall;
      current.graded++;
    }
  }
  return rows;
}
