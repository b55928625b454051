/**
 * The live evening as the server tells it. The server is the authority on what is open and
 * closed; clients render these shapes and send commands.
 */

import type { JoinWatch } from './join-watch';
import type { Language, Scale } from '../domain/setup';
import type { EveningRules } from '../api/rest';

export const PITCH_STATUSES = ['waiting', 'presenting', 'done', 'skipped'] as const;
export type PitchStatus = (typeof PITCH_STATUSES)[number];

export const SCORING_STATUSES = ['not-opened', 'open', 'closed'] as const;
export type ScoringStatus = (typeof SCORING_STATUSES)[number];

export const EVENING_PHASES = ['before', 'live', 'ended'] as const;
export type EveningPhase = (typeof EVENING_PHASES)[number];

export const SCREEN_VIEWS = ['join', 'pitch', 'turnout', 'results', 'reveal'] as const;
export type ScreenView = (typeof SCREEN_VIEWS)[number];

export interface PitchState {
  bidderId: string;
  status: PitchStatus;
  /** ISO time the presentation started, or null. */
  startedAt: string | null;
  scoring: ScoringStatus;
  scoringOpenedAt: string | null;
  /** When scoring closes by itself (the host chose a number of minutes), or null. */
  scoringClosesAt: string | null;
  scoringClosedAt: string | null;
}

export interface LiveState {
  eveningId: string;
  phase: EveningPhase;
  currentBidderId: string | null;
  pitches: PitchState[];
  screen: { view: ScreenView; liveResults: boolean };
  /** How many places of the ranking have been revealed (0 = none), last place first. */
  revealed: number;
  /** The server's clock when this state was sent, so phones can correct their timers. */
  serverTime: string;
}

/** What phones and the screen need to know of the frozen setup. */
export interface Programme {
  eveningId: string;
  title: string;
  joinCode: string;
  language: Language;
  venue: string;
  tenderName: string;
  municipality: string;
  bidders: { id: string; position: number; name: string; pitchTitle: string; pitchSummary: string; pitchMinutes: number; qaMinutes: number }[];
  criteria: { id: string; position: number; name: string; explanation: string; weight: number; levelDescriptors: Record<string, string> }[];
  scale: Scale;
  fingerprint: string;
  rules: EveningRules;
}

export interface BallotSubmission {
  /** Generated on the phone (UUID); a resend with the same id is stored once. */
  ballotId: string;
  bidderId: string;
  /** Criterion id to grade value; at least one criterion. */
  grades: Record<string, number>;
  remark?: string;
}

export interface BallotReceipt {
  ballotId: string;
  bidderId: string;
  /** Short code the attendee can use to find their ballot in the published anonymised record. */
  receipt: string;
  acceptedAt: string;
}

/** One attendee's own view: their ties and their latest accepted ballot per pitch. */
export interface AttendeeSelf {
  firstName: string;
  /** When this voter joined; with the presence rule on, only pitches started later can be scored. */
  joinedAt: string | null;
  ties: string[];
  /** The counting ballots sent from this phone, with their contents. */
  ballots: (BallotReceipt & { grades: Record<string, number>; remark: string })[];
  /**
   * Bidder ids this voter scored on an earlier phone, before their ticket was released for this
   * one. Those ballots still count, but their contents and receipts stay on the earlier phone:
   * a released ticket never shows anyone how its voter voted. A new ballot replaces one.
   */
  scoredElsewhere: string[];
  /**
   * Bidder ids of the pitches this phone cannot score because it joined too late for them (the
   * presence rule: more than the grace after their start). Fixed once the phone has joined; it can
   * score from the pitch `scorableFrom` gives on.
   */
  missed: string[];
}

export interface PitchTally {
  bidderId: string;
  /** Attendees whose latest ballot for this pitch counts. */
  ballots: number;
  /** Ballots not counted because the attendee declared a tie with this bidder. */
  excludedForTies: number;
  /** Per criterion id: how many counted ballots graded it. */
  perCriterion: Record<string, number>;
  /** Counted phone ballots that grade less than half of the weight: they count per criterion, not in the overall grade. */
  criteriaOnly: number;
  tiesDeclared: number;
  /** Paper score cards that count (entered identically by two moderators). */
  paper: number;
  /** Connected phones that may score this pitch and are filling in its form (a grade tapped, not sent). */
  filling: number;
  /** Connected phones with a ballot for this pitch saved on the phone and not yet received. */
  waiting: number;
  /** Phones that were filling in this pitch's form or had a ballot waiting, and lost their connection. */
  disconnected: number;
  /** Ballots that arrived after scoring for this pitch closed: not counted (one per phone). */
  late: number;
  /**
   * Phones that may score this pitch: joined, not tied to the bidder, and present by the presence
   * rule (joined no later than the grace after its start). The y of "x of y phones have scored".
   */
  eligible: number;
}

