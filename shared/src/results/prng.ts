/**
 * The bootstrap's random numbers: xoshiro128** (Blackman & Vigna, 2018), a small, well-known
 * 32-bit generator, seeded from SHA-256 of the seed text. Anyone can reproduce the sequence:
 * the 32-byte digest of the UTF-8 seed is read as eight big-endian 32-bit words, and the first
 * four are the generator's state (s0, s1, s2, s3).
 */

import { sha256 } from '@noble/hashes/sha256';
import { utf8ToBytes } from '@noble/hashes/utils';

export const PRNG_NAME = 'xoshiro128** seeded with the first 16 bytes of SHA-256(UTF-8 seed), big-endian words';

export interface Random {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** A whole number from 0 to n - 1, every value exactly equally likely (1 <= n <= 2^21). */
  nextIndex(n: number): number;
  /** Fills `out` with successive `nextIndex(n)` draws (the same numbers, in a tight loop). */
  fillIndices(out: Int32Array, n: number): void;
}

const TWO_32 = 4294967296;
/** u x n must stay exact in a double (below 2^53), so n is below 2^21. */
const MAX_N = 2 ** 21;

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_N) throw new Error(`cannot draw an index below ${String(n)}`);
}

/**
 * xoshiro128** from an explicit state; the state must not be all zero.
 *
 * Indices (Lemire, 2019): a 32-bit draw u is multiplied by n; the index is the whole part of
 * u x n / 2^32. When the rest, (u x n) mod 2^32, is below 2^32 mod n the draw is rejected and the
 * next one is taken; that makes every index exactly equally likely.
 */
export function xoshiro128ss(state: readonly [number, number, number, number]): Random {
  let s0 = state[0] | 0;
  let s1 = state[1] | 0;
  let s2 = state[2] | 0;
  let s3 = state[3] | 0;
  if ((s0 | s1 | s2 | s3) === 0) throw new Error('xoshiro128** needs a state that is not all zero');
  const nextUint32 = (): number => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };
  const nextIndex = (n: number): number => {
    checkN(n);
    const reject = TWO_32 % n;
    for (;;) {
      const product = nextUint32() * n;
      const index = Math.floor(product / TWO_32);
      if (product - index * TWO_32 >= reject) return index;
    }
  };
  /** The same as calling nextIndex(n) out.length times, with the state in local variables. */
  const fillIndices = (out: Int32Array, n: number): void => {
    checkN(n);
    const reject = TWO_32 % n;
    let a = s0;
    let b = s1;
    let c = s2;
    let d = s3;
    for (let i = 0; i < out.length; ) {
      const m = Math.imul(b, 5);
      const u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      const product = u * n;
      const index = Math.floor(product / TWO_32);
      if (product - index * TWO_32 >= reject) out[i++] = index;
    }
    s0 = a;
    s1 = b;
    s2 = c;
    s3 = d;
  };
  return { nextUint32, nextIndex, fillIndices };
}

/** The four state words derived from a seed text. */
export function seedState(seed: string): [number, number, number, number] {
  const digest = sha256(utf8ToBytes(seed));
  const word = (i: number): number => ((digest[i]! << 24) | (digest[i + 1]! << 16) | (digest[i + 2]! << 8) | digest[i + 3]!) >>> 0;
  const state: [number, number, number, number] = [word(0), word(4), word(8), word(12)];
  // An all-zero state has probability 2^-128; fall back to a fixed non-zero word rather than fail.
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[3] = 1;
  return state;
}

export function seededRandom(seed: string): Random {
  return xoshiro128ss(seedState(seed));
}
