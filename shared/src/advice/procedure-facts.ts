/**
 * Facts about the procedure, derived from the evening's live log and ballots, for the advice's
 * account of the procedure (see procedure.ts): how long each pitch took against its planned
 * minutes, how long scoring stood open, and for every reopened scoring how many counted ballots
 * arrived after it and whether the ranking depends on them. Pure: the backend passes the log and
 * the ballots in; the same input gives the same facts.
 */

import { computeResults } from '../results/report';
import type { BallotChannel, ResultsInput, RankEntry } from '../results/types';

/** One entry of the live log, as far as the procedure needs it. */
export interface ProcedureLogEntry {
  type: string;
  /** Milliseconds since the epoch. */
  at: number;
  bidderId: string | null;
}

/** The planned and measured time of one bidder's slot. */
export interface PitchTiming {
  bidderId: string;
  plannedPitchMinutes: number;
  plannedQaMinutes: number;
  /** When the host started the pitch; null when it never started (skipped, or the evening ended first). */
  startedAt: string | null;
  /** When the next pitch started or the evening ended, whichever came first; null when not started or still running. */
  endedAt: string | null;
  endedBy: 'next-pitch' | 'evening-ended' | null;
  skipped: boolean;
  /** Every time scoring stood open for this bidder, in order (a reopened scoring gives a second window). */
  scoringWindows: { openedAt: string; closedAt: string | null }[];
}

const CLOSES = new Set(['scoring-closed', 'closed-with-next-pitch']);

/**
 * The timing of every bidder's slot from the log. Buurtjury records when a pitch starts and when
 * the next starts (or the evening ends), not when the questions begin: the measured time is that
 * of pitch and questions together.
 */
export function pitchTimings(
  bidders: readonly { id: string; pitchMinutes: number; qaMinutes: number }[],
  log: readonly ProcedureLogEntry[],
): PitchTiming[] {
  const entries = [...log].sort((a, b) => a.at - b.at);
  const iso = (ms: number) => new Date(ms).toISOString();
  const out = new Map<string, PitchTiming>(
    bidders.map((b) => [
      b.id,
      { bidderId: b.id, plannedPitchMinutes: b.pitchMinutes, plannedQaMinutes: b.qaMinutes, startedAt: null, endedAt: null, endedBy: null, skipped: false, scoringWindows: [] },
    ]),
  );
  let current: PitchTiming | null = null;
  for (const e of entries) {
    const t = e.bidderId === null ? undefined : out.get(e.bidderId);
    if (e.type === 'pitch-started' && t) {
      if (current && current.endedAt === null) {
        current.endedAt = iso(e.at);
        current.endedBy = 'next-pitch';
      }
      if (t.startedAt === null) t.startedAt = iso(e.at);
      current = t;
    } else if (e.type === 'evening-ended') {
      if (current && current.endedAt === null) {
        current.endedAt = iso(e.at);
        current.endedBy = 'evening-ended';
      }
      current = null;
    } else if (e.type === 'pitch-skipped' && t) {
      t.skipped = true;
    } else if ((e.type === 'scoring-opened' || e.type === 'scoring-reopened') && t) {
      const last = t.scoringWindows[t.scoringWindows.length - 1];
      if (!last || last.closedAt !== null) t.scoringWindows.push({ openedAt: iso(e.at), closedAt: null });
    } else if (CLOSES.has(e.type) && t) {
      const last = t.scoringWindows[t.scoringWindows.length - 1];
      if (last && last.closedAt === null) last.closedAt = iso(e.at);
    }
  }
  return bidders.map((b) => out.get(b.id)!);
}

/** Minutes between two ISO times, or null when either is missing. */
export function minutesBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return (Date.parse(to) - Date.parse(from)) / 60_000;
}

/** Minutes scoring stood open in all, or null when it never opened. Windows still open count as nothing. */
export function scoringMinutes(t: PitchTiming): number | null {
  if (t.scoringWindows.length === 0) return null;
  return t.scoringWindows.reduce((sum, w) => sum + (minutesBetween(w.openedAt, w.closedAt) ?? 0), 0);
}

/** A ballot as it arrived: every stored version, not only the counted one. */
export interface ArrivedBallot {
  voter: string;
  bidderId: string;
  grades: Record<string, number>;
  /** Milliseconds; null for a paper card (no time of arrival: it counts as there before any reopening). */
  submittedAt: number | null;
  channel: BallotChannel;
}

