/**
 * Two projects: `unit` (pure modules, the simulator, schemas, benches' models, the layout) runs with
 * no global setup, so one pure file answers in seconds; `integration` (Postgres, the workflow bundle,
 * Temporal servers, HTTP) shares one embedded Postgres and one bundle per run (test/setup), with the
 * Temporal SDK logging at WARN.
 * `npx jest --selectProjects unit` runs the first alone.
 */
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };
const UNIT = [
  '<rootDir>/test/domain/',
  '<rootDir>/test/api/schemas/',
  '<rootDir>/test/simulator/',
  '<rootDir>/test/bench/',
  '<rootDir>/test/architecture/',
  '<rootDir>/test/temporal/',
];

module.exports = {
  testTimeout: 120000,
  // Three files at a time on two cores: the integration files mostly wait (rings, ticks, servers
  // starting), so with two workers the run kept 1.1 cores busy. Measured on this machine, whole suite:
  // 404 s with 2 workers, 351 s with 3 (README, Tests).
  maxWorkers: 3,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: UNIT.map((dir) => `${dir}**/*.test.ts`),
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: UNIT,
      setupFiles: ['<rootDir>/test/setup/temporalLogs.ts'],
      globalSetup: '<rootDir>/test/setup/globalSetup.ts',
      globalTeardown: '<rootDir>/test/setup/globalTeardown.ts',
    },
  ],
};
