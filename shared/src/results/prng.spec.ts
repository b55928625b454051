import { createHash } from 'node:crypto';
import { seedState, seededRandom, xoshiro128ss } from './prng';

describe('xoshiro128**', () => {
  it('gives the reference outputs for the state (1, 2, 3, 4)', () => {
    // By hand: s1 = 2 -> rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520; after one step s1 = 0 -> 0;
    // after the next step s1 = 1029 -> rotl(5145, 7) * 9 = 658560 * 9 = 5927040.
    const random = xoshiro128ss([1, 2, 3, 4]);
    expect([random.nextUint32(), random.nextUint32(), random.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('takes its state from the first 16 bytes of SHA-256 of the seed, as big-endian words', () => {
    const digest = createHash('sha256').update('voorbeeld', 'utf8').digest();
    expect(seedState('voorbeeld')).toEqual([0, 4, 8, 12].map((i) => digest.readUInt32BE(i)));
  });

  it('refuses an all-zero state', () => {
    expect(() => xoshiro128ss([0, 0, 0, 0])).toThrow(/not all zero/);
  });

  it('fills indices exactly as repeated nextIndex calls would', () => {
    const a = seededRandom('same');
    const b = seededRandom('same');
    const filled = new Int32Array(500);
    a.fillIndices(filled, 7);
    const one = Array.from({ length: 500 }, () => b.nextIndex(7));
    expect(Array.from(filled)).toEqual(one);
    // and the two generators are still in step afterwards
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('draws every index within range and roughly equally often', () => {
    const random = seededRandom('uniform');
    const counts = new Array<number>(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[random.nextIndex(5)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('differs between seeds and repeats for the same seed', () => {
    const first = (seed: string): number[] => {
      const r = seededRandom(seed);
      return [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    };
    expect(first('a')).toEqual(first('a'));
    expect(first('a')).not.toEqual(first('b'));
  });
});
