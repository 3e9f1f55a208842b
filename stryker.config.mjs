// @ts-check
/**
 * Mutation testing (issue 13) of the rules whose bugs break the law or the customer's trust, one group of
 * modules at a time (stryker.groups.json): MUTATION_GROUP names it; `npm run test:mutation` runs them all
 * in turn (scripts/mutation.ts). Each group keeps its own incremental file under
 * reports/mutation/incremental/ (committed), so a re-run only tests the mutants whose code or tests changed.
 * Groups marked `postgres` run only the test files that cover them against a real Postgres
 * (TEST_DATABASE_ADMIN_URL, started once by the script), one mutant at a time.
 */
import { readFileSync } from 'node:fs';

/** @type {Record<string, { mutate: string[]; tests: string[]; postgres?: boolean; concurrency?: number }>} */
const GROUPS = JSON.parse(readFileSync(new URL('./stryker.groups.json', import.meta.url), 'utf8'));
const name = process.env.MUTATION_GROUP ?? '';
const group = GROUPS[name];
if (!group) throw new Error(`MUTATION_GROUP must be one of ${Object.keys(GROUPS).join(', ')} (got "${name}")`);
// MUTATION_TESTS (comma-separated globs) narrows the group's tests for one run, e.g. to leave out a slow
// end-to-end bound when only a few modules are being worked on; the scores are then a lower bound.
const tests = process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',') : group.tests;
const checked = JSON.parse(readFileSync(new URL('./tsconfig.mutation.json', import.meta.url), 'utf8')).include;
const unchecked = group.mutate.filter((file) => !file.startsWith('!') && !checked.includes(file));
if (unchecked.length) throw new Error(`add ${unchecked.join(', ')} to tsconfig.mutation.json's include`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: group.mutate,
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.mutation.config.js',
    config: { testMatch: tests.map((glob) => `<rootDir>/${glob}`) },
    enableFindRelatedTests: false,
  },
  // MUTATION_TYPECHECK=off skips the checker (mutants that do not compile then run, and tests judge them):
  // on the shared two-core machine it took four times the test runner's time per mutant.
  checkers: process.env.MUTATION_TYPECHECK === 'off' ? [] : ['typescript'],
  // The checker compiles only the mutated modules and what they import (tsconfig.mutation.json): with
  // the whole project, tests and benches included, it took most of each mutant's time.
  tsconfigFile: 'tsconfig.mutation.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `reports/mutation/incremental/${name}.json`,
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  // Two shared cores: one checker and one test runner, or a single runner for the Postgres groups.
  concurrency: group.concurrency ?? 2,
  // Static mutants (module-level constants) re-run every test of the group each; their behaviour is
  // covered where it is used.
  ignoreStatic: true,
  ignorePatterns: ['console', 'data', 'deploy', 'reports', 'coverage', 'dist'],
  tempDirName: '.stryker-tmp',
  // Stryker adds this to 1.5x the covering tests' own time (measured in its dry run on the same
  // machine). The Postgres groups get more: their test file creates and migrates a database and
  // starts a simulator per run, and a slow run must not count as a kill (Timeout); but each mutant
  // that hangs (a poll that never ends, a lock never released) costs the whole budget.
  timeoutMS: group.postgres ? 15000 : 10000,
};
