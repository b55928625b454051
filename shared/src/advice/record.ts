/**
 * The anonymised ballot record: everything needed to recompute the results, nothing that points
 * at a person. Voters appear under pseudonyms (V0001, ...), ballots are shuffled (ordered by a
 * hash, not by arrival), and the only time is the pitch the ballot belongs to. The burst signal,
 * which needs arrival times, travels as its outcome (`burstCheck`: which ballots were in a burst,
 * without any clock time). See docs/record-format.md.
 */

import canonicalize from 'canonicalize';
import { sha256Hex } from '../logic/fingerprint';
import { seededRandom } from '../results/prng';
import type { BallotChannel, BurstCheck, ResultsBidder, ResultsCriterion, ResultsInput, ResultsOptions, ResultsScale, ResultsTie } from '../results/types';

/**
 * 2: each ballot carries its receipt code and its channel (phone or paper).
 * 3: the bursts in `burstCheck` carry no clock times (`from` and `to` are gone).
 */
export const RECORD_FORMAT_VERSION = 3;

export interface RecordBallot {
  voter: string;
  /** The pitch (place in the running order) the ballot was given for: the record's only time. */
  pitch: number;
  bidderId: string;
  /** Grades in the order of `criteria`; null where the voter skipped a criterion. */
  grades: (number | null)[];
  /** The code the voter's phone showed when the ballot was accepted (a paper card: its printed number), so they can find it here. */
  receipt: string;
  channel: BallotChannel;
}

export interface BallotRecord {
  format: 'buurtjury-ballot-record';
  version: number;
  /** Part of the frozen setup, like everything else in the record (titles and dates may still change). */
  evening: { municipality: string; tender: string };
  /** SHA-256 of the frozen setup (the scoring frame the ballots were given under). */
  setupFingerprint: string;
  bidders: ResultsBidder[];
  criteria: ResultsCriterion[];
  scale: ResultsScale;
  /** The counted ballot of each voter per bidder (the latest they sent), shuffled. */
  ballots: RecordBallot[];
  /** Declared ties: these voters' ballots for these bidders are listed but not counted. */
  ties: ResultsTie[];
  burstCheck: BurstCheck;
  /** The options the results were computed with (seed, resamples, thresholds). */
  options: ResultsOptions;
}

export interface RecordEvening {
  municipality: string;
  tender: string;
  setupFingerprint: string;
}

/** The seed of the record's shuffle, from the setup fingerprint. */
export function recordShuffleSeed(setupFingerprint: string): string {
  return `buurtjury-record\n${setupFingerprint}`;
}

/**
 * Builds the record from a sealed results input (see `sealBurstCheck`). Ballots are first put in
 * a fixed order (voter, then pitch) and then shuffled (Fisher–Yates, drawing from the end, with
 * the results engine's generator seeded by `recordShuffleSeed`): an order that says nothing about
 * who voted when, and the same for the same ballots.
 */
export function buildBallotRecord(input: ResultsInput, evening: RecordEvening): BallotRecord {
  if (input.burstCheck === undefined) throw new Error('Seal the input with sealBurstCheck before publishing it.');
  const position = new Map(input.bidders.map((b) => [b.id, b.position]));
  const ballots: RecordBallot[] = input.ballots.map((b) => ({
    voter: b.voter,
    pitch: position.get(b.bidderId) ?? 0,
    bidderId: b.bidderId,
    grades: input.criteria.map((c) => b.grades[c.id] ?? null),
    receipt: b.receipt ?? '',
    channel: b.channel ?? 'phone',
  }));
  ballots.sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : a.pitch - b.pitch));
  const random = seededRandom(recordShuffleSeed(evening.setupFingerprint));
  for (let i = ballots.length - 1; i > 0; i--) {
    const j = random.nextIndex(i + 1);
    [ballots[i], ballots[j]] = [ballots[j]!, ballots[i]!];
  }
  const ties = [...input.ties].sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : (position.get(a.bidderId) ?? 0) - (position.get(b.bidderId) ?? 0)));
  return {
    format: 'buurtjury-ballot-record',
    version: RECORD_FORMAT_VERSION,
    evening: { municipality: evening.municipality, tender: evening.tender },
    setupFingerprint: evening.setupFingerprint,
    bidders: [...input.bidders].sort((a, b) => a.position - b.position).map((b) => ({ id: b.id, name: b.name, position: b.position })),
    criteria: input.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight })),
    scale: { kind: input.scale.kind, levels: [...input.scale.levels].sort((a, b) => b.value - a.value).map((l) => ({ value: l.value, label: l.label })) },
    ballots,
    ties,
    burstCheck: input.burstCheck,
    options: input.options ?? {},
  };
}

