/**
 * Abandon-rate feedback, in two parts.
 *
 * 1. A stochastic-approximation integral controller on the log of the marginal abandon threshold θ
 *    used by the predictive policy. Each resolved live answer nudges it up (connected) or down
 *    (abandoned) so that, in the long run, the measured abandon rate settles at the set point.
 * 2. A rolling-window guard: live answers and abandons of the last hour in one-minute buckets (a
 *    fixed-size ring), from which `rollingAllowance` computes the abandon rate that can still be
 *    afforded now without any one-hour window (past part known, future part expected) exceeding the
 *    target, with a safety margin for Poisson noise. The predictive policy scales θ by it.
 *
 * A plain JSON value of bounded size; `observeLiveAnswer` returns a new one.
 */
export interface AbandonController {
  /** log of the marginal abandon probability accepted for the last call placed. */
  readonly logTheta: number;
  /** Abandon rate the controller steers to (a fraction of live answers). */
  readonly setPoint: number;
  /** Step size per resolved live answer. */
  readonly gain: number;
  readonly minLogTheta: number;
  readonly maxLogTheta: number;
  /** Counts with exponential forgetting (reporting only). */
  readonly recentLive: number;
  readonly recentAbandoned: number;
  /**
   * Rolling window (optional so that controllers stored before it existed still work; they get it
   * on their next `observeLiveAnswer` with a time). Width of a bucket (ms); the ring holds
   * `windowLive.length` buckets (60 one-minute buckets: the last hour).
   */
  readonly bucketMs?: number;
  /** Index (floor(atMs / bucketMs)) of the newest bucket written, or null before any. */
  readonly newestBucket?: number | null;
  /** Live answers (connected or abandoned) per bucket; ring indexed by bucket index mod length. */
  readonly windowLive?: readonly number[];
  /** Abandoned live answers per bucket (same ring). */
  readonly windowAbandoned?: readonly number[];
  /** Index of the first bucket ever written (the shift start): windows starting before it are not judged. */
  readonly firstBucket?: number | null;
  /**
   * Adaptive set point (optional): when set, the integral controller steers to
   * steadyAllowance(abandonTarget, live answers per window, setPointZ) instead of `setPoint`, i.e.
   * the long-run rate at which one window's Poisson noise (setPointZ standard deviations) still fits
   * the target. Teams with many live answers an hour get a set point close to the target, small
   * teams a lower one. Until the window has data, `setPoint` is used.
   */
  readonly abandonTarget?: number;
  readonly setPointZ?: number;
}

export interface RollingWindowConfig {
  readonly bucketMs: number;
  readonly buckets: number;
}

export const DEFAULT_ROLLING_WINDOW: RollingWindowConfig = { bucketMs: 60_000, buckets: 60 };

export function initialController(
  setPoint: number,
  gain = 0.004,
  initialTheta = setPoint,
  window: RollingWindowConfig = DEFAULT_ROLLING_WINDOW,
): AbandonController {
  const sp = Math.min(0.5, Math.max(1e-4, setPoint));
  const buckets = Math.max(1, Math.min(1440, Math.floor(window.buckets)));
  return {
    logTheta: Math.log(Math.min(0.5, Math.max(sp / 20, initialTheta))),
    setPoint: sp,
    gain,
    minLogTheta: Math.log(sp / 20),
    maxLogTheta: Math.log(0.5),
    recentLive: 0,
    recentAbandoned: 0,
    bucketMs: Math.max(1, window.bucketMs),
    newestBucket: null,
    firstBucket: null,
    windowLive: new Array<number>(buckets).fill(0),
    windowAbandoned: new Array<number>(buckets).fill(0),
  };
}

/**
 * Set point of the integral controller as a fraction of the abandon target. The abandon rate of any
 * one hour is noisy (roughly Poisson), so keeping the worst rolling hour under the target needs a
 * long-run rate well below it; the rolling-hour guard clips the bad hours. Tuned in bench/pacing.
 */
export const RECOMMENDED_SET_POINT_FACTOR = 0.5;

/** Standard deviations of one window's abandon count kept as margin by the adaptive set point. */
export const RECOMMENDED_SET_POINT_Z = 2;

/**
 * The controller for an abandon target (a fraction of live answers): adaptive set point (see
 * `AbandonController.abandonTarget`), starting at RECOMMENDED_SET_POINT_FACTOR × target.
 */
