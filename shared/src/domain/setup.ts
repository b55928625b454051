/**
 * The setup of a pitch evening: the tender it advises on, the bidders in their running order,
 * the criteria with their weights, and the one grading scale all criteria share.
 * These are the shapes both the backend and the frontend work with; the backend maps its
 * database entities to them and never sends an entity itself.
 */

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SCALE_KINDS = ['verbal', 'numeric'] as const;
export type ScaleKind = (typeof SCALE_KINDS)[number];

/** One grade of the scale. `value` orders the grades: a higher value is a better grade. */
export interface ScaleLevel {
  value: number;
  label: string;
  /** What earns this grade, for every criterion unless the criterion refines it. */
  description: string;
}

export interface Scale {
  kind: ScaleKind;
  /** Ordered from the best grade to the worst. */
  levels: ScaleLevel[];
}

export interface Tender {
  municipality: string;
  name: string;
  reference: string;
  /** What is being procured, in a sentence or two. */
  subject: string;
  /** The advisory committee the advice goes to. */
  committee: string;
  /** Deadline for the advice, `YYYY-MM-DD`, or empty when not known yet. */
  adviceDeadline: string;
}

export interface Bidder {
  id: string;
  /** 1-based place in the running order. */
  position: number;
  name: string;
  contactPerson: string;
  pitchTitle: string;
  pitchSummary: string;
  pitchMinutes: number;
  qaMinutes: number;
}

export interface Criterion {
  id: string;
  position: number;
  name: string;
  explanation: string;
  /** Whole percent; all weights of an evening add up to 100. */
  weight: number;
  /**
   * The formal award criterion of the tender this criterion maps to, or empty (outside the award
   * criteria). When the setup records the tender's award criteria this is one of their names.
   */
  awardCriterion: string;
  /**
   * What a grade means for this criterion specifically, keyed by the scale level's value
   * (as a string). A level without an entry uses the scale's own description.
   */
  levelDescriptors: Record<string, string>;
}

/** Whether the tender documents announced the resident evening: yes, no, or not known (not recorded). */
export const EVENING_ANNOUNCED = ['yes', 'no', 'unknown'] as const;
export type EveningAnnounced = (typeof EVENING_ANNOUNCED)[number];

/** One of the tender's own award criteria, as published in the tender documents. */
export interface AwardCriterion {
  /** As published, for example "B. Plan van aanpak"; the residents' criteria map to it by this name. */
  name: string;
  /** The published weight in percent (0–100, at most two decimals); price criteria included. */
  weight: number;
  description: string;
}

/**
 * The tender's award frame: its own award criteria with their published weights, where they were
 * published, and whether (and where) the tender documents announced the resident evening. Recorded
 * in the setup and frozen with it. Empty (no criteria, nothing published, announcement unknown) for
 * evenings set up before it existed.
 */
export interface AwardFrame {
  /** In the published order. */
  criteria: AwardCriterion[];
  /** Where the award criteria were published (document, paragraph, TenderNed reference…). */
  publishedIn: string;
  eveningAnnounced: EveningAnnounced;
  /** Where the tender documents announced the evening, when they did. */
  announcedWhere: string;
}

export const EMPTY_AWARD_FRAME: AwardFrame = { criteria: [], publishedIn: '', eveningAnnounced: 'unknown', announcedWhere: '' };

/** True when nothing of the award frame was recorded (then the setup's canonical text leaves it out). */
export function isEmptyAwardFrame(award: AwardFrame): boolean {
  return award.criteria.length === 0 && award.publishedIn === '' && award.eveningAnnounced === 'unknown' && award.announcedWhere === '';
}

export const ORDER_METHODS = ['manual', 'lot'] as const;
export type OrderMethod = (typeof ORDER_METHODS)[number];

/** A contribution to a committed draw (by a bidder, or entered for one by the host). */
export interface DrawContribution {
  text: string;
  /** Who contributed it, as given (for example the bidder's name). */
  by: string;
  addedAt: string;
  /** The account that entered it (the bidder's name when the bidder added it on its own page). */
  enteredBy: string;
  /** Set when the bidder added it on its own page (one per bidder and commitment). */
  bidderId?: string;
}

/** A seed committed to (by its SHA-256) before the draw, with the contributions added since. */
export interface DrawCommitment {
  scheme: string;
  /** SHA-256 (hex) of the seed the host will reveal. */
  hash: string;
  committedAt: string;
  committedBy: string;
  contributions: DrawContribution[];
}

/** A logged draw by lot of the running order. Anyone can reproduce it from the seed. */
export interface LotDraw {
  id: string;
  /** 1 for the evening's first draw, then 2, 3, ...; the highest is the one that counts. */
  sequence: number;
  seed: string;
  algorithm: string;
  /** Bidder names in the order they were fed into the draw (the order does not affect the outcome). */
  input: string[];
  /** Bidder names in the drawn running order. */
  result: string[];
  drawnAt: string;
  drawnBy: string;
  /**
   * For a committed draw: the commitment and contributions, and the seed revealed (its SHA-256 is
   * the commitment; `seed` is `combinedDrawSeed(revealedSeed, contributions)`). Null for a draw
   * with a seed the host chose at the moment.
   */
  commitReveal: (DrawCommitment & { revealedSeed: string }) | null;
}
