/**
 * One Jest run, four projects: `unit` (pure logic and services, next to the code), `frontend-unit`
 * (the frontend's state modules, Svelte 5 runes compiled as for the browser), `e2e` (the real app
 * on a fresh sqlite file, driven over HTTP and socket.io) and `browser` (headless Chromium
 * against the built app). Type checking is done by `tsc`, so ts-jest only transpiles.
 */
const os = require('node:os');
const path = require('node:path');

const shared = {
  '^@buurtjury/shared$': path.join(__dirname, 'shared/src/index.ts'),
  // Generators and fixtures for tests only; not in the production barrel.
  '^@buurtjury/shared/testing$': path.join(__dirname, 'shared/src/testing/index.ts'),
};
const svelteModules = path.join(__dirname, 'test/support/svelte-module-transform.js');
/** The e2e suites the `e2e-postgres` project runs again on PostgreSQL (chosen for what they store; CI time measured in docs/performance.md). */
const POSTGRES_SUITES = ['live', 'close', 'latecomers', 'results', 'seal', 'setup', 'accounts', 'concurrency', 'integrity', 'questions'];
const tsJest = (tsconfig) => ({ '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, tsconfig) }] });

module.exports = {
  // Two suites at a time at least: Jest's default (one fewer than the cores) runs them one by one on
  // the two-core CI machine, where most suites wait on sockets, sqlite, PostgreSQL or Chromium. Two
  // workers took the whole run from 1,408 s to 830 and 837 s there, every test passing
  // (docs/performance.md, "The test run on two cores").
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  // Per test; a project-level testTimeout is ignored by Jest, so it is set once here (browser steps need it).
  testTimeout: 30_000,
  reporters: ['default', path.join(__dirname, 'scripts/jest-summary-reporter.js')],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/shared/src', '<rootDir>/backend/src'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper: shared,
      transform: tsJest('backend/tsconfig.json'),
    },
    {
      displayName: 'frontend-unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/frontend'],
      testMatch: ['**/*.spec.ts'],
      moduleNameMapper: shared,
      // Svelte and the browser builds it imports are ES modules: transformed to CommonJS like the sources.
      transform: { '\\.(ts|js|mjs)$': svelteModules },
      transformIgnorePatterns: ['/node_modules/(?!(svelte|esm-env|clsx|socket\\.io-client|engine\\.io-client|socket\\.io-parser|engine\\.io-parser|@socket\\.io)/)'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.ts'],
      // Fails a suite that sent PostgreSQL queries in parallel on one client (node-postgres deprecates it).
      setupFilesAfterEnv: ['<rootDir>/test/support/postgres-parallel-queries.js'],
      moduleNameMapper: shared,
      transform: tsJest('test/tsconfig.json'),
    },
    {
      // The e2e suites that store and read most of the data, again on PostgreSQL (DATABASE_URL): each app
      // gets a fresh database of its own (test/support/databases.ts). The rest run on sqlite only.
      displayName: 'e2e-postgres',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: POSTGRES_SUITES.map((name) => `**/${name}.e2e.ts`),
      setupFiles: ['<rootDir>/test/support/postgres-project.js'],
      setupFilesAfterEnv: ['<rootDir>/test/support/postgres-parallel-queries.js'],
      moduleNameMapper: shared,
      transform: tsJest('test/tsconfig.json'),
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.browser.ts'],
      moduleNameMapper: shared,
      transform: tsJest('test/tsconfig.json'),
    },
  ],
};
