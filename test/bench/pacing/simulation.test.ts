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