export function controllerForTarget(abandonTarget: number, setPointZ = RECOMMENDED_SET_POINT_Z, gain?: number): AbandonController {
  const t = Math.min(0.5, Math.max(1e-4, abandonTarget));
  return { ...initialController(t * RECOMMENDED_SET_POINT_FACTOR, gain), abandonTarget: t, setPointZ };
}

/**
 * Set point the integral controller steers to now: `setPoint`, or with an abandon target the
 * adaptive one from the live answers of the rolling window (scaled up to a whole window while the
 * window is still filling), within [target / 20, target].
 */
export function effectiveSetPoint(c: AbandonController): number {
  const target = c.abandonTarget;
  if (target === undefined || !(target > 0) || !c.windowLive || c.newestBucket === null || c.newestBucket === undefined) return c.setPoint;
  const n = c.windowLive.length;
  let live = 0;
  for (let k = 0; k < n; k++) {
    const j = c.newestBucket - k;
    if (c.firstBucket !== null && c.firstBucket !== undefined && j < c.firstBucket) break;
    live += c.windowLive[ringIndex(j, n)] ?? 0;
  }
  const covered = Math.min(n, c.newestBucket - (c.firstBucket ?? c.newestBucket - n + 1) + 1);
  if (covered < Math.min(n, 10) || live <= 0) return c.setPoint;
  const perWindow = (live * n) / covered;
  const sp = steadyAllowance(target, perWindow, c.setPointZ ?? RECOMMENDED_SET_POINT_Z);
  return Math.min(target, Math.max(target / 20, sp));
}

function ringIndex(i: number, n: number): number {
  return ((i % n) + n) % n;
}

/**
 * Records a resolved live answer. `atMs` (when it was answered or abandoned) feeds the rolling
 * window; without it only the integral controller moves.
 */
export function observeLiveAnswer(c: AbandonController, abandoned: boolean, atMs?: number): AbandonController {
  const indicator = abandoned ? 1 : 0;
  const sp = effectiveSetPoint(c);
  const step = (c.gain * (sp - indicator)) / sp;
  const logTheta = Math.min(c.maxLogTheta, Math.max(c.minLogTheta, c.logTheta + step));
  const next: AbandonController = {
    ...c,
    logTheta,
    recentLive: c.recentLive * 0.999 + 1,
    recentAbandoned: c.recentAbandoned * 0.999 + indicator,
  };
  if (atMs === undefined || !Number.isFinite(atMs)) return next;
  const bucketMs = c.bucketMs ?? DEFAULT_ROLLING_WINDOW.bucketMs;
  const n = c.windowLive?.length ?? DEFAULT_ROLLING_WINDOW.buckets;
  const live = c.windowLive ? c.windowLive.slice() : new Array<number>(n).fill(0);
  const ab = c.windowAbandoned && c.windowAbandoned.length === n ? c.windowAbandoned.slice() : new Array<number>(n).fill(0);
  const idx = Math.floor(atMs / bucketMs);
  const firstBucket = c.firstBucket === null || c.firstBucket === undefined ? idx : Math.min(c.firstBucket, idx);
  let newest = c.newestBucket ?? null;
  if (newest === null || idx > newest) {
    const from = newest === null ? idx - n + 1 : Math.max(newest + 1, idx - n + 1);
    for (let j = from; j <= idx; j++) {
      live[ringIndex(j, n)] = 0;
      ab[ringIndex(j, n)] = 0;
    }
    newest = idx;
  } else if (idx <= newest - n) {
    return { ...next, bucketMs, newestBucket: newest, firstBucket, windowLive: live, windowAbandoned: ab }; // older than the window
  }
  live[ringIndex(idx, n)] = (live[ringIndex(idx, n)] ?? 0) + 1;
  ab[ringIndex(idx, n)] = (ab[ringIndex(idx, n)] ?? 0) + indicator;
  return { ...next, bucketMs, newestBucket: newest, firstBucket, windowLive: live, windowAbandoned: ab };
}

export function controllerTheta(c: AbandonController): number {
  return Math.exp(c.logTheta);
}