export interface LiveResult {
  bidderId: string;
  /** Counted ballots: phones' latest untied ballots plus agreed paper cards. */
  ballots: number;
  /** Counted ballots that give an overall grade (graded criteria weigh at least half). */
  overallGrades: number;
  /** Lower median of the overall grades, as in the advice; null without overall grades. */
  majorityGrade: number | null;
  /** The highest scale grade at or below the majority grade (at least half gave at least this). */
  majorityLevel: number | null;
  /** Place by majority judgment, the advice's primary ranking; shared places for ties; null without overall grades. */
  place: number | null;
  /** Shares its place with another bidder. */
  tied: boolean;
  /** Mean of the overall grades (not used for the ranking). */
  weightedMean: number | null;
}

/** How joining goes, for the host: phones that joined and did not connect (yet), and what the flood guard did. */
export interface JoinStats {
  /** Phones that joined and have not connected yet. */
  waiting: number;
  /** How many may wait at once: the larger of JOIN_CEILING_MIN and the phones that did connect. */
  ceiling: number;
  /** Joins refused because `ceiling` phones were waiting. */
  refused: number;
  /** Phones that waited over a minute without connecting, dropped to make room. */
  dropped: number;
}

export interface Tally {
  eveningId: string;
  attendeesJoined: number;
  attendeesConnected: number;
  /** Present only for the host. */
  joins?: JoinStats;
  pitches: PitchTally[];
  /** Present only for the host, and for the screen when live results are on. */
  results?: LiveResult[];
  /** Present only for the host: how phones joined, per minute and per address, with warnings. */
  joinWatch?: JoinWatch;
  /**
   * Present only for the host: the phones that joined in the last `RECENT_JOINS_MS`, counted per
   * second (`at`: the start of that second, ISO; oldest first; at most one entry per second, so
   * bounded in a flood), so the console can warn at Start that people are still coming in.
   */
  recentJoins?: { at: string; count: number }[];
  /** Highest ballot serial included, for measuring staleness. */
  lastSerial: number;
}

/** How far back the host's tally lists joins (`Tally.recentJoins`); the console warns about the last minute of them. */
export const RECENT_JOINS_MS = 2 * 60_000;

/** The ranking revealed so far, last place first: the advice's primary ranking (majority judgment). */
export interface Reveal {
  /** Places to reveal in all: the ranked bidders. */
  total: number;
  places: { place: number; bidderId: string; majorityGrade: number | null; majorityLevel: number | null; tied: boolean; overallGrades: number }[];
}

/**
 * Closing scoring can be announced: phones and the big screen count down `countdownSeconds`
 * (`scoringClosesAt` in the state), then the server closes it. 0 or absent closes at once.
 */
export type HostCommand =
  | { type: 'start-pitch'; bidderId: string; closeOpenScoring?: boolean; countdownSeconds?: number }
  | { type: 'open-scoring'; bidderId: string; autoCloseMinutes?: number | null }
  | { type: 'close-scoring'; bidderId: string; countdownSeconds?: number }
  | { type: 'reopen-scoring'; bidderId: string; reason: string }
  | { type: 'skip-pitch'; bidderId: string }
  | { type: 'next-pitch'; closeOpenScoring?: boolean; countdownSeconds?: number }
  | { type: 'set-screen'; view: ScreenView }
  | { type: 'set-live-results'; on: boolean }
  | { type: 'reveal-next' }
  | { type: 'end-evening' };
export type HostCommandType = HostCommand['type'];
/** One kind of host command, e.g. `HostCommandOf<'start-pitch'>`. */
export type HostCommandOf<T extends HostCommandType> = Extract<HostCommand, { type: T }>;
export const HOST_COMMAND_TYPES: readonly HostCommandType[] = [
  'start-pitch',
  'open-scoring',
  'close-scoring',
  'reopen-scoring',
  'skip-pitch',
  'next-pitch',
  'set-screen',
  'set-live-results',
  'reveal-next',
  'end-evening',
];

export interface HostCommandResult {
  state: LiveState;
  /** For close-scoring that closed at once: the number of counted ballots for that pitch once every ballot received before the close is stored. */
  ballotsCounted?: number;
}

/** The countdowns a host can choose when closing scoring, in seconds (0: at once). */
export const CLOSE_COUNTDOWN_CHOICES = [0, 15, 30, 60] as const;
/** The console's choice until the host picks another. */
export const DEFAULT_CLOSE_COUNTDOWN = 30;
/** The longest countdown a command may ask for. */
export const CLOSE_COUNTDOWN_MAX = 300;

/**
 * What a phone tells the server about its ballot for one pitch (`ballot:progress`): its owner is
 * filling in the form (`filling`), a ballot is saved on the phone and not yet received
 * (`waiting`), or neither (`idle`: sent, or the change was cancelled). So the host sees, before
 * closing, who is still busy and who lost their connection while busy.
 */
export const BALLOT_PROGRESS_STATES = ['filling', 'waiting', 'idle'] as const;
export type BallotProgressState = (typeof BALLOT_PROGRESS_STATES)[number];
export interface BallotProgress {
  bidderId: string;
  state: BallotProgressState;
}
