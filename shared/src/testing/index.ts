/**
 * Generators and fixtures for tests and benchmarks: a seeded sample evening, the worked example of
 * docs/methodology.md and simulated honest evenings. Not part of the production barrel
 * (`src/index.ts`); import it as `@buurtjury/shared/testing`.
 */
export * from './sample';
export * from './worked-example';
export * from './honest-evening';
export * from './live-programme';
