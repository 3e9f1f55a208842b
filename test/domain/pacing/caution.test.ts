import {
  type AbandonController,
  answerProbability,
  cautiousParameters,
  controllerForTarget,
  type Estimates,
  guardFactor,
  initialController,
  initialEstimates,
  lognormalMean,
  meanWrapMs,
  observeLiveAnswer,
  observeOutcome,
  type PacingState,
  predictive,
  RECOMMENDED_SET_POINT_FACTOR,
  rollingAllowance,
  steadyAllowance,
  talkDistribution,
} from '../../../domain/pacing';

describe('cautious early estimates', () => {
  test('z = 0 gives the point estimates; z > 0 errs on the safe side, less so as outcomes accumulate', () => {
    const e0 = initialEstimates();
    const exact = cautiousParameters(e0, 0);
    expect(exact.answerProbability).toBe(answerProbability(e0));
    expect(exact.wrapMs).toBe(meanWrapMs(e0));
    const early = cautiousParameters(e0, 1);
    expect(early.answerProbability).toBeGreaterThan(answerProbability(e0));
    expect(lognormalMean(early.talk)).toBeGreaterThan(lognormalMean(talkDistribution(e0)));
    expect(early.wrapMs).toBeGreaterThan(meanWrapMs(e0));
    let e = e0;
    for (let i = 0; i < 2000; i++) {
      e = observeOutcome(
        e,
        i % 5 === 0 ? { kind: 'live', atMs: i * 500, ringMs: 8000 } : { kind: 'nonLive', atMs: i * 500, durationMs: 25_000 },
      );
      if (i % 10 === 0) e = observeOutcome(e, { kind: 'handled', atMs: i * 500, talkMs: 100_000 + (i % 7) * 20_000, wrapMs: 10_000 });
    }
    const late = cautiousParameters(e, 1);
    const lateGap = late.answerProbability - answerProbability(e);
    expect(lateGap).toBeGreaterThan(0);
    expect(lateGap).toBeLessThan(early.answerProbability - answerProbability(e0));
    expect(lognormalMean(late.talk) / lognormalMean(talkDistribution(e))).toBeLessThan(
      lognormalMean(early.talk) / lognormalMean(talkDistribution(e0)),
    );
  });
});

describe('rolling-hour guard factor', () => {
  const state: PacingState = {
    nowMs: 30 * 60_000,
    agents: Array.from({ length: 10 }, () => ({ state: 'busy' as const, elapsedMs: 60_000 })),
    ringing: [],
    hardCap: 100,
    abandonTarget: 0.03,
    graceMs: 2000,
  };
  test('is 1 with a clean history, in [0, 1], and 0 once the current hour is over budget', () => {
    const est = initialEstimates();
    let c = controllerForTarget(0.03);
    expect(c.setPoint).toBeCloseTo(0.03 * RECOMMENDED_SET_POINT_FACTOR, 12);
    expect(guardFactor(predictive(), state, est, c)).toBeCloseTo(1, 6);
    for (let i = 0; i < 60; i++) c = observeLiveAnswer(c, false, i * 20_000);
    const clean = guardFactor(predictive(), state, est, c);
    expect(clean).toBeGreaterThan(0.85); // fewer live answers than the capacity rate: slightly less budget
    expect(clean).toBeLessThanOrEqual(1);
    for (let i = 0; i < 8; i++) c = observeLiveAnswer(c, true, 25 * 60_000 + i * 1000);
    expect(guardFactor(predictive(), state, est, c)).toBe(0);
    expect(guardFactor(predictive({ guardPower: 0 }), state, est, c)).toBe(1);
  });
});

const cbase: PacingState = { nowMs: 0, agents: [], ringing: [], hardCap: 30, abandonTarget: 0.03, graceMs: 2000 };

/** Estimates with a given answer probability and the default durations. */
function withAnswer(p: number, weight = 10): Estimates {
  return { ...initialEstimates(), live: p * weight, notLive: (1 - p) * weight };
}

