import { sha256Hex } from './fingerprint';

export const LOT_DRAW_ALGORITHM = 'sha256-sort-v1';

/**
 * Draws a running order by lot, reproducibly. Each bidder gets the key
 * SHA-256(seed + "\n" + name) in lower-case hex, and the bidders are ordered by key, smallest
 * first (by name when two keys are equal, which does not happen in practice). Anyone can check a
 * draw without this software, for example with `printf '%s\n%s' "$SEED" "$NAME" | sha256sum`.
 * The order of the input does not affect the result.
 */
export function drawRunningOrder<T extends { name: string }>(seed: string, bidders: readonly T[]): T[] {
  return bidders
    .map((bidder) => ({ bidder, key: sha256Hex(`${seed}\n${bidder.name}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.bidder.name < b.bidder.name ? -1 : 1))
    .map((entry) => entry.bidder);
}
