/**
 * Input and output shapes of the results engine. The output is plain data (numbers rounded to
 * `RESULT_DECIMALS`, lists in running order or another documented order) so that it serialises
 * canonically and two runs on the same ballots give byte-identical JSON.
 */

import type { ScaleKind } from '../domain/setup';

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

export interface ResultsBidder {
  id: string;
  name: string;
  /** 1-based place in the running order; every bidder has a different one. */
  position: number;
}

export interface ResultsCriterion {
  id: string;
  name: string;
  /** Whole percent; the weights of an evening add up to 100. */
  weight: number;
}

export interface ResultsScale {
  kind: ScaleKind;
  /** In any order; a higher `value` is a better grade. */
  levels: { value: number; label: string }[];
}

export interface ResultsBallot {
  /** Opaque, anonymous id of the voter (the same for all their ballots). */
  voter: string;
  bidderId: string;
  /** Grade (a scale value) per criterion id. Partial ballots are allowed; at least one grade. */
  grades: Record<string, number>;
  /** When the ballot was submitted, in milliseconds (any epoch); only used for the burst signal. */
  submittedAt?: number;
  /** Passed through to the published record, not used by the engine: the voter's receipt code and how they voted. */
  receipt?: string;
  channel?: BallotChannel;
}

/** phone: sent from an attendee's phone; paper: a score card typed in identically by two moderators. */
export type BallotChannel = 'phone' | 'paper';

/** A declared tie (conflict of interest): that voter's ballot for that bidder is not counted. */
export interface ResultsTie {
  voter: string;
  bidderId: string;
}

export interface IntegrityOptions {
  /** Identical-ballot cluster: at least this many voters with exactly the same grades... */
  clusterMinVoters?: number;
  /** ...on the same bidders, at least this many of them. */
  clusterMinBidders?: number;
  /** Top/bottom pattern: the number of other bidders that got the lowest grade everywhere, at least. */
  topBottomMinOthers?: number;
  /** Burst: a window of this many seconds... */
  burstWindowSeconds?: number;
  /** ...holding at least this many ballots for one bidder... */
  burstMinBallots?: number;
  /** ...and at least this many times as many as the bidder's average rate predicts for the window. */
  burstRateFactor?: number;
}

export interface ResultsOptions {
  /** Seed of the bootstrap's random generator. Default `DEFAULT_SEED`. */
  seed?: string;
  /** Number of bootstrap resamples. Default 10,000. */
  bootstrapResamples?: number;
  /** Share cut from each end for the trimmed mean, from 0 up to (not including) 0.5. Default 0.1. */
  trimFraction?: number;
  /** Confidence level of the bootstrap interval and of the verdict, between 0.5 and 1. Default 0.95. */
  confidence?: number;
  integrity?: IntegrityOptions;
}

export interface ResultsInput {
  bidders: ResultsBidder[];
  /** In the order of the setup; the report lists criteria in this order. */
  criteria: ResultsCriterion[];
  scale: ResultsScale;
  /** One counted ballot per voter and bidder (the latest one the voter sent). */
  ballots: ResultsBallot[];
  ties: ResultsTie[];
  options?: ResultsOptions;
  /**
   * A burst check done beforehand, on arrival times this input does not carry (the anonymised
   * ballot record has no times finer than the pitch; see `sealBurstCheck`). When given, the
   * ballots carry no `submittedAt` and the report takes its bursts from here.
   */
  burstCheck?: BurstCheck;
}

