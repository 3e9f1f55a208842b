import fc from 'fast-check';
import {
  answerProbability,
  initialController,
  initialEstimates,
  marginalAbandonProbability,
  type PacingState,
  predictiveModel,
} from '../../../domain/pacing';

const base: PacingState = { nowMs: 0, agents: [], ringing: [], hardCap: 100, abandonTarget: 0.03, graceMs: 2000 };

describe('exact (Poisson-binomial) predictive model', () => {
  test('with only idle representatives and nothing ringing, the n-th new call is abandoned iff ≥ N of the other n − 1 answer first', () => {
    const est = initialEstimates();
    const ctrl = initialController(0.03);
    const state: PacingState = {
      ...base,
      agents: [
        { state: 'available', elapsedMs: 0 },
        { state: 'available', elapsedMs: 0 },
      ],
    };
    const m = predictiveModel(state, est, ctrl, 50);
    expect(m.exactSlackCdf).toBeDefined();
    const p = answerProbability(est);
    const K = m.perNewCall.length;
    // n = 3: both other new calls must be live and answer before this one: r_k².
    const expected3 = m.perNewCall.reduce((a, r) => a + r * r, 0) / K;
    expect(marginalAbandonProbability(m, 3)).toBeCloseTo(expected3, 10);
    expect(marginalAbandonProbability(m, 1)).toBe(0);
    expect(marginalAbandonProbability(m, 2)).toBe(0);
    expect(p).toBeGreaterThan(0);
  });

  test('agrees with the normal approximation on a mid-sized team (within a few points)', () => {
    const est = initialEstimates();
    const ctrl = initialController(0.03);
    const agents = Array.from({ length: 40 }, (_, i) => ({
      state: i < 4 ? ('available' as const) : ('busy' as const),
      elapsedMs: i * 7_000,
    }));
    const ringing = Array.from({ length: 60 }, (_, i) => ({ elapsedMs: (i * 400) % 20_000 }));
    const s: PacingState = { ...base, agents, ringing };
    const exact = predictiveModel(s, est, ctrl, 50);
    const approx = predictiveModel(s, est, ctrl, 0);
    expect(approx.exactSlackCdf).toBeUndefined();
    for (const n of [1, 5, 10, 20])
      expect(Math.abs(marginalAbandonProbability(exact, n) - marginalAbandonProbability(approx, n))).toBeLessThan(0.06);
  });

  test('marginal abandon probability is in [0, 1] and non-decreasing in n', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            state: fc.constantFrom('available' as const, 'busy' as const, 'wrap' as const),
            elapsedMs: fc.integer({ min: 0, max: 600_000 }),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.array(fc.record({ elapsedMs: fc.integer({ min: 0, max: 40_000 }) }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 3 }),
        (agents, ringing, waitingLive) => {
          const m = predictiveModel({ ...base, agents, ringing, waitingLive }, initialEstimates(), initialController(0.03), 50);
          let prev = 0;
          for (let n = 1; n <= 30; n++) {
            const v = marginalAbandonProbability(m, n);
            expect(v).toBeGreaterThanOrEqual(prev - 1e-12);
            expect(v).toBeLessThanOrEqual(1 + 1e-12);
            prev = v;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
