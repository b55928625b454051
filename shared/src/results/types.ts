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
  /** How the ballot was given; counted per channel (default phone). All ballots of one voter share a channel. */
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
  /** ...on the same bidders, at least this many of them... */
  clusterMinBidders?: number;
  /** ...and at least this many grades in all (bidders x graded criteria): fewer coincide too easily by chance. */
  clusterMinGrades?: number;
  /** Top/bottom pattern: the number of other bidders that got the lowest grade everywhere, at least... */
  topBottomMinOthers?: number;
  /** ...and at least this many grades in all on the voter's ballots. */
  topBottomMinGrades?: number;
  /** Burst: a window of this many seconds... */
  burstWindowSeconds?: number;
  /** ...holding at least this many ballots for one bidder... */
  burstMinBallots?: number;
  /**
   * ...that is improbable given the rate around it: the busier of the this many seconds before the
   * window and the this many seconds after it gives the expected number for the window...
   */
  burstContextSeconds?: number;
  /** ...the window holds at least this many times the expected number... */
  burstRateFactor?: number;
  /** ...and a Poisson count with that expectation reaches the window's count with at most this probability. */
  burstMaxProbability?: number;
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
  /**
   * A ballot gives an overall grade only when the criteria it grades weigh at least this many
   * percent of the total weight together (1 to 100). Default 50. Ballots below it count in the
   * profiles of the criteria they grade, not in the overall grade.
   */
  overallMinWeight?: number;
  /** The verdict claims no preference unless every ranked bidder has at least this many overall grades. Default 10. */
  verdictMinVoters?: number;
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

/** The outcome of the burst signal, computed where the arrival times are known. It holds no times. */
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

/** A count of voters split by how they voted: phones and paper score cards are never added up. */
export interface ChannelCounts {
  phone: number;
  paper: number;
}

export interface BidderResult {
  bidderId: string;
  /** Counted ballots for this bidder. */
  ballots: number;
  /** Counted ballots that left at least one criterion ungraded. */
  partialBallots: number;
  /**
   * Counted ballots that give an overall grade: those whose graded criteria weigh at least
   * `settings.overallMinWeight` percent. The others (ballots minus overallGrades) count only in the
   * profiles of the criteria they graded.
   */
  overallGrades: number;
  criteria: CriterionResult[];
  /** Majority grade: lower median of the overall grades (may lie between two scale grades). */
  majorityGrade: number | null;
  /**
   * The highest scale grade at or below the majority grade: at least half of the overall grades
   * are this grade or better. This is the grade a verbal label may name.
   */
  majorityLevel: number | null;
  gauge: MajorityGauge;
  /** Share of bootstrap resamples in which this bidder ranks first by majority judgment (ties share the resample). */
  majorityProbabilityFirst: number;
  /** Mean of the overall grades. */
  weightedMean: number | null;
  /** Percentile bootstrap interval of the weighted mean (resampling voters). */
  meanInterval: { low: number; high: number } | null;
  /** Share of bootstrap resamples in which this bidder has the highest weighted mean (not the primary method). */
  meanProbabilityFirst: number;
  trimmedMean: number | null;
  /** Overall grades left after trimming (overall grades minus twice the cut). */
  trimmedCount: number;
  /** Mean of the voters' z-scores for this bidder; null when no voter qualifies. */
  meanZ: number | null;
  /** Voters whose z-score for this bidder is included. */
  zVoters: number;
  /**
   * Borda share (see methodology): per voter who gave an overall grade to this bidder and at least
   * one other, the share of those other bidders graded lower (equal counts half); the mean over
   * those voters, from 0 to 1. Null when no voter qualifies.
   */
  borda: number | null;
  /** Voters whose Borda share is included. */
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
  /** preferred[i][j]: voters who gave both an overall grade and gave bidder i a higher one than j. */
  preferred: number[][];
  /** Bidders with at least one overall grade, in running order: only these take part in the comparison. */
  assessed: string[];
  /** The assessed bidder who beats every other assessed bidder in a head-to-head majority, or null. */
  condorcetWinner: string | null;
}

export interface NormalisationCounts {
  /** Voters whose z-scores are used. */
  votersIncluded: ChannelCounts;
  /** Voters left out because they gave an overall grade to fewer than two bidders. */
  votersTooFewBidders: ChannelCounts;
  /** Voters left out because they gave every bidder the same overall grade. */
  votersNoSpread: ChannelCounts;
}

export const VERDICT_CODES = ['clear-preference', 'no-clear-preference', 'too-few-voters', 'not-applicable'] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

export const VERDICT_REASONS = [
  'fewer-than-two-ranked',
  'too-few-voters',
  'majority-judgment-tie',
  'resampling-below-confidence',
  'mean-disagrees',
  'pairwise-disagrees',
  'resampled-ranking-disagrees',
] as const;
export type VerdictReason = (typeof VERDICT_REASONS)[number];

/** The leader against one other ranked bidder. */
export interface VerdictComparison {
  bidderId: string;
  /** Share of bootstrap resamples in which the leader ranks strictly above this bidder by majority judgment. */
  shareLeaderAhead: number;
  /** Voters who gave both an overall grade and preferred the leader, and this bidder. */
  pairwiseForLeader: number;
  pairwiseForOther: number;
}

export interface Verdict {
  code: VerdictCode;
  /** Every condition for a clear preference that does not hold (empty for a clear preference). */
  reasons: VerdictReason[];
  /** First of the primary (majority judgment) ranking; the first in running order when several share place 1. */
  leader: string | null;
  /** Other bidders sharing place 1 with the leader. */
  tiedWithLeader: string[];
  /** The share of resamples needed for a clear preference (the confidence level). */
  required: number;
  /** The fewest overall grades a ranked bidder may have for any preference claim. */
  minVoters: number;
  /** Ranked bidders with fewer overall grades than `minVoters`, in ranking order. */
  tooFewVoters: string[];
  /** The leader against every other ranked bidder, in ranking order. */
  comparisons: VerdictComparison[];
  /** Other bidders whose weighted mean is at least the leader's (the mean points elsewhere). */
  meanAhead: string[];
  /** Other bidders whom the leader does not beat head to head (as many or more voters prefer them). */
  pairwiseNotBeaten: string[];
  /** Other bidders with at least the leader's chance of ranking first by majority judgment in the resamples. */
  resampledAhead: string[];
}

export interface ResultsSection {
  /** Ballots counted in this section. */
  ballots: number;
  /** Voters with at least one counted ballot in this section, by channel. */
  voters: ChannelCounts;
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

/** A burst of ballots for one bidder. It holds no times: it is published in the anonymised record. */
export interface Burst {
  bidderId: string;
  ballots: number;
  /** Most ballots in one window, and how many the bidder's rate around that window predicts. */
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
  /** Voters who declared a tie with at least one bidder. */
  tiedVoters: number;
  /** Counted ballots of those voters (for other bidders): left out of `withoutTiedVoters`. */
  tiedVotersBallots: number;
}

export interface ResultsSettings {
  seed: string;
  /** Name of the random generator and of how the seed feeds it. */
  prng: string;
  bootstrapResamples: number;
  trimFraction: number;
  confidence: number;
  overallMinWeight: number;
  verdictMinVoters: number;
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
  /** Every counted ballot except the flagged ones (equal to `all` when nothing is flagged). Never the headline result. */
  withoutFlagged: ResultsSection;
  /**
   * Strict conflicts of interest: every counted ballot except all ballots of voters who declared a
   * tie with any bidder (equal to `all` when those voters have no counted ballot).
   */
  withoutTiedVoters: ResultsSection;
}
