import { joinsWithPresence, presenceOf, withPresence, type NodePresence } from './presence';

const pitch = (bidderId: string, filling: number, waiting: number, disconnected: number) =>
  ({ bidderId, ballots: 3, excludedForTies: 0, perCriterion: {}, criteriaOnly: 0, tiesDeclared: 0, paper: 0, filling, waiting, disconnected, late: 0, eligible: 10 });

describe('presence across nodes', () => {
  it('shares only what is per node: connections, busy phones per pitch, join counts', () => {
    const own = presenceOf({ attendeesConnected: 4, pitches: [pitch('A', 1, 0, 0), pitch('B', 0, 0, 0)] }, { waiting: 2, refused: 1, dropped: 0 });
    expect(own).toEqual({ connected: 4, pitches: [{ bidderId: 'A', filling: 1, waiting: 0, disconnected: 0 }], joins: { waiting: 2, refused: 1, dropped: 0 } });
  });

  it('adds the other nodes to the own tally, leaves ballots alone and ignores unknown pitches', () => {
    const others: NodePresence[] = [
      { connected: 3, pitches: [{ bidderId: 'A', filling: 2, waiting: 1, disconnected: 1 }, { bidderId: 'Z', filling: 9, waiting: 9, disconnected: 9 }], joins: { waiting: 0, refused: 0, dropped: 0 } },
      { connected: 0, pitches: [], joins: { waiting: 0, refused: 0, dropped: 0 } },
    ];
    const own = { attendeesConnected: 4, pitches: [pitch('A', 1, 0, 0), pitch('B', 0, 1, 0)] };
    const merged = withPresence(own, others);
    expect(merged.attendeesConnected).toBe(7);
    expect(merged.pitches).toEqual([pitch('A', 3, 1, 1), pitch('B', 0, 1, 0)]);
    // The node's own tally is not changed.
    expect(own.pitches[0]).toEqual(pitch('A', 1, 0, 0));
    expect(withPresence(own, [])).toBe(own);
  });

  it('puts one join ceiling over the phones waiting on every node', () => {
    const others: NodePresence[] = [{ connected: 0, pitches: [], joins: { waiting: 2, refused: 1, dropped: 3 } }];
    expect(joinsWithPresence({ waiting: 1, ceiling: 10, refused: 0, dropped: 0 }, others, 2, 10)).toEqual({ waiting: 3, ceiling: 7, refused: 1, dropped: 3 });
    expect(joinsWithPresence({ waiting: 0, ceiling: 2, refused: 0, dropped: 0 }, others, 2, 2)).toEqual({ waiting: 2, ceiling: 2, refused: 1, dropped: 3 });
  });
});
