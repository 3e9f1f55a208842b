import {
  answerProbability,
  initialController,
  initialEstimates,
  liveRingDistribution,
  lognormalMean,
  meanWrapMs,
  nonLiveSurvival,
  observeLiveAnswer,
  observeOutcome,
  talkDistribution,
} from '../../../domain/pacing';
import { lognormal, mulberry32 } from '../../../domain/callModel';

describe('online estimator', () => {
  test('converges to the answer probability, talk, ring and wrap times of synthetic outcomes', () => {
    const rng = mulberry32(7);
    let e = initialEstimates();
    let t = 0;
    for (let i = 0; i < 20_000; i++) {
      t += 200;
      if (rng() < 0.3) e = observeOutcome(e, { kind: 'live', atMs: t, ringMs: lognormal(rng, 8000, 0.5) });
      else e = observeOutcome(e, { kind: 'nonLive', atMs: t, durationMs: 25_000 });
      if (i % 5 === 0) e = observeOutcome(e, { kind: 'handled', atMs: t, talkMs: lognormal(rng, 180_000, 1), wrapMs: 15_000 });
    }
    expect(answerProbability(e)).toBeCloseTo(0.3, 1);
    expect(lognormalMean(talkDistribution(e)) / 180_000).toBeGreaterThan(0.85);
    expect(lognormalMean(talkDistribution(e)) / 180_000).toBeLessThan(1.15);
    expect(lognormalMean(liveRingDistribution(e)) / 8000).toBeGreaterThan(0.93);
    expect(lognormalMean(liveRingDistribution(e)) / 8000).toBeLessThan(1.07);
    expect(meanWrapMs(e)).toBeCloseTo(15_000, -2);
    const s = nonLiveSurvival(e);
    expect(s(20_000)).toBeGreaterThan(0.95);
    expect(s(26_000)).toBeLessThan(0.05);
  });

  test('forgets: follows a change of answer probability', () => {
    let e = initialEstimates();
    let t = 0;
    for (let i = 0; i < 5000; i++)
      e = observeOutcome(e, {
        kind: i % 2 === 0 ? 'live' : 'nonLive',
        atMs: (t += 1000),
        ...(i % 2 === 0 ? { ringMs: 8000 } : { durationMs: 25_000 }),
      } as never);
    expect(answerProbability(e)).toBeCloseTo(0.5, 1);
    for (let i = 0; i < 10_000; i++)
      e = observeOutcome(
        e,
        i % 10 === 0 ? { kind: 'live', atMs: (t += 1000), ringMs: 8000 } : { kind: 'nonLive', atMs: (t += 1000), durationMs: 25_000 },
      );
    expect(answerProbability(e)).toBeCloseTo(0.1, 1);
  });

  test('is an immutable, JSON-serialisable value', () => {
    const e0 = initialEstimates();
    const snapshot = JSON.stringify(e0);
    const e1 = observeOutcome(e0, { kind: 'live', atMs: 1000, ringMs: 7000 });
    expect(JSON.stringify(e0)).toBe(snapshot);
    expect(JSON.parse(JSON.stringify(e1))).toEqual(e1);
  });

  test('the abandon controller lowers its threshold on abandons and raises it on connects', () => {
    const c0 = initialController(0.02);
    const down = observeLiveAnswer(c0, true);
    const up = observeLiveAnswer(c0, false);
    expect(down.logTheta).toBeLessThan(c0.logTheta);
    expect(up.logTheta).toBeGreaterThan(c0.logTheta);
    // At the set point the expected step is zero.
    expect(0.98 * (up.logTheta - c0.logTheta) + 0.02 * (down.logTheta - c0.logTheta)).toBeCloseTo(0, 10);
  });
});
