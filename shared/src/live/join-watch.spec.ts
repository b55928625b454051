import fc from 'fast-check';
import { JOIN_WATCH, watchJoins, type JoinEvent } from './join-watch';

const T0 = Date.parse('2026-12-10T19:00:00Z');
const at = (seconds: number, address: string | null = 'aaaa0001'): JoinEvent => ({ at: T0 + seconds * 1000, address });

describe('watching joins', () => {
  it('counts per minute (with the empty minutes) and per address, busiest first', () => {
    const events = [at(0), at(5), at(61, 'bbbb0002'), at(62), at(200, null)];
    const w = watchJoins(events, { expected: null, open: true, now: T0 + 4 * 60_000 });
    expect(w).toMatchObject({ joined: 5, expected: null, addresses: 2, unknownAddress: 1, warnings: [] });
    expect(w.busiestMinute).toEqual({ minute: new Date(T0).toISOString(), joins: 2 });
    expect(w.recent).toHaveLength(JOIN_WATCH.recentMinutes);
    expect(w.recent.slice(-5).map((m) => m.joins)).toEqual([2, 2, 0, 1, 0]);
    expect(w.top).toEqual([
      { address: 'aaaa0001', joins: 3, fastest: 2 },
      { address: 'bbbb0002', joins: 1, fastest: 1 },
    ]);
  });

  it('warns when more phones joined than the organisers expect', () => {
    const events = Array.from({ length: 41 }, (_, i) => at(i * 30, `a${String(i).padStart(7, '0')}`));
    expect(watchJoins(events.slice(0, 40), { expected: 40, open: true, now: T0 }).warnings).toEqual([]);
    expect(watchJoins(events, { expected: 40, open: true, now: T0 }).warnings).toEqual([{ kind: 'above-expected', joined: 41, expected: 40 }]);
  });

  it('warns about ten phones from one address within ten seconds in an open evening, not about a hall joining one by one', () => {
    // A hall of 60 on one Wi-Fi, one phone every 2 seconds: no warning.
    const hall = Array.from({ length: 60 }, (_, i) => at(i * 2));
    expect(watchJoins(hall, { expected: null, open: true, now: T0 }).warnings).toEqual([]);
    // 45 scripted joins within 0.8 s.
    const script = Array.from({ length: 45 }, (_, i) => ({ at: T0 + 500_000 + i * 18, address: 'cccc0003' }));
    const w = watchJoins([...hall, ...script], { expected: null, open: true, now: T0 });
    expect(w.warnings).toEqual([{ kind: 'fast-from-one-address', address: 'cccc0003', joins: 45, seconds: 10 }]);
    // With tickets the printed cards bound the joins: no such warning.
    expect(watchJoins(script, { expected: null, open: false, now: T0 }).warnings).toEqual([]);
  });

  it('reports the densest ten seconds of every address correctly (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 60 }), (offsets) => {
        const w = watchJoins(offsets.map((o) => ({ at: T0 + o, address: 'dddd0004' })), { expected: null, open: true, now: T0 });
        let best = 0;
        for (const start of offsets) best = Math.max(best, offsets.filter((o) => o >= start && o < start + 10_000).length);
        expect(w.top[0]?.fastest ?? 0).toBe(best);
        expect(w.warnings.length > 0).toBe(best >= JOIN_WATCH.burstJoins);
      }),
    );
  });
});
