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

describe('the rolling window in detail', () => {
  const rate = 150 / (60 * MIN);
  const at = (c0: ReturnType<typeof initialController>, answers: Array<[number, boolean]>) =>
    answers.reduce((c, [t, abandoned]) => observeLiveAnswer(c, abandoned, t), c0);

  test('does not change the controller it is given', () => {
    const c = at(initialController(0.02), [[MIN, false]]);
    const before = JSON.stringify(c);
    observeLiveAnswer(c, true, 2 * MIN);
    observeLiveAnswer(c, true, MIN);
    expect(JSON.stringify(c)).toBe(before);
  });

  test('records where the shift started, also for a controller stored before the window existed', () => {
    expect(at(initialController(0.02), [[100 * MIN, false]]).firstBucket).toBe(100);
    const { windowLive: _l, windowAbandoned: _a, newestBucket: _n, firstBucket: _f, bucketMs: _b, ...old } = initialController(0.02);
    expect(observeLiveAnswer(old, false, 5 * MIN).firstBucket).toBe(5);
    // Without a window at all there is nothing to count and nothing to guard.
    expect(rollingCounts(old, 5 * MIN)).toEqual({ live: 0, abandoned: 0 });
    expect(rollingAllowance(old, 5 * MIN, 0.03, rate)).toBe(0.03);
  });

  test('an answer exactly one window older than the newest is left out', () => {
    const c = at(initialController(0.02), [[90 * MIN, false]]);
    expect(rollingCounts(observeLiveAnswer(c, true, 30 * MIN), 90 * MIN)).toEqual({ live: 1, abandoned: 0 });
    expect(rollingCounts(observeLiveAnswer(c, true, 31 * MIN), 90 * MIN)).toEqual({ live: 2, abandoned: 1 });
  });

  test('works in the bucket width it was built with', () => {
    const c = at(initialController(0.02, 0.004, 0.02, { bucketMs: 1000, buckets: 60 }), [
      [0, true],
      [30_000, false],
      [59_000, false],
    ]);
    expect(rollingCounts(c, 59_000)).toEqual({ live: 3, abandoned: 1 });
    expect(rollingCounts(c, 61_000)).toEqual({ live: 2, abandoned: 0 }); // a one-minute window
    // With no history, a one-minute window at one answer a second expects 60 answers.
    const fresh = initialController(0.02, 0.004, 0.02, { bucketMs: 1000, buckets: 60 });
    expect(rollingAllowance(fresh, 0, 0.03, 1 / 1000)).toBeCloseTo(steadyAllowance(0.03, 60), 12);
  });

  test('at the shift start, windows that would begin before the shift are not judged', () => {
    // Two answers in the first minute, one abandoned: a window ending a minute from now would be 1 in 4 or so,
    // but every window that counts starts at the shift and has the whole hour's answers ahead of it.
    const c = at(initialController(0.02), [
      [100 * MIN, true],
      [100 * MIN + 30_000, false],
    ]);
    expect(rollingAllowance(c, 102 * MIN, 0.03, rate)).toBeGreaterThan(0);
  });

  test('no expected live answers or no target: nothing to guard', () => {
    const over = at(initialController(0.02), [
      [MIN, true],
      [MIN, true],
    ]);
    expect(rollingAllowance(over, 2 * MIN, 0.03, 0)).toBe(0.03);
    expect(rollingAllowance(over, 2 * MIN, 0, rate)).toBe(0);
    expect(steadyAllowance(0.03, 0)).toBe(0.03);
    expect(steadyAllowance(0, 150)).toBe(0);
  });

  test('the allowance keeps z standard deviations of Poisson noise: μ + z√μ = target × live answers', () => {
    for (const z of [1, 2, 3]) {
      const mu = steadyAllowance(0.03, 150, z) * 150;
      expect(mu + z * Math.sqrt(mu)).toBeCloseTo(0.03 * 150, 10);
      expect(rollingAllowance(initialController(0.02), 0, 0.03, rate, z)).toBeCloseTo(steadyAllowance(0.03, 150, z), 10);
    }
  });

  test('abandons leaving the window stop counting against the windows after them', () => {
    const clean: Array<[number, boolean]> = Array.from({ length: 150 }, (_, i) => [i * 24_000, false]);
    const early = at(initialController(0.02), [...clean.slice(0, 10), [4 * MIN, true], [4 * MIN, true], ...clean.slice(10)]);
    const late = at(initialController(0.02), [...clean.slice(0, 148), [59 * MIN, true], [59 * MIN, true], ...clean.slice(148)]);
    expect(rollingAllowance(early, 60 * MIN, 0.03, rate)).toBeGreaterThan(rollingAllowance(late, 60 * MIN, 0.03, rate));
  });
});

describe('the adaptive set point in detail', () => {
  const feed = (c0: ReturnType<typeof controllerForTarget>, perHour: number, fromMs: number, hours = 1) => {
    let c = c0;
    const gap = 3_600_000 / perHour;
    for (let i = 0; i < perHour * hours; i++) c = observeLiveAnswer(c, false, fromMs + i * gap);
    return c;
  };

  test('scales a filling window up to a whole hour from when the shift started', () => {
    // Ten minutes of 3000 answers an hour, starting at minute 100.
    const c = feed(controllerForTarget(0.03), 3000, 100 * MIN, 1 / 6);
    expect(effectiveSetPoint(c)).toBeCloseTo(steadyAllowance(0.03, 3000, 2), 12);
    // A controller stored before the shift start was recorded counts its whole window.
    expect(effectiveSetPoint({ ...c, firstBucket: undefined })).toBeCloseTo(steadyAllowance(0.03, 500, 2), 12);
  });

  test('counts each minute of a full window once', () => {
    expect(effectiveSetPoint(feed(controllerForTarget(0.03), 150, 0, 2))).toBeCloseTo(steadyAllowance(0.03, 150, 2), 12);
  });

  test('uses its own margin and only a positive target', () => {
    const c = feed(controllerForTarget(0.03, 1), 150, 0);
    expect(effectiveSetPoint(c)).toBeCloseTo(steadyAllowance(0.03, 150, 1), 12);
    expect(effectiveSetPoint({ ...c, abandonTarget: 0 })).toBe(c.setPoint);
  });
});
