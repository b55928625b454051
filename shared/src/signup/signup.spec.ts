import fc from 'fast-check';
import { calendarFile, csvField, placeFor, promoted } from './signup';

describe('places and the waiting list', () => {
  const arrivals = fc.array(fc.integer({ min: 1, max: 11 }), { maxLength: 40 });

  it('never seats more people than the capacity, and seats in order of signing up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), arrivals, fc.array(fc.nat(), { maxLength: 10 }), (capacity, groups, cancels) => {
        // Sign up one by one, then cancel some confirmed ones, promoting after each cancel.
        const rows = groups.map((people, i) => ({ id: String(i), people, status: 'waiting' as 'confirmed' | 'waiting' | 'cancelled' }));
        let seated = 0;
        for (const r of rows) {
          const waiting = rows.filter((x) => x.status === 'waiting' && x !== r && Number(x.id) < Number(r.id)).length;
          r.status = placeFor(capacity, seated, waiting, r.people);
          if (r.status === 'confirmed') seated += r.people;
        }
        for (const c of cancels) {
          const confirmed = rows.filter((r) => r.status === 'confirmed');
          if (confirmed.length === 0) break;
          const gone = confirmed[c % confirmed.length]!;
          gone.status = 'cancelled';
          seated -= gone.people;
          const moved = new Set(promoted(capacity, seated, rows.filter((r) => r.status === 'waiting')));
          for (const r of rows) {
            if (!moved.has(r.id)) continue;
            r.status = 'confirmed';
            seated += r.people;
          }
        }
        expect(seated).toBeLessThanOrEqual(capacity);
        // The waiting list is a queue: everyone with a place signed up before everyone still waiting.
        const lastConfirmed = rows.map((r) => r.status).lastIndexOf('confirmed');
        const firstWaiting = rows.findIndex((r) => r.status === 'waiting');
        if (firstWaiting >= 0) expect(lastConfirmed).toBeLessThan(firstWaiting);
      }),
    );
  });

  it('gives everyone a place without a capacity', () => {
    expect(placeFor(null, 10_000, 5, 3)).toBe('confirmed');
    expect(promoted(null, 10_000, [{ id: 'a', people: 3 }, { id: 'b', people: 9 }])).toEqual(['a', 'b']);
  });

  it('keeps the turn of a group that does not fit (nobody is passed over)', () => {
    expect(promoted(4, 1, [{ id: 'big', people: 4 }, { id: 'small', people: 1 }])).toEqual([]);
    expect(promoted(5, 1, [{ id: 'big', people: 4 }, { id: 'small', people: 1 }])).toEqual(['big']);
  });
});

describe('the calendar file', () => {
  const base = { uid: 'e1@buurtjury', title: 'Pitchavond', date: '2026-12-10', startTime: '23:30', minutes: 150, location: 'Buurthuis, Kruiskamp 12', description: 'Regel 1\nRegel; 2', url: 'http://x/a/ABC', now: new Date('2026-12-01T10:00:00Z') };

  it('has CRLF lines of at most 75 octets, escaped text, and an end past midnight on the next day', () => {
    const ics = calendarFile({ ...base, description: 'é'.repeat(200) });
    expect(ics.endsWith('\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).toContain('DTEND;TZID=Europe/Amsterdam:20261211T020000');
    const unfolded = calendarFile(base).replace(/\r\n /g, '');
    expect(unfolded).toContain('LOCATION:Buurthuis\\, Kruiskamp 12');
    expect(unfolded).toContain('DESCRIPTION:Regel 1\\nRegel\\; 2');
  });
});

describe('CSV fields', () => {
  it('quotes separators and defuses formulas', () => {
    expect(csvField('Jan, de Vries')).toBe('"Jan, de Vries"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField(3)).toBe('3');
  });
});
