import {
  controllerForTarget,
  controllerTheta,
  effectiveSetPoint,
  initialController,
  observeLiveAnswer,
  rollingAllowance,
  rollingCounts,
  steadyAllowance,
} from '../../../domain/pacing';

const MIN = 60_000;

describe('rolling-hour abandon window', () => {
  test('counts the last hour only, in a fixed-size ring, as plain JSON', () => {
    let c = initialController(0.02);
    for (let i = 0; i < 600; i++) c = observeLiveAnswer(c, i % 50 === 0, i * 12_000); // 2 h, one answer per 12 s
    expect(c.windowLive).toHaveLength(60);
    expect(c.windowAbandoned).toHaveLength(60);
    const r = rollingCounts(c, 600 * 12_000);
    expect(r.live).toBeGreaterThanOrEqual(290);
    expect(r.live).toBeLessThanOrEqual(300);
    expect(r.abandoned).toBe(5); // abandons at minutes 70, 80, ..., 110 (minute 60 is just outside)
    // Two hours later, with nothing observed, the window is empty.
    expect(rollingCounts(c, 600 * 12_000 + 120 * MIN)).toEqual({ live: 0, abandoned: 0 });
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  test('an old controller without a window still works (the window starts with the next timed answer)', () => {
    const { windowLive: _l, windowAbandoned: _a, newestBucket: _n, firstBucket: _f, bucketMs: _b, ...old } = initialController(0.02);
    const c = observeLiveAnswer(old, true, 5 * MIN);
    expect(rollingCounts(c, 5 * MIN)).toEqual({ live: 1, abandoned: 1 });
    expect(observeLiveAnswer(old, false).windowLive).toBeUndefined();
  });

  test('allowance: steady with no history or after a clean stretch, 0 when an hour is already over budget, lower after recent abandons', () => {
    const rate = 150 / (60 * MIN); // 150 live answers an hour
    const c0 = initialController(0.02);
    expect(rollingAllowance(c0, 0, 0.03, rate)).toBeCloseTo(steadyAllowance(0.03, 150), 10);
    expect(steadyAllowance(0.03, 150)).toBeLessThan(0.03);
    let bad = c0;
    for (let i = 0; i < 100; i++) bad = observeLiveAnswer(bad, i < 10, 30 * MIN + i * 1000);
    expect(rollingAllowance(bad, 32 * MIN, 0.03, rate)).toBe(0);
    let clean = c0;
    for (let i = 0; i < 150; i++) clean = observeLiveAnswer(clean, false, i * 24_000);
    expect(rollingAllowance(clean, 60 * MIN, 0.03, rate)).toBeCloseTo(steadyAllowance(0.03, 150), 3); // the all-future window binds
    // A few abandons a few minutes ago lower it below the steady value.
    let some = clean;
    for (let i = 0; i < 3; i++) some = observeLiveAnswer(some, true, 58 * MIN + i * 1000);
    expect(rollingAllowance(some, 60 * MIN, 0.03, rate)).toBeLessThan(steadyAllowance(0.03, 150));
  });
});

describe('adaptive set point', () => {
  const feed = (c0: ReturnType<typeof controllerForTarget>, perHour: number): ReturnType<typeof controllerForTarget> => {
    let c = c0;
    const gap = 3_600_000 / perHour;
    for (let i = 0; i < perHour; i++) c = observeLiveAnswer(c, false, i * gap);
    return c;
  };
  test('is the fixed set point until the window has data, then grows with the live answers per hour, within [target/20, target]', () => {
    const c0 = controllerForTarget(0.03);
    expect(effectiveSetPoint(c0)).toBe(c0.setPoint);
    const small = effectiveSetPoint(feed(c0, 150));
    const large = effectiveSetPoint(feed(c0, 3000));
    expect(small).toBeCloseTo(steadyAllowance(0.03, 150, 2), 2);
    expect(small).toBeLessThan(large);
    expect(large).toBeLessThan(0.03);
    expect(large).toBeGreaterThan(0.024);
    // A plain initialController keeps its fixed set point.
    expect(effectiveSetPoint(feed(initialController(0.015), 3000))).toBe(0.015);
  });
});

describe('the abandon controller', () => {
  test('keeps its set point, threshold and window within their bounds', () => {
    expect(initialController(0).setPoint).toBe(1e-4);
    expect(initialController(0.9).setPoint).toBe(0.5);
    const c = initialController(0.02, 0.004, 1);
    expect(controllerTheta(c)).toBeCloseTo(0.5, 12); // an initial threshold above 0.5 starts at 0.5
    expect(controllerTheta(initialController(0.02, 0.004, 0))).toBeCloseTo(0.001, 12); // and one below set point / 20 there
    expect(initialController(0.02, 0.004, 0.02, { bucketMs: 0, buckets: 0 })).toMatchObject({ bucketMs: 1, windowLive: [0] });
    expect(initialController(0.02, 0.004, 0.02, { bucketMs: 1000, buckets: 5000 }).windowLive).toHaveLength(1440);
    expect(controllerForTarget(0).abandonTarget).toBe(1e-4);
    expect(controllerForTarget(0.9)).toMatchObject({ abandonTarget: 0.5, setPoint: 0.25 });
  });

  test('moves its threshold by the gain: up on a connect, down by (1 − set point) / set point times as much on an abandon', () => {
    const c0 = initialController(0.02, 0.01);
    const up = observeLiveAnswer(c0, false);
    const down = observeLiveAnswer(c0, true);
    expect(up.logTheta - c0.logTheta).toBeCloseTo(0.01, 12);
    expect(down.logTheta - c0.logTheta).toBeCloseTo((-0.01 * 0.98) / 0.02, 12);
    expect([up.recentLive, up.recentAbandoned, down.recentAbandoned]).toEqual([1, 0, 1]);
    const twice = observeLiveAnswer(down, true);
    expect([twice.recentLive, twice.recentAbandoned]).toEqual([1.999, 1.999]);
    // Never below set point / 20, never above 0.5.
    let low = c0;
    for (let i = 0; i < 200; i++) low = observeLiveAnswer(low, true);
    expect(controllerTheta(low)).toBeCloseTo(0.001, 12);
    let high = c0;
    for (let i = 0; i < 2000; i++) high = observeLiveAnswer(high, false);
    expect(controllerTheta(high)).toBeCloseTo(0.5, 12);
  });

  test('counts a late answer in its own minute, and one older than the window not at all', () => {
    let c = initialController(0.02);
    c = observeLiveAnswer(c, false, 90 * MIN);
    c = observeLiveAnswer(c, true, 80 * MIN + 30_000); // reported late, still within the hour
    expect(rollingCounts(c, 90 * MIN)).toEqual({ live: 2, abandoned: 1 });
    // Slide the window past minute 80: the late abandon leaves it on time.
    expect(rollingCounts(c, 140 * MIN)).toEqual({ live: 1, abandoned: 0 });
    const stale = observeLiveAnswer(c, true, 20 * MIN); // an hour and more before the newest
    expect(rollingCounts(stale, 90 * MIN)).toEqual({ live: 2, abandoned: 1 });
    expect(stale.logTheta).toBeLessThan(c.logTheta); // the integral part still learns from it
    // A non-finite time feeds the integral part only.
    expect(observeLiveAnswer(c, true, Number.NaN).windowLive).toEqual(c.windowLive);
  });

  test('uses the adaptive set point only once ten minutes of the window are covered', () => {
    let c = controllerForTarget(0.03);
    for (let m = 0; m < 9; m++) for (let i = 0; i < 50; i++) c = observeLiveAnswer(c, false, m * MIN + i * 1000);
    expect(effectiveSetPoint(c)).toBe(c.setPoint);
    for (let i = 0; i < 50; i++) c = observeLiveAnswer(c, false, 9 * MIN + i * 1000);
    // 500 live answers over ten minutes: 3000 an hour.
    expect(effectiveSetPoint(c)).toBeCloseTo(steadyAllowance(0.03, 3000, 2), 12);
  });
});
