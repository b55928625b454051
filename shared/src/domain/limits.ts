/** Length and range limits, shared so forms and validation agree. */
export const LIMITS = {
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  nameMax: 120,
  titleMax: 200,
  textMax: 4000,
  shortTextMax: 300,
  pitchMinutesMax: 120,
  qaMinutesMax: 120,
  /** Minutes after a pitch's start within which a latecomer may still join and score it (the presence rule). */
  presenceGraceMax: 30,
  biddersMax: 30,
  criteriaMax: 12,
  scaleLevelsMin: 2,
  scaleLevelsMax: 10,
  seedMax: 100,
  /** The tender's own award criteria recorded in the setup. */
  awardCriteriaMax: 12,
  /** Contributions to a committed lot draw. */
  drawContributionsMax: 30,
  /** Tickets per evening: a neighbourhood centre, not a stadium. */
  ticketsMax: 2000,
  /** Paper score cards per pitch. */
  paperCardsMax: 500,
  /**
   * Paper score cards in one print, all pitches together (two per A4 page). A larger print could
   * not be rendered within the server's default render budgets (docs/performance.md).
   */
  paperCardsPrintMax: 1000,
} as const;