/** What the results engine gets from a record: `computeResults(recordToResultsInput(record))`. */
export function recordToResultsInput(record: BallotRecord): ResultsInput {
  return {
    bidders: record.bidders,
    criteria: record.criteria,
    scale: record.scale,
    ballots: record.ballots.map((b) => {
      const grades: Record<string, number> = {};
      record.criteria.forEach((c, i) => {
        const g = b.grades[i];
        if (typeof g === 'number') grades[c.id] = g;
      });
      return { voter: b.voter, bidderId: b.bidderId, grades, channel: b.channel };
    }),
    ties: record.ties,
    options: record.options,
    burstCheck: record.burstCheck,
  };
}

/**
 * The record as canonical JSON (RFC 8785); its SHA-256 is `recordFingerprint`. The ballots, most
 * of the record, have a fixed shape and are written directly with their keys in canonical order
 * (a test checks the result equals the general canonicalisation); the rest goes through
 * `canonicalize`. "ballots" sorts before every other key of the record.
 */
export function recordJson(record: BallotRecord): string {
  const { ballots, ...rest } = record;
  const head = canonicalize(rest);
  if (head === undefined) throw new Error('record cannot be serialised');
  const parts = ballots.map(
    (b) =>
      `{"bidderId":${JSON.stringify(b.bidderId)},"channel":${JSON.stringify(b.channel)},"grades":${JSON.stringify(b.grades)},"pitch":${JSON.stringify(b.pitch)},"receipt":${JSON.stringify(b.receipt)},"voter":${JSON.stringify(b.voter)}}`,
  );
  return `{"ballots":[${parts.join(',')}],${head.slice(1)}`;
}

export function recordFingerprint(record: BallotRecord): string {
  return sha256Hex(recordJson(record));
}

/**
 * SHA-256 of what a record says about the ballots, whatever its format version: the ballots
 * (voter, pitch, bidder, grades, receipt, channel) in voter and pitch order, and the ties, as
 * canonical JSON. Lets the verifier tell "the ballots changed" from "the record format changed"
 * for an advice issued under an older format (versions 2 and 3 hold the same ballot fields).
 */
export function recordBallotsDigest(record: Pick<BallotRecord, 'ballots' | 'ties'>): string {
  const ballots = record.ballots
    .map((b) => ({ voter: b.voter, pitch: b.pitch, bidderId: b.bidderId, grades: b.grades, receipt: b.receipt ?? '', channel: b.channel ?? 'phone' }))
    .sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : a.pitch - b.pitch));
  const ties = [...record.ties].sort((a, b) => (a.voter < b.voter ? -1 : a.voter > b.voter ? 1 : a.bidderId < b.bidderId ? -1 : a.bidderId > b.bidderId ? 1 : 0));
  const text = canonicalize({ ballots, ties });
  if (text === undefined) throw new Error('record cannot be serialised');
  return sha256Hex(text);
}

function csvCell(value: string | number): string {
  const text = String(value);
  // Quote what needs it, and neutralise cells a spreadsheet would run as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The ballots as CSV (comma-separated, UTF-8, one header row): voter, pitch, bidder id, bidder
 * name, `counted` (no when the voter declared a tie with this bidder), `channel` (phone or paper),
 * `receipt`, then one column per
 * criterion in the setup's order (header: the criterion's name) with the grade, empty when not
 * graded. The JSON record is the one to recompute from; the CSV is for spreadsheets.
 */
export function recordCsv(record: BallotRecord): string {
  const tied = new Set(record.ties.map((t) => `${t.voter}\n${t.bidderId}`));
  const names = new Map(record.bidders.map((b) => [b.id, b.name]));
  const header = ['voter', 'pitch', 'bidder_id', 'bidder', 'counted', 'channel', 'receipt', ...record.criteria.map((c) => c.name)];
  const lines = [header.map(csvCell).join(',')];
  for (const b of record.ballots) {
    const row: (string | number)[] = [b.voter, b.pitch, b.bidderId, names.get(b.bidderId) ?? '', tied.has(`${b.voter}\n${b.bidderId}`) ? 'no' : 'yes', b.channel, b.receipt];
    record.criteria.forEach((_, i) => row.push(b.grades[i] ?? ''));
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
