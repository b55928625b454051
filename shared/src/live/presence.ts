import type { JoinStats, Tally } from './types';

/**
 * What one node knows only about its own connections (issue 16): its phones connected to an
 * evening, per pitch its phones filling in, with a ballot waiting or gone while busy, and its join
 * guard's counts. Each node shares its own with the others (through Redis); a tally for the host
 * or the screen adds the others' to its own, so every node shows the same numbers.
 */
export interface NodePresence {
  connected: number;
  pitches: { bidderId: string; filling: number; waiting: number; disconnected: number }[];
  joins: { waiting: number; refused: number; dropped: number };
}

/** This node's share of a tally (with its own join counts). */
export function presenceOf(tally: Pick<Tally, 'attendeesConnected' | 'pitches'>, joins: Pick<JoinStats, 'waiting' | 'refused' | 'dropped'>): NodePresence {
  return {
    connected: tally.attendeesConnected,
    pitches: tally.pitches.filter((p) => p.filling + p.waiting + p.disconnected > 0).map(({ bidderId, filling, waiting, disconnected }) => ({ bidderId, filling, waiting, disconnected })),
    joins: { waiting: joins.waiting, refused: joins.refused, dropped: joins.dropped },
  };
}

/** The phones of other nodes added to this node's tally (pitches of other evenings are ignored). */
export function withPresence<T extends Pick<Tally, 'attendeesConnected' | 'pitches'>>(tally: T, others: readonly NodePresence[]): T {
  if (others.length === 0) return tally;
  const pitches = tally.pitches.map((p) => ({ ...p }));
  const byId = new Map(pitches.map((p) => [p.bidderId, p]));
  let connected = tally.attendeesConnected;
  for (const other of others) {
    connected += other.connected;
    for (const q of other.pitches) {
      const p = byId.get(q.bidderId);
      if (!p) continue;
      p.filling += q.filling;
      p.waiting += q.waiting;
      p.disconnected += q.disconnected;
    }
  }
  return { ...tally, attendeesConnected: connected, pitches };
}

/** Join counts of all nodes: waiting, refused and dropped added up; the ceiling from the total waiting (see JoinGate). */
export function joinsWithPresence(own: JoinStats, others: readonly NodePresence[], ceilingMin: number, attendees: number): JoinStats {
  const waiting = own.waiting + others.reduce((n, o) => n + o.joins.waiting, 0);
  return {
    waiting,
    ceiling: Math.max(ceilingMin, attendees - waiting),
    refused: own.refused + others.reduce((n, o) => n + o.joins.refused, 0),
    dropped: own.dropped + others.reduce((n, o) => n + o.joins.dropped, 0),
  };
}
