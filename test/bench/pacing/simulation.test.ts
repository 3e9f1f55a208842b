import { summarise } from '../../../bench/pacing/metrics';
import { withDefaults } from '../../../domain/callModel';
import { simulateShift } from '../../../bench/pacing/simulation';

describe('bench/pacing smoke run', () => {
  test('predictive keeps agents busier than progressive in the same run (1 seed, 1 hour, small sales)', () => {
    const s = withDefaults({ name: 'small sales', agents: 10, answerProbability: 0.2, talk: { mean: 180, cv: 1 }, wrapSeconds: 15 });
    const prog = summarise(
      simulateShift(s, { label: 'progressive', policy: { kind: 'progressive', callsPerRep: 1 }, abandonTarget: 0.03 }, 1, 1),
    );
    const pred = summarise(
      simulateShift(s, { label: 'predictive', policy: { kind: 'predictive' }, abandonTarget: 0.03, decisionIntervalMs: 500 }, 1, 1),
    );
    expect(pred.occupancy).toBeGreaterThan(prog.occupancy);
    expect(prog.abandonRate).toBe(0);
    expect(pred.occupancy).toBeLessThanOrEqual(1);
  });

  test('the simulation is reproducible for a seed', () => {
    const s = withDefaults({ name: 'x', agents: 5, answerProbability: 0.3, talk: { mean: 60, cv: 1 }, wrapSeconds: 5 });
    const run = { label: 'p', policy: { kind: 'predictive' as const }, abandonTarget: 0.03 };
    expect(summarise(simulateShift(s, run, 3, 0.5))).toEqual(summarise(simulateShift(s, run, 3, 0.5)));
  });
});

describe('the live engine’s view in the pure bench (answers reported at connect, handle time only as an average)', () => {
  // The "collections" scenario of bench/pacing/scenarios.json, one hour, two seeds.
  const s = withDefaults({ name: 'collections', agents: 25, answerProbability: 0.3, talk: { mean: 120, cv: 1 }, wrapSeconds: 20 });
  const base = { policy: { kind: 'predictive' as const }, abandonTarget: 0.03, decisionIntervalMs: 500 };
  const abandonRate = (run: Parameters<typeof simulateShift>[1]) =>
    [1, 2].map((seed) => summarise(simulateShift(s, run, seed, 1)).abandonRate).reduce((a, b) => a + b) / 2;

  test('learnt with the prior spread it stays under the target; learnt as exact observations it overshot (what paused the live shift)', () => {
    const sees = abandonRate({ ...base, label: 'sees', answersReportedAtConnect: true, handleTimeFromAverage: 'withPriorSpread' });
    const sawBefore = abandonRate({
      ...base,
      label: 'saw',
      answersReportedAtConnect: true,
      policyKnowsAnswersHidden: false,
      handleTimeFromAverage: 'asObservations',
    });
    expect(sees).toBeLessThanOrEqual(0.03);
    expect(sawBefore).toBeGreaterThan(0.03);
  });
});
