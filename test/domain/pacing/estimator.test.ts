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

  test('starts from its priors: a 20% answer rate, 8 s rings, 2 min talks, 10 s wrap-ups, releases uniform over 30 s', () => {
    const e = initialEstimates();
    expect(answerProbability(e)).toBeCloseTo(0.2, 12);
    expect(lognormalMean(liveRingDistribution(e))).toBeCloseTo(8000, 6);
    expect(lognormalMean(talkDistribution(e))).toBeCloseTo(120_000, 4);
    expect(meanWrapMs(e)).toBe(10_000);
    const s = nonLiveSurvival(e);
    expect([s(-5), s(0), s(7_500), s(15_000), s(29_999), s(30_000), s(80_000)].map((x) => Number(x.toFixed(6)))).toEqual([
      1, 1, 0.75, 0.5, 0.000033, 0, 0,
    ]);
    const wide = initialEstimates({ answerProbability: 0.5, answerWeight: 10, wrapMeanMs: 4000, nonLiveMaxMs: 500_000 });
    expect([wide.live, wide.notLive, meanWrapMs(wide)]).toEqual([5, 5, 4000]);
    // Releases beyond the last bin fall in the open last bin, which decays slowly instead of ending.
    const open = nonLiveSurvival(wide);
    expect(open(89_000)).toBeCloseTo(1 / 90, 12);
    expect(open(90_000)).toBeCloseTo(1 / 90 / 2, 12);
  });

  test('forgets with the configured time constants and ignores outcomes with invalid numbers', () => {
    const e0 = observeOutcome(initialEstimates(), { kind: 'live', atMs: 0, ringMs: 5000 });
    expect(e0.live).toBeCloseTo(2, 12); // the prior's one live answer and this one
    const later = observeOutcome(e0, { kind: 'nonLive', atMs: 20 * 60_000, durationMs: 3_500 });
    expect(later.live).toBeCloseTo(2 * Math.exp(-1), 12); // one answer time constant (20 min) later
    expect(later.notLive).toBeCloseTo(4 * Math.exp(-1) + 1, 12);
    expect(later.ring.w).toBeCloseTo(4 * Math.exp(-1 / 3), 12); // a third of the duration time constant (1 h)
    expect(later.nonLiveBins[3]).toBeCloseTo((3 / 30) * Math.exp(-1 / 3) + 1, 12);
    // (At the same instant, so that nothing is forgotten either.)
    for (const bad of [
      { kind: 'live', atMs: Number.NaN, ringMs: 1000 },
      { kind: 'live', atMs: 0, ringMs: -1 },
      { kind: 'nonLive', atMs: 0, durationMs: Number.NaN },
      { kind: 'handled', atMs: 0, talkMs: -1, wrapMs: 0 },
      { kind: 'handled', atMs: 0, talkMs: 1000, wrapMs: Number.NaN },
    ] as const) {
      const next = observeOutcome(e0, bad);
      expect([next.live, next.notLive, next.ring.w, next.talk.w, next.wrapW]).toEqual([
        e0.live,
        e0.notLive,
        e0.ring.w,
        e0.talk.w,
        e0.wrapW,
      ]);
    }
    // An outcome reported out of order does not move time back.
    expect(observeOutcome(later, { kind: 'live', atMs: 60_000, ringMs: 5000 }).lastMs).toBe(20 * 60_000);
    // A handled call adds its talk time and wrap-up.
    const handled = observeOutcome(e0, { kind: 'handled', atMs: 0, talkMs: 60_000, wrapMs: 2_000 });
    expect([handled.talk.w, handled.wrapW, handled.wrapSum]).toEqual([4, 4, 32_000]);
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

describe('handle times known only as the queue average (handledOnAverage)', () => {
  const cvOf = (e: ReturnType<typeof initialEstimates>) => Math.sqrt(Math.exp(talkDistribution(e).sigma ** 2) - 1);

  test("learns the average with the prior's spread, not a spread of zero", () => {
    let spread = initialEstimates({ talkMeanMs: 60_000, talkCv: 1 });
    let exact = spread;
    for (let i = 0; i < 500; i++) {
      spread = observeOutcome(spread, { kind: 'handledOnAverage', atMs: i * 1000, handleMs: 140_000 });
      exact = observeOutcome(exact, { kind: 'handled', atMs: i * 1000, talkMs: 140_000, wrapMs: 0 });
    }
    // (The priors still weigh a little: within 1%.)
    expect(Math.abs(lognormalMean(talkDistribution(spread)) / 140_000 - 1)).toBeLessThan(0.01);
    expect(Math.abs(cvOf(spread) - 1)).toBeLessThan(0.01);
    // The same averages as plain observations: the spread collapses, every conversation "ends at 140 s".
    expect(Math.abs(lognormalMean(talkDistribution(exact)) / 140_000 - 1)).toBeLessThan(0.01);
    expect(cvOf(exact)).toBeLessThan(0.2);
  });

  test('a given spread is kept; the handle time includes the wrap-up (a wrap-up of 0 is counted)', () => {
    let e = initialEstimates({ wrapMeanMs: 10_000 });
    for (let i = 0; i < 300; i++) e = observeOutcome(e, { kind: 'handledOnAverage', atMs: i, handleMs: 90_000, cv: 0.5 });
    expect(Math.abs(cvOf(e) - 0.5)).toBeLessThan(0.02);
    // Each average counts as one wrap-up of 0 (about 300 of them against the prior's 3 of 10 s).
    expect(meanWrapMs(e)).toBeGreaterThan(0);
    expect(meanWrapMs(e)).toBeLessThan(200);
  });

  test('an average that is not a positive number teaches nothing', () => {
    const e = initialEstimates();
    for (const handleMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY / -1])
      expect(observeOutcome(e, { kind: 'handledOnAverage', atMs: 0, handleMs })).toEqual({ ...e, lastMs: 0 });
  });
});

describe('estimator edge cases', () => {
  test('the first outcome is not decayed by its own timestamp (no previous outcome: no time has passed)', () => {
    const e0 = initialEstimates();
    const e = observeOutcome(e0, { kind: 'live', atMs: 3_600_000, ringMs: 5000 });
    expect(e.live).toBeCloseTo(e0.live + 1, 12);
    expect(e.notLive).toBeCloseTo(e0.notLive, 12);
    expect(e.talk.w).toBeCloseTo(e0.talk.w, 12);
    expect(e.lastMs).toBe(3_600_000);
  });

  test('zero durations are valid observations (an instant ring, release, talk or wrap-up)', () => {
    const e0 = initialEstimates();
    const live = observeOutcome(e0, { kind: 'live', atMs: 0, ringMs: 0 });
    expect(live.live).toBeCloseTo(e0.live + 1, 12);
    expect(live.ring.w).toBeCloseTo(e0.ring.w + 1, 12);
    const nonLive = observeOutcome(e0, { kind: 'nonLive', atMs: 0, durationMs: 0 });
    expect(nonLive.notLive).toBeCloseTo(e0.notLive + 1, 12);
    expect(nonLive.nonLiveBins[0]).toBeCloseTo((e0.nonLiveBins[0] ?? 0) + 1, 12);
    const handledTalk0 = observeOutcome(e0, { kind: 'handled', atMs: 0, talkMs: 0, wrapMs: 5000 });
    expect(handledTalk0.talk.w).toBeCloseTo(e0.talk.w + 1, 12);
    expect(handledTalk0.wrapW).toBeCloseTo(e0.wrapW + 1, 12);
    const handledWrap0 = observeOutcome(e0, { kind: 'handled', atMs: 0, talkMs: 5000, wrapMs: 0 });
    expect(handledWrap0.wrapW).toBeCloseTo(e0.wrapW + 1, 12);
    expect(handledWrap0.wrapSum).toBeCloseTo(e0.wrapSum, 12);
  });

  test('a non-live outcome at the same instant leaves the given estimates untouched', () => {
    const e0 = observeOutcome(initialEstimates(), { kind: 'live', atMs: 1000, ringMs: 4000 });
    const bins = e0.nonLiveBins.slice();
    const e1 = observeOutcome(e0, { kind: 'nonLive', atMs: 1000, durationMs: 2500 });
    expect(e0.nonLiveBins).toEqual(bins);
    expect(e1.nonLiveBins[2]).toBeCloseTo((bins[2] ?? 0) + 1, 12);
  });

  test('with no weight at all: answer probability 0, wrap-up 0, every non-live call released at once', () => {
    const e0 = initialEstimates();
    const empty = { ...e0, live: 0, notLive: 0, wrapW: 0, wrapSum: 0, nonLiveBins: e0.nonLiveBins.map(() => 0) };
    expect(answerProbability(empty)).toBe(0);
    expect(meanWrapMs(empty)).toBe(0);
    const s = nonLiveSurvival(empty);
    expect(s(-5)).toBe(1);
    expect(s(0)).toBe(1);
    expect(s(1)).toBe(0);
    expect(s(50_000)).toBe(0);
  });

  test('release-time survival: linear inside a bin, slow (1 / (1 + t)) decay in the open last bin', () => {
    const e0 = initialEstimates({}, { binMs: 1000, bins: 4 });
    // bins (weights): 1, 2, 3, 4 → total 10
    const e = { ...e0, nonLiveBins: [1, 2, 3, 4] };
    const s = nonLiveSurvival(e);
    expect(s(0)).toBe(1);
    expect(s(500)).toBeCloseTo(1 - 0.5 / 10, 12);
    expect(s(1500)).toBeCloseTo(1 - (1 + 1) / 10, 12);
    expect(s(2999)).toBeCloseTo(1 - (3 + 3 * 0.999) / 10, 12);
    // Last (open) bin starts at 3000: 0.4 / (1 + (t − 3000) / 1000).
    expect(s(3000)).toBeCloseTo(0.4, 12);
    expect(s(3500)).toBeCloseTo(0.4 / 1.5, 12);
    expect(s(7000)).toBeCloseTo(0.4 / 5, 12);
  });
});
