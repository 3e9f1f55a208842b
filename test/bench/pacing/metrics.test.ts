import { hourlyAbandonRates, type LiveAnswer, worstRollingHour, worstRollingHourAt } from '../../../bench/pacing/metrics';

const MIN = 60_000;

describe('bench/pacing metrics', () => {
  const live: LiveAnswer[] = [];
  // 100 answers an hour for 3 hours; 2 abandons in hour 0, 5 between minutes 90 and 100, none after.
  for (let i = 0; i < 300; i++) {
    const atMs = i * 36_000;
    const abandoned = i === 10 || i === 20 || (atMs >= 90 * MIN && atMs < 100 * MIN && i % 3 === 0);
    live.push({ atMs, abandoned, delayMs: 0 });
  }
  test('worst rolling hour finds the window holding the burst', () => {
    const w = worstRollingHourAt(live, 3 * 60 * MIN);
    expect(w.rate).toBeCloseTo(worstRollingHour(live, 3 * 60 * MIN), 12);
    const burst = live.filter((l) => l.abandoned && l.atMs >= 90 * MIN).length;
    expect(w.rate).toBeCloseTo(burst / 100, 2);
    expect(w.startMs).toBeGreaterThanOrEqual(40 * MIN);
    expect(w.startMs).toBeLessThanOrEqual(90 * MIN);
  });
  test('hourly abandon rates per clock hour', () => {
    const h = hourlyAbandonRates(live, 3 * 60 * MIN);
    expect(h).toHaveLength(3);
    expect(h[0]).toBeCloseTo(0.02, 10);
    expect(h[2]).toBe(0);
  });
});
