import { cardsBeforePitch, paperConduct, type PaperEntryTimed } from './paper';

const trail = [
  { sequence: 1, type: 'setup-frozen', detail: {} },
  { sequence: 2, type: 'paper-cards-printed', detail: { from: 1, to: 5 } },
  { sequence: 3, type: 'pitch-started', detail: { bidderId: 'A' } },
  { sequence: 4, type: 'paper-cards-printed', detail: { from: 6, to: 80 } },
  { sequence: 5, type: 'pitch-started', detail: { bidderId: 'B' } },
  { sequence: 6, type: 'pitch-started', detail: { bidderId: 'A' } },
];

describe('paper cards per pitch', () => {
  it('gives a pitch the cards printed before it first started, whatever the order of the trail', () => {
    expect(cardsBeforePitch(trail, 'A')).toBe(5);
    expect(cardsBeforePitch([...trail].reverse(), 'B')).toBe(80);
    expect(cardsBeforePitch(trail, 'C')).toBeNull();
    expect(cardsBeforePitch([{ sequence: 1, type: 'pitch-started', detail: { bidderId: 'A' } }], 'A')).toBe(0);
  });
});

describe('how paper entry went', () => {
  const t = (minute: number) => new Date(Date.UTC(2026, 11, 10, 19, minute));
  const entry = (bidderId: string, cardNumber: number, who: string, minute: number, grade = 4, withdrawn = false): PaperEntryTimed => ({
    bidderId,
    cardNumber,
    enteredById: who,
    enteredByName: who === 'm1' ? 'Mona' : who === 'm2' ? 'Bram' : 'Mona (2)',
    grades: { c: grade },
    remark: '',
    enteredAt: t(minute),
    withdrawnAt: withdrawn ? t(minute + 1) : null,
  });
  const position = new Map([
    ['A', 1],
    ['B', 2],
  ]);

  it('says when counted cards were entered, by which accounts, what did not count and what came after the close', () => {
    const entries = [
      entry('A', 1, 'm1', 10),
      entry('A', 1, 'm2', 12),
      entry('A', 2, 'm1', 11), // one entry only
      entry('B', 3, 'm1', 20),
      entry('B', 3, 'm2', 21, 2), // differs
      entry('B', 4, 'm1', 22, 5, true), // withdrawn
      entry('B', 5, 'm1', 40),
      entry('B', 5, 'm3', 50), // completed after the close at 19:45
    ];
    expect(paperConduct(entries, position, t(45))).toEqual({
      closedAt: t(45).toISOString(),
      counted: 2,
      firstEnteredAt: t(10).toISOString(),
      lastCompletedAt: t(50).toISOString(),
      late: [{ card: '2-005', at: t(50).toISOString() }],
      oneEntry: 1,
      disagreed: 1,
      accounts: ['Bram', 'Mona', 'Mona (2)'],
    });
  });

  it('has nothing to say about an evening without cards', () => {
    expect(paperConduct([], position, null)).toEqual({ closedAt: null, counted: 0, firstEnteredAt: null, lastCompletedAt: null, late: [], oneEntry: 0, disagreed: 0, accounts: [] });
  });
});
