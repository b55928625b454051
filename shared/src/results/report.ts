/**
 * The results report: settings, integrity signals and three full sections: every counted ballot
 * (the headline result), without the flagged ballots, and without every ballot of the voters who
 * declared a tie with any bidder. Plus its canonical JSON and fingerprint.
 */

import canonicalize from 'canonicalize';
import { sha256Hex } from '../logic/fingerprint';
import { prepareInput } from './prepare';
import { ballotId, bursts, integritySignals } from './integrity';
import { finishSection, sectionBasis } from './section';
import { drawBootstraps, gradeCodes } from './bootstrap';
import { seededRandom } from './prng';
import type { PreparedBallot } from './prepare';
import { PRNG_NAME } from './prng';
import { RESULT_DECIMALS, round } from './numbers';
import type { BurstCheck, ResultsInput, ResultsReport } from './types';

/**
 * 2: majority judgment compared as shares, with its own resampled chance of ranking first and a
 * verdict on the leader against every other bidder; overall grades only from ballots that grade at
 * least `overallMinWeight` percent; Borda share; voters counted per channel; the section without
 * tied voters; bursts without times. See docs/record-format.md.
 */
export const RESULTS_FORMAT_VERSION = 2;

/**
 * Computes the full report. Deterministic: the same bidders, criteria, scale, ballots, ties and
 * options give the same report, whatever the order of the ballots and ties in the input. Each
 * section runs its bootstrap from the seed afresh. When nothing is flagged, `withoutFlagged` is
 * the same section as `all` (computed once).
 * Throws a `ResultsInputError` for input that cannot be counted.
 */
export function computeResults(input: ResultsInput): ResultsReport {
  const prepared = prepareInput(input);
  const integrity = integritySignals(prepared);
  // The sections: every counted ballot, and the variants that leave some out (when they do).
  const flaggedOut = prepared.counted.filter((b) => !integrity.flagged.has(ballotId(b)));
  const tiedOut = prepared.counted.filter((b) => !prepared.tiedVoters.has(b.voter));
  const variants = [flaggedOut, tiedOut].map((ballots) => (ballots.length === prepared.counted.length ? null : ballots));
  const bases = [prepared.counted, ...variants.filter((v): v is PreparedBallot[] => v !== null)].map((ballots) => sectionBasis(prepared, ballots));
  // One bootstrap pass for all of them: the voters' counts are shared, each section leaves out
  // the grades of the ballots it does not count (identical to drawing each on its own).
  const B = prepared.bidders.length;
  const allBasis = bases[0]!;
  const codes = gradeCodes(allBasis.rows, B);
  const voterIndex = new Map(codes.voterIds.map((v, i) => [v, i]));
  const slotsOf = (leftOut: (b: PreparedBallot) => boolean): number[] => {
    const slots: number[] = [];
    for (const b of prepared.counted) {
      const v = voterIndex.get(b.voter);
      if (v !== undefined && b.overall !== null && leftOut(b)) slots.push(v * B + b.bidderIndex);
    }
    return slots;
  };
  const leftOut = [(b: PreparedBallot) => integrity.flagged.has(ballotId(b)), (b: PreparedBallot) => prepared.tiedVoters.has(b.voter)].filter((_, i) => variants[i] !== null);
  const draws = drawBootstraps(
    codes,
    prepared.settings.resamples,
    seededRandom(prepared.settings.seed),
    prepared.settings.seed,
    bases.map((basis, i) => ({ excluded: i === 0 ? [] : slotsOf(leftOut[i - 1]!), leader: basis.leader })),
  );
  const sections = bases.map((basis, i) => finishSection(prepared, basis, draws[i]!));
  const all = sections[0]!;
  const withoutFlagged = variants[0] === null ? all : sections[1]!;
  const withoutTiedVoters = variants[1] === null ? all : sections[variants[0] === null ? 1 : 2]!;
  const { settings } = prepared;
  return {
    format: 'buurtjury-results',
    version: RESULTS_FORMAT_VERSION,
    settings: {
      seed: settings.seed,
      prng: PRNG_NAME,
      bootstrapResamples: settings.resamples,
      trimFraction: round(settings.trimFraction),
      confidence: round(settings.confidence),
      overallMinWeight: settings.overallMinWeight,
      verdictMinVoters: settings.verdictMinVoters,
      decimals: RESULT_DECIMALS,
      integrity: { ...settings.integrity },
    },
    bidders: prepared.bidders,
    criteria: prepared.criteria,
    scale: prepared.scale,
    ballotsReceived: prepared.ballotsReceived,
    integrity: integrity.report,
    all,
    withoutFlagged,
    withoutTiedVoters,
  };
}

/** The report as canonical JSON (RFC 8785: keys sorted, no whitespace, shortest numbers). */
export function resultsJson(report: ResultsReport): string {
  const text = canonicalize(report);
  if (text === undefined) throw new Error('results cannot be serialised');
  return text;
}

/** SHA-256 (lower-case hex) of `resultsJson(report)`. */
export function resultsFingerprint(report: ResultsReport): string {
  return sha256Hex(resultsJson(report));
}

/**
 * Runs the burst signal on the ballots' arrival times and returns the input without those times,
 * carrying the outcome instead (which ballots were in a burst; no times). Computing the results of
 * the sealed input gives the same flags as the timed input; the sealed input is what the
 * anonymised ballot record publishes, so anyone can recompute the results from it.
 */
export function sealBurstCheck(input: ResultsInput): ResultsInput {
  const prepared = prepareInput(input);
  const found = bursts(prepared);
  const burstCheck: BurstCheck = {
    ballotsWithTime: prepared.counted.filter((b) => b.submittedAt !== null).length,
    bursts: found.bursts,
  };
  return { ...input, ballots: input.ballots.map(({ submittedAt: _time, ...rest }) => rest), burstCheck };
}
