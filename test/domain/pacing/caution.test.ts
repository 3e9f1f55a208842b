import {
  answerProbability,
  cautiousParameters,
  controllerForTarget,
  guardFactor,
  initialEstimates,
  lognormalMean,
  meanWrapMs,
  observeLiveAnswer,
  observeOutcome,
  type PacingState,
  predictive,
  RECOMMENDED_SET_POINT_FACTOR,
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