/** What a reopened scoring changed. */
export interface ReopeningEffect {
  at: string;
  bidderId: string;
  reason: string;
  /** Counted ballots for this bidder that arrived at or after the reopening. */
  after: number;
  /** Of those, ballots that replaced the same voter's earlier ballot (which counts in the comparison instead). */
  replaced: number;
  /** Whether the ranking (places and bidders) from the ballots before the reopening differs from the ranking from all ballots. */
  rankingChanges: boolean;
  /** First place (every bidder sharing it) without and with the later ballots. */
  firstWithout: string[];
  firstWith: string[];
  /** Whether the order of the bidders by weighted mean (the check beside the ranking, one of the verdict's conditions) differs without the later ballots. */
  meanOrderChanges?: boolean;
}

/** The counted ballot per voter and bidder: the last one in arrival order. */
function latest(ballots: readonly ArrivedBallot[]): Map<string, ArrivedBallot> {
  const out = new Map<string, ArrivedBallot>();
  for (const b of ballots) out.set(`${b.voter.length}:${b.voter}${b.bidderId}`, b);
  return out;
}

function rankingKey(ranking: readonly RankEntry[]): string {
  return JSON.stringify(ranking.map((r) => [r.place, r.bidderId]));
}

function firstPlace(ranking: readonly RankEntry[]): string[] {
  return ranking.filter((r) => r.place === 1).map((r) => r.bidderId);
}

/**
 * For every reopening: the counted ballots for its bidder that arrived at or after it, and the
 * ranking computed by the results engine from the ballots as they stood just before it (for that
 * bidder: each voter's last ballot sent before the reopening; everything else as counted) against
 * the ranking from all counted ballots. The ranking does not depend on the bootstrap, so one
 * resample is drawn.
 *
 * `arrived` holds every ballot in order of arrival (the last one of a voter for a bidder counts);
 * `base` is the results input without ballots (bidders, criteria, scale, ties, options).
 */
export function reopeningEffects(
  base: Omit<ResultsInput, 'ballots' | 'burstCheck'>,
  arrived: readonly ArrivedBallot[],
  reopenings: readonly { at: string; bidderId: string; reason: string }[],
): ReopeningEffect[] {
  if (reopenings.length === 0) return [];
  const options = { ...(base.options ?? {}), bootstrapResamples: 1 };
  const section = (ballots: Iterable<ArrivedBallot>) =>
    computeResults({
      bidders: base.bidders,
      criteria: base.criteria,
      scale: base.scale,
      ties: base.ties,
      options,
      ballots: [...ballots].map((b) => ({ voter: b.voter, bidderId: b.bidderId, grades: b.grades, channel: b.channel })),
    }).all;
  // Each bidder's place by weighted mean (bidders with a higher mean, to 1e-9; equal means share a place).
  const meanOrder = (s: ReturnType<typeof section>): string => {
    const means = s.bidders.filter((b) => b.weightedMean !== null).map((b) => ({ id: b.bidderId, m: Math.round(b.weightedMean! * 1e9) }));
    return JSON.stringify(means.map((b) => [b.id, means.filter((o) => o.m > b.m).length]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  };
  const counted = latest(arrived);
  const allSection = section(counted.values());
  const withAll = allSection.ranking;
  return reopenings.map((r) => {
    const at = Date.parse(r.at);
    const isLater = (b: ArrivedBallot) => b.submittedAt !== null && b.submittedAt >= at;
    const later = [...counted.values()].filter((b) => b.bidderId === r.bidderId && isLater(b));
    const before = latest(arrived.filter((b) => b.bidderId === r.bidderId && !isLater(b)));
    const replaced = later.filter((b) => before.has(`${b.voter.length}:${b.voter}${b.bidderId}`)).length;
    if (later.length === 0) {
      return { at: r.at, bidderId: r.bidderId, reason: r.reason, after: 0, replaced: 0, rankingChanges: false, firstWithout: firstPlace(withAll), firstWith: firstPlace(withAll) };
    }
    const without = [...[...counted.values()].filter((b) => b.bidderId !== r.bidderId), ...before.values()];
    const withoutSection = section(without);
    const withoutRanking = withoutSection.ranking;
    return {
      at: r.at,
      bidderId: r.bidderId,
      reason: r.reason,
      after: later.length,
      replaced,
      rankingChanges: rankingKey(withoutRanking) !== rankingKey(withAll),
      firstWithout: firstPlace(withoutRanking),
      firstWith: firstPlace(withAll),
      meanOrderChanges: meanOrder(withoutSection) !== meanOrder(allSection),
    };
  });
}
