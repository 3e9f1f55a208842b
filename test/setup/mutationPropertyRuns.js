/**
 * Jest setup for mutation runs only (jest.mutation.config.js): every fast-check property runs at most
 * MUTATION_PROPERTY_RUNS cases (default 10) from a fixed seed, so one mutant costs seconds instead of the
 * minute the brute-force oracles take at full size, and a kill does not depend on a random seed.
 * Fewer cases can only kill fewer mutants: the scores are a lower bound of what `npm test` defends.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- patched in place: the module the tests import
const fc = require('fast-check');

const cap = Number(process.env.MUTATION_PROPERTY_RUNS ?? 10);
const original = fc.assert;
const capped = (property, params = {}) =>
  original(property, { ...params, numRuns: Math.min(params.numRuns ?? 100, cap), seed: params.seed ?? 20260601 });
fc.assert = capped;
if (fc.default && fc.default !== fc) fc.default.assert = capped;
