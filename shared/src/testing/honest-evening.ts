/**
 * Simulated honest evenings, to calibrate the integrity signals: how often does a signal flag
 * ballots when nobody cheats? Used by `integrity-calibration.spec.ts` and `test/bench/integrity.ts`.
 *
 * The model (deliberately on the rough side of real evenings):
 * - Every bidder has a quality between 2.2 and 4.4 on the 1-5 scale. A voter has a leniency
 *   (normal, sd 0.6) and a taste per bidder (normal, sd 0.7); each grade is quality + leniency +
 *   taste + noise (normal, sd 0.6), rounded and clipped to 1-5. So voters agree a lot, as in a hall.
 * - 8 % of the voters arrive during the evening (after a random pitch; with the presence rule they
 *   score only later pitches), 4 % of the voters skip a pitch, 6 % of the ballots skip a criterion.
 * - Scoring opens 12 minutes into each pitch slot and stays open 5 minutes. A voter sends their
 *   ballot after a delay that is log-normal (median 40 s, sigma 0.9, at most 5 minutes); one in
 *   four sends within the first 15 s (the host says "vote now"); 10 % change their ballot later
 *   (the later time counts); whoever would take longer than 4 minutes votes in the last minute
 *   (the host's last call). Times in milliseconds.
 */

import type { ResultsBallot, ResultsInput } from '../results/types';
import { seededRandom } from '../results/prng';

export interface HonestEveningOptions {
  bidders: number;
  criteria: number;
  voters: number;
  seed: string;
}

/** A standard normal number from two uniform ones (Box–Muller). */
function normal(u: () => number): number {
  const a = Math.max(u(), 1e-12);
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
}

export function honestEvening(o: HonestEveningOptions): ResultsInput {
  const random = seededRandom(o.seed);
  const u = (): number => random.nextUint32() / 4294967296;
  const bidders = Array.from({ length: o.bidders }, (_, i) => ({ id: `b${i + 1}`, name: `Bidder ${i + 1}`, position: i + 1 }));
  const weights = Array.from({ length: o.criteria }, (_, i) => Math.floor(100 / o.criteria) + (i < 100 % o.criteria ? 1 : 0));
  const criteria = weights.map((weight, i) => ({ id: `c${i + 1}`, name: `Criterion ${i + 1}`, weight }));
  const quality = bidders.map(() => 2.2 + u() * 2.2);
  const slot = 20 * 60_000;
  const ballots: ResultsBallot[] = [];
  for (let v = 0; v < o.voters; v++) {
    const voter = `v${String(v).padStart(5, '0')}`;
    const leniency = normal(u) * 0.6;
    const arrivesAfter = u() < 0.08 ? Math.floor(u() * o.bidders) : -1;
    bidders.forEach((bidder, b) => {
      if (b <= arrivesAfter || u() < 0.04) return;
      const taste = normal(u) * 0.7;
      const grades: Record<string, number> = {};
      for (const c of criteria) {
        if (o.criteria > 1 && u() < 0.06) continue;
        grades[c.id] = Math.min(5, Math.max(1, Math.round(quality[b]! + leniency + taste + normal(u) * 0.6)));
      }
      if (Object.keys(grades).length === 0) grades[criteria[0]!.id] = Math.min(5, Math.max(1, Math.round(quality[b]! + leniency)));
      const opens = b * slot + 12 * 60_000;
      const quick = u() < 0.25;
      let delay = quick ? 2_000 + u() * 13_000 : 40_000 * Math.exp(0.9 * normal(u));
      if (u() < 0.1) delay += 20_000 + u() * 120_000;
      // Whoever is not done after 4 minutes votes at the host's last call, in the last minute.
      if (delay > 240_000) delay = 240_000 + u() * 60_000;
      ballots.push({ voter, bidderId: bidder.id, grades, submittedAt: Math.round(opens + delay) });
    });
  }
  return {
    bidders,
    criteria,
    scale: { kind: 'numeric', levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) })) },
    ballots,
    ties: [],
    options: { seed: o.seed, bootstrapResamples: 1 },
  };
}