/** The outcome of the burst signal, computed where the arrival times are known. */
export interface BurstCheck {
  /** Counted ballots whose time was known. */
  ballotsWithTime: number;
  bursts: Burst[];
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export interface LevelCount {
  value: number;
  label: string;
  count: number;
  /** count / ballots of this criterion (0 when there are none). */
  share: number;
}

/** Per bidder and criterion: the merit profile and its centre. */
export interface CriterionResult {
  criterionId: string;
  /** Ballots for this bidder that graded this criterion. */
  ballots: number;
  /** The merit profile: how many ballots gave each grade, best grade first. */
  distribution: LevelCount[];
  /** Lower median of the grades (a scale value); null without ballots. */
  median: number | null;
  mean: number | null;
}

/** The majority gauge: how many overall grades lie above and below the majority grade. */
export interface MajorityGauge {
  above: number;
  below: number;
  shareAbove: number;
  shareBelow: number;
}

export interface BidderResult {
  bidderId: string;
  /** Counted ballots for this bidder (each gives one overall grade). */
  ballots: number;
  criteria: CriterionResult[];
  /** Majority grade: lower median of the voters' overall grades. */
  majorityGrade: number | null;
  gauge: MajorityGauge;
  /** Mean of the voters' overall grades. */
  weightedMean: number | null;
  /** Percentile bootstrap interval of the weighted mean (resampling voters). */
  interval: { low: number; high: number } | null;
  /** Share of bootstrap resamples in which this bidder has the highest weighted mean. */
  probabilityFirst: number;
  trimmedMean: number | null;
  /** Overall grades left after trimming (ballots minus twice the cut). */
  trimmedCount: number;
  /** Mean of the voters' z-scores for this bidder; null when no voter qualifies. */
  meanZ: number | null;
  /** Voters whose z-score for this bidder is included. */
  zVoters: number;
  /** Borda count (see methodology): sum of the points voters gave by rank. */
  borda: number;
  /** Voters who gave this bidder Borda points (they scored at least two bidders). */
  bordaVoters: number;
}

export interface RankEntry {
  /** 1-based; tied bidders share a place (1, 2, 2, 4). */
  place: number;
  bidderId: string;
  /** Other bidders this one is tied with (same place); empty when not tied. */
  tiedWith: string[];
}

export interface PairwiseResult {
  /** Row and column order of `preferred`: the running order. */
  bidderIds: string[];
  /** preferred[i][j]: voters who scored both and gave bidder i a higher overall grade than j. */
  preferred: number[][];
  /** The bidder who beats every other bidder in a head-to-head majority, or null. */
  condorcetWinner: string | null;
}

export interface NormalisationCounts {
  /** Voters whose z-scores are used. */
  votersIncluded: number;
  /** Voters left out because they scored fewer than two bidders. */
  votersTooFewBidders: number;
  /** Voters left out because they gave every bidder the same overall grade. */
  votersNoSpread: number;
}

export const VERDICT_CODES = ['clear-preference', 'no-clear-preference', 'not-applicable'] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

export const VERDICT_REASONS = [
  'fewer-than-two-ranked',
  'majority-judgment-tie',
  'means-disagree',
  'pairwise-disagrees',
  'bootstrap-below-confidence',
] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

export interface Verdict {
  code: VerdictCode;
  /** Why there is no clear preference (empty for a clear preference). */
  reasons: VerdictReason[];
  /** First and second of the primary (majority judgment) ranking. */
  top: string | null;
  second: string | null;
  /** Share of bootstrap resamples in which `top` has a strictly higher weighted mean than `second`. */
  shareTopAhead: number | null;
  /** The share needed for a clear preference (the confidence level). */
  required: number;
  meanTop: number | null;
  meanSecond: number | null;
  /** Voters preferring top over second, and second over top. */
  pairwiseTopOverSecond: number | null;
  pairwiseSecondOverTop: number | null;
}

export interface ResultsSection {
  /** Ballots counted in this section. */
  ballots: number;
  /** Voters with at least one counted ballot in this section. */
  voters: number;
  /** In running order. */
  bidders: BidderResult[];
  /** Primary ranking: majority judgment with the majority-value tie-break, best first. */
  ranking: RankEntry[];
  /** Ranking by weighted mean, best first (for comparison). */
  meanRanking: RankEntry[];
  /** Bidders without any counted ballot: in neither ranking. */
  unranked: string[];
  pairwise: PairwiseResult;
  normalisation: NormalisationCounts;
  verdict: Verdict;
}

export interface ExcludedBallot {
  voter: string;
  bidderId: string;
}

export interface IdenticalCluster {
  voters: string[];
  /** Bidders each voter of the cluster scored. */
  bidders: number;
}

export interface Burst {
  bidderId: string;
  /** First and last ballot time in the burst (ms, as given). */
  from: number;
  to: number;
  ballots: number;
  /** Most ballots in one window, and how many the bidder's average rate predicts for a window. */
  peak: number;
  expected: number;
  voters: string[];
}

export const FLAG_REASONS = ['identical-cluster', 'top-bottom', 'burst'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

export interface FlaggedBallot {
  voter: string;
  bidderId: string;
  reasons: FlagReason[];
}

export interface IntegrityReport {
  /** Distinct declared ties. */
  tiesDeclared: number;
  /** Ballots not counted because of a declared tie. */
  excludedForTies: ExcludedBallot[];
  identicalClusters: IdenticalCluster[];
  /** Voters with the "top grade for one bidder, bottom grade for all others" pattern. */
  topBottomVoters: string[];
  bursts: Burst[];
  /** Every counted ballot with at least one signal; left out of `withoutFlagged`, never deleted. */
  flaggedBallots: FlaggedBallot[];
  /** Ballots whose time was given (the burst signal looks only at these). */
  ballotsWithTime: number;
}

export interface ResultsSettings {
  seed: string;
  /** Name of the random generator and of how the seed feeds it. */
  prng: string;
  bootstrapResamples: number;
  trimFraction: number;
  confidence: number;
  decimals: number;
  integrity: Required<IntegrityOptions>;
}

export interface ResultsReport {
  format: 'buurtjury-results';
  version: number;
  settings: ResultsSettings;
  /** In running order. */
  bidders: ResultsBidder[];
  criteria: ResultsCriterion[];
  /** Best grade first. */
  scale: ResultsScale;
  /** Ballots received, before excluding tied ones. */
  ballotsReceived: number;
  integrity: IntegrityReport;
  /** Every counted ballot. */
  all: ResultsSection;
  /** Every counted ballot except the flagged ones (equal to `all` when nothing is flagged). */
  withoutFlagged: ResultsSection;
}
