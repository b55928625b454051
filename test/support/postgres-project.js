// setupFiles of the `e2e-postgres` Jest project: the apps these suites start use PostgreSQL (test/support/databases.ts).
process.env.TEST_DATABASE = 'postgres';
