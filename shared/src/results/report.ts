/**
 * The results report: settings, integrity signals and two full sections, one on every counted
 * ballot and one without the flagged ballots. Plus its canonical JSON and fingerprint.
 */

import canonicalize from 'canonicalize';
import { sha256Hex } from '../logic/fingerprint';
import { prepareInput } from './prepare';
import { ballotId, bursts, integritySignals } from './integrity';
import { computeSection } from './section';
import { PRNG_NAME } from './prng';
import { RESULT_DECIMALS, round } from './numbers';
import type { BurstCheck, ResultsInput, ResultsReport } from './types';

export const RESULTS_FORMAT_VERSION = 1;

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
  const all = computeSection(prepared, prepared.counted);
  const withoutFlagged =
    integrity.flagged.size === 0 ? all : computeSection(prepared, prepared.counted.filter((b) => !integrity.flagged.has(ballotId(b))));
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
 * carrying the outcome instead (times in the bursts rounded down to whole seconds). Computing the
 * results of the sealed input gives the same flags as the timed input; the sealed input is what
 * the anonymised ballot record publishes, so anyone can recompute the results from it.
 */
export function sealBurstCheck(input: ResultsInput): ResultsInput {
  const prepared = prepareInput(input);
  const found = bursts(prepared);
  const burstCheck: BurstCheck = {
    ballotsWithTime: prepared.counted.filter((b) => b.submittedAt !== null).length,
    bursts: found.bursts.map((b) => ({ ...b, from: Math.floor(b.from / 1000) * 1000, to: Math.floor(b.to / 1000) * 1000 })),
  };
  return { ...input, ballots: input.ballots.map(({ submittedAt: _time, ...rest }) => rest), burstCheck };
}
