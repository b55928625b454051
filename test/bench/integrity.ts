/**
 * Calibration of the integrity signals (a benchmark, not a test): simulates honest evenings
 * (`shared/src/testing/honest-evening.ts`, nobody cheats) and prints how often each signal flags
 * ballots anyway: the false-positive rate, per evening (an evening with at least one flag) and per
 * ballot. docs/methodology.md quotes these figures.
 *
 *   TS_NODE_PROJECT=test/tsconfig.json node -r ts-node/register/transpile-only test/bench/integrity.ts
 *
 * Options: --evenings N (40 per configuration), --set name=value to try another threshold
 * (repeatable, e.g. --set burstRateFactor=4).
 */
import { performance } from 'node:perf_hooks';
import { prepareInput } from '../../shared/src/results/prepare';
import { integritySignals } from '../../shared/src/results/integrity';
import { honestEvening } from '../../shared/src/testing';
import type { FlagReason } from '../../shared/src/results/types';
import { option } from './options';

const EVENINGS = option('evenings', 40);
/** Overrides of the integrity thresholds, to try others: --set burstRateFactor=4 (repeatable). */
const overrides: Record<string, number> = {};
process.argv.forEach((arg, i) => {
  if (arg !== '--set') return;
  const [key, value] = (process.argv[i + 1] ?? '').split('=');
  if (!key || value === undefined || !Number.isFinite(Number(value))) throw new Error('--set needs name=number');
  overrides[key] = Number(value);
});
const CONFIGS: { bidders: number; criteria: number; voters: number }[] = [];
for (const bidders of [3, 6, 8]) for (const criteria of [1, 4, 8]) for (const voters of [40, 150, 400]) CONFIGS.push({ bidders, criteria, voters });

const REASONS: FlagReason[] = ['identical-cluster', 'top-bottom', 'burst'];
const totals = { evenings: 0, ballots: 0, eveningsFlagged: Object.fromEntries(REASONS.map((r) => [r, 0])), ballotsFlagged: Object.fromEntries(REASONS.map((r) => [r, 0])), anyEvening: 0, anyBallot: 0 };
const t0 = performance.now();
console.log(`integrity calibration: ${CONFIGS.length} configurations x ${EVENINGS} honest evenings${Object.keys(overrides).length ? `, thresholds ${JSON.stringify(overrides)}` : ''}`);
console.log('bidders criteria voters | evenings flagged: cluster top-bottom burst any | ballots flagged: cluster top-bottom burst any');
for (const c of CONFIGS) {
  const ev = Object.fromEntries(REASONS.map((r) => [r, 0]));
  const ba = Object.fromEntries(REASONS.map((r) => [r, 0]));
  let any = 0;
  let anyBallots = 0;
  let ballots = 0;
  for (let e = 0; e < EVENINGS; e++) {
    const input = honestEvening({ ...c, seed: `honest-${c.bidders}-${c.criteria}-${c.voters}-${e}` });
    input.options = { ...input.options, integrity: overrides };
    const result = integritySignals(prepareInput(input));
    ballots += input.ballots.length;
    const flagged = result.report.flaggedBallots;
    for (const r of REASONS) {
      const n = flagged.filter((f) => f.reasons.includes(r)).length;
      ba[r]! += n;
      if (n > 0) ev[r]! += 1;
    }
    anyBallots += flagged.length;
    if (flagged.length > 0) any++;
  }
  const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`;
  console.log(
    `${String(c.bidders).padStart(7)} ${String(c.criteria).padStart(8)} ${String(c.voters).padStart(6)} | ` +
      `${REASONS.map((r) => pct(ev[r]!, EVENINGS).padStart(6)).join(' ')} ${pct(any, EVENINGS).padStart(6)} | ` +
      `${REASONS.map((r) => pct(ba[r]!, ballots).padStart(6)).join(' ')} ${pct(anyBallots, ballots).padStart(6)}`,
  );
  totals.evenings += EVENINGS;
  totals.ballots += ballots;
  for (const r of REASONS) {
    totals.eveningsFlagged[r]! += ev[r]!;
    totals.ballotsFlagged[r]! += ba[r]!;
  }
  totals.anyEvening += any;
  totals.anyBallot += anyBallots;
}
// Power: the same honest evenings with 12 scripted ballots for one bidder (top grades), all within
// 1.2 s, 100 s after scoring opened; and with 3 scripted voters who send identical ballots to every
// bidder. How often are (most of) them flagged?
let burstCaught = 0;
let clusterCaught = 0;
let attacked = 0;
for (const c of CONFIGS) {
  for (let e = 0; e < Math.min(EVENINGS, 20); e++) {
    const input = honestEvening({ ...c, seed: `honest-${c.bidders}-${c.criteria}-${c.voters}-${e}` });
    input.options = { ...input.options, integrity: overrides };
    const target = input.bidders[e % c.bidders]!;
    const opens = (target.position - 1) * 20 * 60_000 + 12 * 60_000;
    const top = Object.fromEntries(input.criteria.map((k) => [k.id, 5]));
    for (let k = 0; k < 12; k++) input.ballots.push({ voter: `s${k}`, bidderId: target.id, grades: top, submittedAt: opens + 100_000 + k * 100 });
    for (let k = 0; k < 3; k++) {
      input.bidders.forEach((b, i) => input.ballots.push({ voter: `x${k}`, bidderId: b.id, grades: Object.fromEntries(input.criteria.map((q) => [q.id, i === 0 ? 5 : 2])) }));
    }
    const flagged = integritySignals(prepareInput(input)).report.flaggedBallots;
    attacked++;
    if (flagged.filter((f) => f.voter.startsWith('s') && f.reasons.includes('burst')).length >= 10) burstCaught++;
    if (flagged.some((f) => f.voter.startsWith('x') && f.reasons.includes('identical-cluster'))) clusterCaught++;
  }
}
const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(2)}%`;
console.log(`power: ${attacked} evenings with 12 scripted ballots in 1.2 s: caught (10 or more flagged) in ${pct(burstCaught, attacked)}; with 3 identical scripted voters: caught in ${pct(clusterCaught, attacked)} (needs at least the minimum number of grades: bidders x criteria).`);
console.log(
  `all: ${totals.evenings} evenings, ${totals.ballots} ballots. Evenings with a flag: ${REASONS.map((r) => `${r} ${pct(totals.eveningsFlagged[r]!, totals.evenings)}`).join(', ')}, any ${pct(totals.anyEvening, totals.evenings)}. ` +
    `Ballots flagged: ${REASONS.map((r) => `${r} ${totals.ballotsFlagged[r]!} (${pct(totals.ballotsFlagged[r]!, totals.ballots)})`).join(', ')}, any ${totals.anyBallot} (${pct(totals.anyBallot, totals.ballots)}).`,
);
console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
