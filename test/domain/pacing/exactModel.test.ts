import fc from 'fast-check';
import {
  answerProbability,
  initialController,
  initialEstimates,
  marginalAbandonProbability,
  normalCdf,
  type PacingState,
  type PredictiveDiagnostics,
  predictiveModel,
} from '../../../domain/pacing';

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

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

describe('marginal abandon probability on given diagnostics', () => {
  test('no integration points: treated as certain abandonment', () => {
    expect(marginalAbandonProbability({ theta: 0.01, answerProbability: 0.3, free: [], competing: [], perNewCall: [] }, 1)).toBe(1);
  });

  test('exact: other new calls answered live first with certainty (r = 1) take representatives one by one', () => {
    const m: PredictiveDiagnostics = {
      theta: 0.01,
      answerProbability: 1,
      free: [{ mean: 2, variance: 0 }],
      competing: [{ mean: 0, variance: 0 }],
      perNewCall: [1],
      exactSlackCdf: [[0.1, 0.4, 1]],
    };
    // B = n − 1 surely: P(Y − X ≤ n − 1).
    expect(marginalAbandonProbability(m, 1)).toBeCloseTo(0.1, 12);
    expect(marginalAbandonProbability(m, 2)).toBeCloseTo(0.4, 12);
    expect(marginalAbandonProbability(m, 3)).toBeCloseTo(1, 12);
    expect(marginalAbandonProbability(m, 5)).toBeCloseTo(1, 12);
  });

  test('exact: binomial weights of the other new calls', () => {
    const m: PredictiveDiagnostics = {
      theta: 0.01,
      answerProbability: 0.5,
      free: [
        { mean: 3, variance: 0 },
        { mean: 3, variance: 0 },
      ],
      competing: [
        { mean: 0, variance: 0 },
        { mean: 0, variance: 0 },
      ],
      perNewCall: [0.2, 0.5],
      exactSlackCdf: [
        [0.05, 0.3, 0.6, 1],
        [0.1, 0.2, 0.7, 1],
      ],
    };
    for (let n = 1; n <= 7; n++) {
      let expected = 0;
      m.perNewCall.forEach((r, k) => {
        for (let j = 0; j <= n - 1; j++) expected += choose(n - 1, j) * r ** j * (1 - r) ** (n - 1 - j) * (m.exactSlackCdf![k]![j] ?? 1);
      });
      expect(marginalAbandonProbability(m, n)).toBeCloseTo(expected / 2, 12);
    }
  });

  test('normal: closed form with the variance floor', () => {
    const m: PredictiveDiagnostics = {
      theta: 0.01,
      answerProbability: 0.4,
      free: [
        { mean: 3.2, variance: 0.7 },
        { mean: 2.1, variance: 0.4 },
      ],
      competing: [
        { mean: 0.6, variance: 0.3 },
        { mean: 1.4, variance: 0.5 },
      ],
      perNewCall: [0.1, 0.3],
    };
    for (const n of [1, 2, 5])
      for (const floor of [0, 0.25, 2]) {
        const term = (k: number): number => {
          const r = m.perNewCall[k]!;
          const mean = m.free[k]!.mean - m.competing[k]!.mean - (n - 1) * r;
          const v = m.free[k]!.variance + m.competing[k]!.variance + (n - 1) * r * (1 - r) + floor;
          return normalCdf((0.5 - mean) / Math.sqrt(v));
        };
        expect(marginalAbandonProbability(m, n, floor)).toBeCloseTo((term(0) + term(1)) / 2, 12);
      }
    expect(marginalAbandonProbability(m, 3)).toBeCloseTo(marginalAbandonProbability(m, 3, 0.25), 15);
  });
});