/** Live answers and abandons in the rolling window as of `nowMs` (buckets older than the window dropped). */
export function rollingCounts(c: AbandonController, nowMs: number): { live: number; abandoned: number } {
  let live = 0;
  let abandoned = 0;
  const per = bucketsAsOf(c, nowMs);
  for (const b of per) {
    live += b.live;
    abandoned += b.abandoned;
  }
  return { live, abandoned };
}

/** The window's buckets as of `nowMs`, newest first (index 0 = the bucket containing nowMs). */
function bucketsAsOf(c: AbandonController, nowMs: number): { live: number; abandoned: number }[] {
  const n = c.windowLive?.length ?? 0;
  const out: { live: number; abandoned: number }[] = [];
  if (n === 0 || !c.windowLive || !c.windowAbandoned || c.newestBucket === null || c.newestBucket === undefined) {
    return new Array(n).fill(null).map(() => ({ live: 0, abandoned: 0 }));
  }
  const bucketMs = c.bucketMs ?? DEFAULT_ROLLING_WINDOW.bucketMs;
  const nowIdx = Number.isFinite(nowMs) ? Math.max(Math.floor(nowMs / bucketMs), c.newestBucket) : c.newestBucket;
  for (let k = 0; k < n; k++) {
    const j = nowIdx - k;
    const valid = j <= c.newestBucket && j > c.newestBucket - n;
    out.push(
      valid ? { live: c.windowLive[ringIndex(j, n)] ?? 0, abandoned: c.windowAbandoned[ringIndex(j, n)] ?? 0 } : { live: 0, abandoned: 0 },
    );
  }
  return out;
}

/**
 * Abandon rate that can be afforded from now on. For every window of the rolling length that ends
 * h buckets from now (h = 1..n), its past part (the newest n − h buckets) is known and its future
 * part is expected to bring `liveRatePerMs × h × bucketMs` live answers; future abandons are treated
 * as Poisson with mean μ, and μ + z·√μ must stay within the window's budget
 * target × (past + future live) − past abandons. Returns the smallest such μ / future live over h:
 * windows that would start before the first observation are skipped (the shift start). It never
 * exceeds `steadyAllowance` (a little under the target: the window lying wholly ahead always counts),
 * which is its value with no history or after a clean stretch; recent abandons lower it, to 0 when a
 * window is already over budget.
 */
export function rollingAllowance(c: AbandonController, nowMs: number, target: number, liveRatePerMs: number, z = 1): number {
  const per = bucketsAsOf(c, nowMs);
  const n = per.length;
  if (n === 0 || !(liveRatePerMs > 0) || !(target > 0)) return target;
  const bucketMs = c.bucketMs ?? DEFAULT_ROLLING_WINDOW.bucketMs;
  // Suffix sums: past part of the window ending h buckets ahead = buckets 0..n−h−1 (newest first).
  let pastLive = 0;
  let pastAb = 0;
  for (const b of per) {
    pastLive += b.live;
    pastAb += b.abandoned;
  }
  // Windows that would start before the first observation (the shift start) are not judged, except
  // the one starting there.
  const nowIdx = Number.isFinite(nowMs) ? Math.floor(nowMs / bucketMs) : 0;
  const first = c.firstBucket ?? null;
  const hMin = first === null ? n : Math.max(1, n - Math.max(0, nowIdx - first) - 1);
  let best = Number.POSITIVE_INFINITY;
  for (let h = 1; h <= n; h++) {
    // Drop the oldest past bucket (index n − h) as the window slides one bucket further ahead.
    const dropped = per[n - h];
    if (dropped) {
      pastLive -= dropped.live;
      pastAb -= dropped.abandoned;
    }
    if (h < hMin) continue;
    const futureLive = liveRatePerMs * h * bucketMs;
    const budget = target * (pastLive + futureLive) - pastAb;
    if (budget <= 0) return 0;
    const root = (-z + Math.sqrt(z * z + 4 * budget)) / 2;
    const rate = (root * root) / futureLive;
    if (rate < best) best = rate;
  }
  return Number.isFinite(best) ? best : target;
}

/** `rollingAllowance` with no history: the whole window still ahead. */
export function steadyAllowance(target: number, expectedLivePerWindow: number, z = 1): number {
  if (!(expectedLivePerWindow > 0) || !(target > 0)) return target;
  const budget = target * expectedLivePerWindow;
  const root = (-z + Math.sqrt(z * z + 4 * budget)) / 2;
  return (root * root) / expectedLivePerWindow;
}
