/**
 * Calibration of the integrity signals on simulated honest evenings (honest-evening.ts): nobody
 * cheats, so every flag is a false positive. `test/bench/integrity.ts` runs the same simulation on
 * 2,700 evenings and prints the rates docs/methodology.md quotes; this test runs a smaller fixed
 * set and holds the rates below the documented bounds, plus a check that scripted stuffing is
 * still caught.
 */
import { honestEvening } from '../testing/honest-evening';
import { integritySignals } from './integrity';
import { prepareInput } from './prepare';
import { computeResults } from './report';

const CONFIGS = [
  { bidders: 3, criteria: 1, voters: 400 },
  { bidders: 6, criteria: 4, voters: 150 },
  { bidders: 8, criteria: 8, voters: 400 },
  { bidders: 4, criteria: 2, voters: 40 },
];
const EVENINGS = 15;

describe('integrity signals on simulated honest evenings', () => {
  const runs = CONFIGS.flatMap((c) => Array.from({ length: EVENINGS }, (_, e) => ({ c, input: honestEvening({ ...c, seed: `calibration-${c.bidders}-${c.criteria}-${c.voters}-${e}` }) })));
  const outcomes = runs.map(({ input }) => ({ ballots: input.ballots.length, flagged: integritySignals(prepareInput(input)).report.flaggedBallots.length }));

  it('flags almost no honest ballot: under 0.1 % of the ballots, and at most one evening in twenty', () => {
    const ballots = outcomes.reduce((n, o) => n + o.ballots, 0);
    const flagged = outcomes.reduce((n, o) => n + o.flagged, 0);
    const evenings = outcomes.filter((o) => o.flagged > 0).length;
    expect(ballots).toBeGreaterThan(50_000);
    expect(flagged / ballots).toBeLessThan(0.001);
    expect(evenings / outcomes.length).toBeLessThanOrEqual(0.05);
  });

  it('with the thresholds of version 1 (global rate, no minimum of grades) flagged a large share of the same honest ballots', () => {
    // Burst against the whole span's average rate: approximated by a very long context and a
    // factor of 4 without the Poisson test; clusters and top/bottom without a minimum of grades.
    const old = { clusterMinGrades: 1, topBottomMinGrades: 1, burstContextSeconds: 3600, burstRateFactor: 4, burstMaxProbability: 1 };
    const sample = runs.filter((_, i) => i % 5 === 0);
    const ballots = sample.reduce((n, r) => n + r.input.ballots.length, 0);
    const flagged = sample.reduce((n, r) => n + integritySignals(prepareInput({ ...r.input, options: { ...r.input.options, integrity: old } })).report.flaggedBallots.length, 0);
    expect(flagged / ballots).toBeGreaterThan(0.1);
  });

  it('still catches 12 scripted ballots for one bidder within 1.2 s in a quiet moment', () => {
    const input = honestEvening({ bidders: 6, criteria: 4, voters: 150, seed: 'calibration-attack' });
    const target = input.bidders[2]!;
    const opens = 2 * 20 * 60_000 + 12 * 60_000;
    const top = Object.fromEntries(input.criteria.map((c) => [c.id, 5]));
    for (let k = 0; k < 12; k++) input.ballots.push({ voter: `s${String(k).padStart(2, '0')}`, bidderId: target.id, grades: top, submittedAt: opens + 200_000 + k * 100 });
    const flagged = integritySignals(prepareInput(input)).report.flaggedBallots.filter((f) => f.voter.startsWith('s'));
    expect(flagged.length).toBe(12);
  });

  it('never makes the result without flagged ballots the headline: `all` counts every ballot', () => {
    const input = honestEvening({ bidders: 3, criteria: 4, voters: 60, seed: 'calibration-headline' });
    const top = Object.fromEntries(input.criteria.map((c) => [c.id, 5]));
    for (let k = 0; k < 12; k++) input.ballots.push({ voter: `s${String(k).padStart(2, '0')}`, bidderId: 'b1', grades: top, submittedAt: 12 * 60_000 + 200_000 + k * 100 });
    const report = computeResults({ ...input, options: { bootstrapResamples: 50 } });
    expect(report.integrity.flaggedBallots.length).toBeGreaterThan(0);
    expect(report.all.ballots).toBe(input.ballots.length);
    expect(report.withoutFlagged.ballots).toBe(input.ballots.length - report.integrity.flaggedBallots.length);
  });
});
