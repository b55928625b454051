/** The counted ballots of a section regrouped per voter: one overall grade per bidder scored. */

import type { PreparedBallot } from './prepare';
import type { GradeMatrix } from './bootstrap';

export interface VoterRow {
  voter: string;
  /** Overall grade per bidder (running-order index), null where the voter did not score the bidder. */
  overall: (number | null)[];
}

/** Rows in the order of the ballots, which are sorted by voter id: so in voter-id order. */
export function voterRows(ballots: readonly PreparedBallot[], bidderCount: number): VoterRow[] {
  const rows: VoterRow[] = [];
  let current: VoterRow | null = null;
  for (const b of ballots) {
    if (current === null || current.voter !== b.voter) {
      current = { voter: b.voter, overall: new Array<number | null>(bidderCount).fill(null) };
      rows.push(current);
    }
    current.overall[b.bidderIndex] = b.overall;
  }
  return rows;
}

/** The same rows as a typed voters x bidders matrix for the bootstrap. */
export function gradeMatrix(rows: readonly VoterRow[], bidderCount: number): GradeMatrix {
  const grades = new Float64Array(rows.length * bidderCount);
  const scored = new Uint8Array(rows.length * bidderCount);
  rows.forEach((row, v) => {
    row.overall.forEach((g, b) => {
      if (g === null) return;
      grades[v * bidderCount + b] = g;
      scored[v * bidderCount + b] = 1;
    });
  });
  return { voters: rows.length, bidders: bidderCount, grades, scored };
}