describe('cautious parameters', () => {
  test('follow their formulas: p + z·√((p(1 − p) + 1/n)/n), talk log-mean + z·σ/√w, wrap × (1 + z/√w)', () => {
    const e0 = initialEstimates();
    const est: Estimates = { ...e0, live: 3, notLive: 9, talk: { ...e0.talk }, wrapW: 4, wrapSum: 4 * 12_000 };
    for (const z of [0.5, 1, 2]) {
      const c = cautiousParameters(est, z);
      const p = 0.25;
      const n = 12;
      expect(c.answerProbability).toBeCloseTo(p + z * Math.sqrt((p * (1 - p) + 1 / n) / n), 12);
      const talk = talkDistribution(est);
      expect(c.talk.sigma).toBe(talk.sigma);
      expect(c.talk.mu).toBeCloseTo(talk.mu + (z * talk.sigma) / Math.sqrt(est.talk.w), 12);
      expect(c.wrapMs).toBeCloseTo(12_000 * (1 + z / 2), 9);
    }
    // Weights under one count as one.
    const light: Estimates = { ...est, talk: { w: 0.25, s1: 0.25 * 11, s2: 0.25 * 122 }, wrapW: 0.25, wrapSum: 0.25 * 12_000 };
    const c = cautiousParameters(light, 1);
    expect(c.talk.mu).toBeCloseTo(11 + 1, 9);
    expect(c.wrapMs).toBeCloseTo(12_000 * 2, 9);
  });

  test('never more than certain, and no outcomes at all keeps the (zero) answer probability', () => {
    expect(cautiousParameters(withAnswer(0.99, 3), 3).answerProbability).toBe(1);
    const none = { ...initialEstimates(), live: 0, notLive: 0 };
    expect(cautiousParameters(none, 2).answerProbability).toBe(0);
  });

  test('a negative or NaN z gives the point estimates (never the optimistic side)', () => {
    const est = initialEstimates();
    for (const z of [-1, Number.NaN]) {
      const c = cautiousParameters(est, z);
      expect(c.answerProbability).toBe(answerProbability(est));
      expect(c.talk).toEqual(talkDistribution(est));
      expect(c.wrapMs).toBe(meanWrapMs(est));
    }
  });
});

describe('rolling-hour guard factor formula', () => {
  const state: PacingState = {
    ...cbase,
    nowMs: 40 * 60_000,
    agents: Array.from({ length: 6 }, () => ({ state: 'busy' as const, elapsedMs: 30_000 })),
  };
  const est = initialEstimates();
  const rate = 6 / (lognormalMean(talkDistribution(est)) + meanWrapMs(est));

  function history(c0: AbandonController, bucketMs: number): AbandonController {
    let c = c0;
    for (let i = 0; i < 40; i++) c = observeLiveAnswer(c, i === 10, i * bucketMs * 0.5);
    return c;
  }

  test('(rolling allowance / steady allowance)^power over the controller’s own window, capped at 4', () => {
    const c = history(controllerForTarget(0.03), 60_000);
    for (const cfg of [predictive(), predictive({ guardZ: 2, guardPower: 3 }), predictive({ guardZ: 0.5, guardPower: 1 })]) {
      const z = cfg.guardZ ?? 1;
      const power = cfg.guardPower ?? 2;
      const allowance = rollingAllowance(c, state.nowMs, 0.03, rate, z);
      const steady = steadyAllowance(0.03, rate * 3_600_000, z);
      const expected = Math.min(4, Math.pow(allowance / steady, power));
      expect(expected).toBeLessThan(0.999);
      expect(expected).toBeGreaterThan(0.05);
      expect(guardFactor(cfg, state, est, c)).toBeCloseTo(expected, 12);
    }
  });

  test('a window of 120 half-minute buckets is still one hour', () => {
    const c0 = initialController(0.015, 0.004, 0.015, { bucketMs: 30_000, buckets: 120 });
    expect(guardFactor(predictive(), state, est, c0)).toBeCloseTo(1, 12);
    const c = history(c0, 30_000);
    const allowance = rollingAllowance(c, state.nowMs, 0.03, rate, 1);
    const steady = steadyAllowance(0.03, rate * 3_600_000, 1);
    expect(guardFactor(predictive(), state, est, c)).toBeCloseTo((allowance / steady) ** 2, 12);
  });

  test('is neutral for a controller stored before the rolling window existed (no history to guard)', () => {
    const { windowLive: _l, windowAbandoned: _a, newestBucket: _n, firstBucket: _f, bucketMs: _b, ...old } = initialController(0.015);
    expect(guardFactor(predictive(), state, est, old)).toBe(1);
    expect(guardFactor(predictive(), state, est, initialController(0.015))).toBeCloseTo(1, 12);
  });

  test('a power of 0 or below, or no target, disables it', () => {
    const c = history(controllerForTarget(0.03), 60_000);
    expect(guardFactor(predictive(), state, est, c)).toBeLessThan(0.99);
    expect(guardFactor(predictive({ guardPower: -1 }), state, est, c)).toBe(1);
    expect(guardFactor(predictive({ guardPower: 0 }), state, est, c)).toBe(1);
    expect(guardFactor(predictive(), { ...state, abandonTarget: 0 }, est, c)).toBe(1);
  });
});
