/**
 * What the pacing module promises the law: over a seeded one-hour shift, predictive pacing keeps the
 * worst rolling hour's abandonment at or under its target, and it never sits idle when representatives
 * are free and nothing rings. Tolerating 4x the threshold in the rolling-hour guard failed this file
 * (4.0% on "small sales", seed 1); the bench's averages hid it.
 */
import { summarise } from '../../../bench/pacing/metrics';
import { withDefaults } from '../../../domain/callModel/scenario';
import { simulateShift } from '../../../bench/pacing/simulation';
import { controllerForTarget, decide, initialEstimates, predictive, type PacingState } from '../../../domain/pacing';

const TARGET = 0.03;
const SCENARIOS = [
  { name: 'small sales', agents: 10, answerProbability: 0.2, talk: { mean: 180, cv: 1 }, wrapSeconds: 15, seeds: [1, 3] },
  { name: 'small team, high answer rate', agents: 5, answerProbability: 0.35, talk: { mean: 90, cv: 0.8 }, wrapSeconds: 5, seeds: [3, 4] },
];

describe.each(SCENARIOS)('predictive pacing over a one-hour shift: $name', (scenario) => {
  // Seeds where a guard loosened to 4x the threshold went over the target (3.3% to 4.8%).
  test.each(scenario.seeds)('seed %i: the worst rolling hour stays at or under the 3%% target, with agents kept busy', (seed) => {
    const run = { label: 'predictive', policy: { kind: 'predictive' as const }, abandonTarget: TARGET, decisionIntervalMs: 500 };
    const metrics = summarise(simulateShift(withDefaults(scenario), run, seed, 1));
    expect(metrics.worstHourAbandonRate).toBeLessThanOrEqual(TARGET);
    // Not bought by dialling nothing: a policy that never dials would pass the bound above.
    expect(metrics.occupancy).toBeGreaterThan(0.6);
  });
});

test('idle representatives with nothing ringing get a grant above 0 (cold start, clean history)', () => {
  for (const agents of [1, 5, 25]) {
    const state: PacingState = {
      nowMs: 0,
      agents: Array.from({ length: agents }, () => ({ state: 'available' as const, elapsedMs: 0 })),
      ringing: [],
      hardCap: 500,
      abandonTarget: TARGET,
      graceMs: 2000,
    };
    const grant = decide(predictive(), state, { estimates: initialEstimates(), controller: controllerForTarget(TARGET) });
    expect(grant).toBeGreaterThan(0);
    expect(grant).toBeLessThanOrEqual(state.hardCap);
  }
});
