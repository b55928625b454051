/**
 * One Jest run, three projects: `unit` (pure logic and services, next to the code), `e2e` (the
 * real app on a fresh sqlite file, driven over HTTP and socket.io) and `browser` (headless
 * Chromium against the built app). Type checking is done by `tsc`, so ts-jest only transpiles.
 */
const path = require('node:path');

const shared = {
  '^@buurtjury/shared$': path.join(__dirname, 'shared/src/index.ts'),
  // Generators and fixtures for tests only; not in the production barrel.
  '^@buurtjury/shared/testing$': path.join(__dirname, 'shared/src/testing/index.ts'),
};
const tsJest = (tsconfig) => ({ '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, tsconfig) }] });

module.exports = {
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
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.e2e.ts'],
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
