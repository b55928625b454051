import { plannedSlots } from './bidder-portal';

const b = (position: number, pitchMinutes: number, qaMinutes: number) => ({ id: `b${position}`, position, name: `B${position}`, pitchTitle: '', pitchMinutes, qaMinutes });

describe('plannedSlots', () => {
  it('plans each pitch from the end of the one before it, in running order', () => {
    const slots = plannedSlots('19:30', [b(2, 10, 5), b(1, 12, 0), b(3, 8, 7)]);
    expect(slots.map((s) => [s.name, s.start, s.end])).toEqual([
      ['B1', '19:30', '19:42'],
      ['B2', '19:42', '19:57'],
      ['B3', '19:57', '20:12'],
    ]);
  });

  it('goes past midnight on the clock', () => {
    expect(plannedSlots('23:50', [b(1, 15, 5)]).map((s) => [s.start, s.end])).toEqual([['23:50', '00:10']]);
  });

  it('plans no times without a start time', () => {
    expect(plannedSlots('', [b(1, 10, 5), b(2, 10, 5)]).map((s) => [s.start, s.end])).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
