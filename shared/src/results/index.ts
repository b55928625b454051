export * from './types';
export { ResultsInputError, RESULTS_INPUT_PROBLEMS, DEFAULT_SEED, DEFAULT_RESAMPLES, DEFAULT_TRIM_FRACTION, DEFAULT_CONFIDENCE, DEFAULT_INTEGRITY, DEFAULT_VERDICT_MIN_VOTERS } from './prepare';
export type { ResultsInputProblem } from './prepare';
export { RESULT_DECIMALS, EQUAL_TOLERANCE } from './numbers';
export { PRNG_NAME, seededRandom } from './prng';
export { majorityValue, compareMajorityValues, compareProfiles, profileOf, majorityOrder, type Profile } from './majority-judgment';
export { majorityRanking, majorityLevel } from './section';
export { computeResults, resultsJson, resultsFingerprint, sealBurstCheck, RESULTS_FORMAT_VERSION } from './report';
export { liveResults, rankResults, rankedCount, revealPlaces } from './live';
