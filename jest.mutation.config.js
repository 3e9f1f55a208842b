/**
 * Jest as Stryker runs it (stryker.config.mjs): once per mutant, so no global setup (no workflow bundle,
 * no Postgres start per run). Stryker narrows testMatch to the group's tests; the integration-tested
 * groups find their Postgres in TEST_DATABASE_ADMIN_URL, started once by scripts/mutation.ts.
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  roots: ['<rootDir>/test'],
  setupFiles: ['<rootDir>/test/setup/mutationPropertyRuns.js'],
  testTimeout: 120000,
};
