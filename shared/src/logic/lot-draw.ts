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

/**
 * Commit-reveal for a draw nobody controls alone. Before the draw the host commits to a seed by
 * publishing only its SHA-256 (`seedCommitment`: on the poster, to the bidders, in the audit
 * trail). Bidders may then add contributions. At the draw the host reveals the seed; it is refused
 * unless its SHA-256 is the commitment. The draw's seed is the SHA-256 of the revealed seed and the
 * contributions, each on its own line in the order they were added (`combinedDrawSeed`), and the
 * running order is drawn from it as before. The host cannot change the seed after seeing the
 * contributions, and a bidder who adds a contribution cannot know the seed.
 *
 * Check by hand: `printf '%s' "$SEED" | sha256sum` gives the commitment;
 * `printf '%s\n%s\n%s' "$SEED" "$C1" "$C2" | sha256sum` gives the draw's seed (one %s per line).
 */
export const COMMIT_REVEAL_SCHEME = 'sha256-commit-reveal-v1';

/** The commitment to a seed: SHA-256 of its UTF-8 text, lower-case hex. */
export function seedCommitment(seed: string): string {
  return sha256Hex(seed);
}

/** The seed a committed draw draws with: SHA-256 of the revealed seed and the contributions, one per line. */
export function combinedDrawSeed(revealedSeed: string, contributions: readonly string[]): string {
  return sha256Hex([revealedSeed, ...contributions].join('\n'));
}
