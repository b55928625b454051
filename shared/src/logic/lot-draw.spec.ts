import { createHash } from 'node:crypto';
import { drawRunningOrder } from './lot-draw';

const bidders = ['Stichting Wijkkracht', 'Welzijn Eemland', 'Coöperatie Buurtwerk', 'Sociaal Netwerk Nederland', 'De Verbinding'].map((name) => ({
  name,
}));
const names = (list: { name: string }[]) => list.map((b) => b.name);

describe('drawRunningOrder', () => {
  it('gives the same order for the same seed, every time', () => {
    expect(names(drawRunningOrder('3-5-1-6', bidders))).toEqual(names(drawRunningOrder('3-5-1-6', bidders)));
  });

  it('does not depend on the order in which the bidders were entered', () => {
    expect(names(drawRunningOrder('42', [...bidders].reverse()))).toEqual(names(drawRunningOrder('42', bidders)));
  });

  it('can be checked without this software: order by SHA-256 of seed, newline, name', () => {
    const seed = 'dobbelsteen 6-2-4';
    const key = (name: string) => createHash('sha256').update(`${seed}\n${name}`, 'utf8').digest('hex');
    const expected = [...names(bidders)].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(names(drawRunningOrder(seed, bidders))).toEqual(expected);
  });

  it('gives different orders for different seeds', () => {
    const orders = new Set(['1', '2', '3', '4', '5', '6'].map((seed) => names(drawRunningOrder(seed, bidders)).join('|')));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps every bidder exactly once', () => {
    expect([...names(drawRunningOrder('x', bidders))].sort()).toEqual([...names(bidders)].sort());
  });
});
