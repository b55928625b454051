import { lateCounts, venueClock } from './closing';

describe('late ballots', () => {
  const never = () => false;

  it('counts one per phone and pitch, and tells changes of a counted ballot apart', () => {
    const notes = [
      { attendeeId: 'p1', bidderId: 'a', receivedAt: 100 },
      { attendeeId: 'p1', bidderId: 'a', receivedAt: 200 },
      { attendeeId: 'p2', bidderId: 'a', receivedAt: 150 },
      { attendeeId: 'p1', bidderId: 'b', receivedAt: 150 },
    ];
    const counted = (attendeeId: string, bidderId: string) => (attendeeId === 'p2' && bidderId === 'a' ? 50 : null);
    expect(Object.fromEntries(lateCounts(notes, counted, never))).toEqual({ a: { late: 2, changes: 1 }, b: { late: 1, changes: 0 } });
  });

  it('does not count a late ballot whose phone was accepted after it (reopened), or a tied phone', () => {
    const notes = [
      { attendeeId: 'p1', bidderId: 'a', receivedAt: 100 },
      { attendeeId: 'p2', bidderId: 'a', receivedAt: 100 },
    ];
    const counted = (attendeeId: string) => (attendeeId === 'p1' ? 300 : null);
    expect(lateCounts(notes, counted, never).get('a')).toEqual({ late: 1, changes: 0 });
    expect(lateCounts(notes, counted, (attendeeId) => attendeeId === 'p2').get('a')).toBeUndefined();
  });

  it('prints the time of day at the venue', () => {
    expect(venueClock('2026-12-10T20:04:30Z')).toBe('21:04');
    expect(venueClock('2026-07-10T20:04:30Z')).toBe('22:04');
  });
});
