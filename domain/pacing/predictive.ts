/**
 * Predictive pacing. A new call, if answered live, answers at a ring time drawn from the estimated
 * ring-time distribution; we integrate over eight quantiles of it. At each such instant t:
 *   Y(t) = representatives free by t + grace (available now, plus each busy/wrapping one with its
 *          probability of finishing by then, from the estimated talk and wrap times and its elapsed time);
 *   X(t) = live answers by t from calls already in flight (each ringing call with its probability of a
 *          live answer in (e, e + t] given it is still ringing after e; or, when the dialer reports
 *          answers only at connect, of one already answered and waiting), plus those already waiting,
 *          plus the other new calls.
 * With normal approximations of these Bernoulli sums, the n-th new call, if live, is abandoned with
 * probability ≈ mean over t of P(Y − X < 1). We place the largest n whose marginal abandon probability
 * stays under θ, where θ comes from the abandon-rate feedback controller.
 */
import { type AbandonController, controllerTheta, rollingAllowance, steadyAllowance } from './abandonController';
import { type Lognormal, lognormalCdf, lognormalMean, normalCdf, NORMAL_OCTILE_MIDPOINTS } from './distributions';
import { answerProbability, type Estimates, liveRingDistribution, meanWrapMs, nonLiveSurvival, talkDistribution } from './estimator';
import { type PacingState, room } from './types';

export interface PredictiveConfig {
  readonly kind: 'predictive';
  /** Variance floor added to the normal approximation (robustness when nearly deterministic). */
  readonly varianceFloor?: number;
  /** Rolling-hour guard: θ is scaled by (allowance / steady allowance)^power; 0 disables it. Default 2. */
  readonly guardPower?: number;
  /** Poisson safety margin (standard deviations) of the rolling-hour guard. Default 1. */
  readonly guardZ?: number;
  /**
   * Teams of at most this many representatives use the exact distributions (Poisson-binomial sums
   * by convolution) instead of normal approximations. Default 50; 0 always approximates.
   */
  readonly exactMaxAgents?: number;
  /** Cautious estimates: parameters taken this many standard errors on the safe side (see cautiousParameters). Default 1. */
  readonly credibleZ?: number;
}

interface Moments {
  readonly mean: number;
  readonly variance: number;
}

export interface PredictiveDiagnostics {
  readonly theta: number;
  readonly answerProbability: number;
  /** Per integration point: free representatives (Y) and competing live answers (X). */
  readonly free: readonly Moments[];
  readonly competing: readonly Moments[];
  /** Per integration point: live answers by then per new call. */
  readonly perNewCall: readonly number[];
  /**
   * Exact model only: per integration point, P(Y − X ≤ b) for b = 0..maxFree (then 1), where Y and
   * X are the exact Poisson-binomial sums (X truncated above maxFree, which does not change these).
   */
  readonly exactSlackCdf?: readonly (readonly number[])[];
}

/** Convolves a pmf (truncated: the last cell holds the mass at or above it) with Bernoulli(q), in place. */
function addBernoulli(pmf: Float64Array, len: number, q: number): number {
  const last = pmf.length - 1;
  const newLen = Math.min(last + 1, len + 1);
  for (let i = newLen - 1; i >= 0; i--) {
    const stay = i < len ? (pmf[i] ?? 0) * (1 - q) : 0;
    const move = i > 0 ? (pmf[i - 1] ?? 0) * q : 0;
    pmf[i] = i === last && len === last + 1 ? (pmf[i] ?? 0) + move : stay + move;
  }
  return newLen;
}

/**
 * Parameters on the cautious side of their estimates by `z` standard errors (0: the point estimates):
 * a higher answer probability, a longer mean talk time (log-mean + z·σ/√n) and a longer wrap-up
 * (× (1 + z/√n)). The standard errors shrink as outcomes accumulate, so this mainly matters in the
 * first minutes of a shift, when the priors still weigh and the estimates are noisy.
 */
export function cautiousParameters(est: Estimates, z: number): { answerProbability: number; talk: Lognormal; wrapMs: number } {
  const p = answerProbability(est);
  const talk = talkDistribution(est);
  const wrap = meanWrapMs(est);
  if (!(z > 0)) return { answerProbability: p, talk, wrapMs: wrap };
  const n = est.live + est.notLive;
  const pUp = n > 0 ? Math.min(1, p + z * Math.sqrt((p * (1 - p) + 1 / n) / n)) : p;
  const tw = Math.max(1, est.talk.w);
  const wrapUp = wrap * (1 + z / Math.sqrt(Math.max(1, est.wrapW)));
  return { answerProbability: pUp, talk: { mu: talk.mu + (z * talk.sigma) / Math.sqrt(tw), sigma: talk.sigma }, wrapMs: wrapUp };
}

export function predictiveModel(
  state: PacingState,
  est: Estimates,
  controller: AbandonController,
  exactMaxAgents = 50,
  credibleZ = 0,
): PredictiveDiagnostics {
  const b = cautiousParameters(est, credibleZ);
  const p = b.answerProbability;
  const ring = liveRingDistribution(est);
  const talk = b.talk;
  const wrap = b.wrapMs;
  const survN = nonLiveSurvival(est);
  const K = NORMAL_OCTILE_MIDPOINTS.length;
  const times = NORMAL_OCTILE_MIDPOINTS.map((z) => Math.exp(ring.mu + ring.sigma * z));

  const free: Moments[] = [];
  const competing: Moments[] = [];
  const perNewCall: number[] = [];
  for (let k = 0; k < K; k++) perNewCall.push(p * ((k + 0.5) / K));
  const fm = new Float64Array(K);
  const fv = new Float64Array(K);
  const cm = new Float64Array(K);
  const cv = new Float64Array(K);
  const tk = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    cm[k] = Math.max(0, state.waitingLive ?? 0);
    tk[k] = times[k] ?? 0;
  }
  const cdf = lognormalCdf;
  const grace = state.graceMs;
  const exact = state.agents.length <= exactMaxAgents;
  const maxFree = state.agents.length;
  // Exact model: pmfs of Y (free representatives) and X (competing live answers, truncated at maxFree + 1).
  const pY: Float64Array[] = [];
  const pX: Float64Array[] = [];
  const lenY = new Array<number>(K).fill(1);
  const lenX = new Array<number>(K).fill(1);
  if (exact) {
    const w = Math.min(maxFree + 1, Math.max(0, Math.floor(state.waitingLive ?? 0)));
    for (let k = 0; k < K; k++) {
      const y = new Float64Array(maxFree + 1);
      y[0] = 1;
      pY.push(y);
      const x = new Float64Array(maxFree + 2);
      x[w] = 1;
      pX.push(x);
      lenX[k] = w + 1;
    }
  }
  const yBase = new Array<number>(K).fill(0);

  for (const a of state.agents) {
    const e = Math.max(0, a.elapsedMs);
    if (a.state === 'available') {
      for (let k = 0; k < K; k++) {
        fm[k]! += 1;
        yBase[k]! += 1;
      }
      continue;
    }
    if (a.state === 'wrap') {
      for (let k = 0; k < K; k++)
        if (e + tk[k]! + grace >= wrap) {
          fm[k]! += 1;
          yBase[k]! += 1;
        }
      continue;
    }
    const fe = cdf(talk, e);
    const se = 1 - fe;
    if (se < 1e-9) continue;
    for (let k = 0; k < K; k++) {
      const x = e + tk[k]! + grace - wrap;
      if (x <= e) continue;
      const f = Math.min(1, Math.max(0, (cdf(talk, x) - fe) / se));
      fm[k]! += f;
      fv[k]! += f * (1 - f);
      if (exact && f > 0) lenY[k] = addBernoulli(pY[k]!, lenY[k]!, f);
    }
  }

  // A dialer that reports answers only at connect or abandon hides the answers waiting for a
  // representative among the ringing calls. None can wait while one is free (it would have connected);
  // with none free, a call ringing for e may have been answered in (e − grace, e] and be waiting: it
  // then competes with certainty, the share `hidden` of its posterior.
  const hiding = state.answersReportedAtConnect === true && !state.agents.some((a) => a.state === 'available');
  for (const r of state.ringing) {
    const e = Math.max(0, r.elapsedMs);
    const fe = cdf(ring, e);
    const fAnswered = hiding ? cdf(ring, Math.max(0, e - grace)) : fe;
    const denom = p * (1 - fAnswered) + (1 - p) * survN(e);
    if (denom < 1e-12) continue;
    const hidden = (p * (fe - fAnswered)) / denom;
    for (let k = 0; k < K; k++) {
      const q = Math.min(1, Math.max(0, hidden + (p * (cdf(ring, e + tk[k]!) - fe)) / denom));
      if (q <= 0) continue;
      cm[k]! += q;
      cv[k]! += q * (1 - q);
      if (exact) lenX[k] = addBernoulli(pX[k]!, lenX[k]!, q);
    }
  }
  let exactSlackCdf: number[][] | undefined;
  if (exact) {
    exactSlackCdf = [];
    for (let k = 0; k < K; k++) {
      // Y = yBase + Bernoulli sum (pmf pY, offset yBase); tail of X: tX[j] = P(X ≥ j), j = 0..maxFree + 1.
      const x = pX[k]!;
      const tX = new Float64Array(maxFree + 3);
      for (let j = maxFree + 1; j >= 0; j--) tX[j] = (tX[j + 1] ?? 0) + (x[j] ?? 0);
      const y = pY[k]!;
      const row: number[] = [];
      for (let b = 0; b <= maxFree; b++) {
        // P(Y − X ≤ b) = Σ_y P(Y = y) P(X ≥ y − b).
        let acc = 0;
        for (let i = 0; i < lenY[k]!; i++) {
          const py = y[i] ?? 0;
          if (py === 0) continue;
          const need = yBase[k]! + i - b;
          acc += py * (need <= 0 ? 1 : need > maxFree + 1 ? 0 : (tX[need] ?? 0));
        }
        row.push(Math.min(1, acc));
      }
      exactSlackCdf.push(row);
    }
  }
  for (let k = 0; k < K; k++) {
    free.push({ mean: fm[k]!, variance: fv[k]! });
    competing.push({ mean: cm[k]!, variance: cv[k]! });
  }
  return {
    theta: controllerTheta(controller),
    answerProbability: p,
    free,
    competing,
    perNewCall,
    ...(exactSlackCdf ? { exactSlackCdf } : {}),
  };
}

/** P(Binomial(m, r) = b) for b = 0..upTo, iteratively (stable for small r and large m). */
function binomialPmf(m: number, r: number, upTo: number): number[] {
  const out: number[] = [];
  if (m <= 0 || r <= 0) {
    out.push(1);
    return out;
  }
  if (r >= 1) {
    for (let b = 0; b <= upTo; b++) out.push(b === m ? 1 : 0);
    return out;
  }
  let pb = Math.exp(m * Math.log1p(-r));
  const odds = r / (1 - r);
  for (let b = 0; b <= Math.min(m, upTo); b++) {
    out.push(pb);
    pb = (pb * (m - b) * odds) / (b + 1);
  }
  return out;
}

/**
 * Probability that the n-th new call (n ≥ 1), if answered live, finds no representative: the mean
 * over the integration points (exact model when present, else normal approximations).
 */
export function marginalAbandonProbability(m: PredictiveDiagnostics, n: number, varianceFloor = 0.25): number {
  const K = m.free.length;
  if (K === 0) return 1;
  let sum = 0;
  for (let k = 0; k < K; k++) sum += m.exactSlackCdf ? exactTerm(m.exactSlackCdf, m.perNewCall, n, k) : normalTerm(m, n, k, varianceFloor);
  return sum / K;
}

function normalTerm(m: PredictiveDiagnostics, n: number, k: number, varianceFloor: number): number {
  const y = m.free[k] ?? { mean: 0, variance: 0 };
  const x = m.competing[k] ?? { mean: 0, variance: 0 };
  const r = m.perNewCall[k] ?? 0;
  const mean = y.mean - x.mean - (n - 1) * r;
  const variance = y.variance + x.variance + (n - 1) * r * (1 - r) + varianceFloor;
  // P(Y − X ≤ 0) with continuity correction.
  return normalCdf((0.5 - mean) / Math.sqrt(variance));
}

/**
 * Factor applied to the controller's θ by the rolling-hour guard: (allowance / steady allowance)^power,
 * in [0, 4]. The expected live-answer rate is the team's capacity, agents / (mean talk + mean wrap).
 */
export function guardFactor(cfg: PredictiveConfig, state: PacingState, est: Estimates, controller: AbandonController): number {
  const power = cfg.guardPower ?? 2;
  if (!(power > 0) || !(state.abandonTarget > 0)) return 1;
  const handle = lognormalMean(talkDistribution(est)) + meanWrapMs(est);
  if (!(handle > 0)) return 1;
  const rate = state.agents.length / handle;
  // A controller stored before the rolling window existed has no history to guard: neutral (its
  // rollingAllowance is the bare target, above the steady allowance, which would loosen θ up to 4×).
  const buckets = controller.windowLive?.length ?? 0;
  if (buckets === 0) return 1;
  const window = (controller.bucketMs ?? 60_000) * buckets;
  const z = cfg.guardZ ?? 1;
  const steady = steadyAllowance(state.abandonTarget, rate * window, z);
  if (!(steady > 0)) return 1;
  const allowance = rollingAllowance(controller, state.nowMs, state.abandonTarget, rate, z);
  return Math.min(4, Math.pow(Math.max(0, allowance / steady), power));
}

/** Exact model at integration point k: P(Y − X − B ≤ 0) with B ~ Binomial(n − 1, r_k). */
function exactTerm(slack: readonly (readonly number[])[], perNewCall: readonly number[], n: number, k: number): number {
  const row = slack[k] ?? [];
  const others = Math.max(0, n - 1);
  const pmf = binomialPmf(others, perNewCall[k] ?? 0, row.length);
  let acc = 0;
  let mass = 0;
  for (let b = 0; b < pmf.length; b++) {
    const pb = pmf[b] ?? 0;
    mass += pb;
    acc += pb * (b < row.length ? (row[b] ?? 1) : 1);
  }
  // B beyond the table (Y − X ≤ b surely) only when the pmf was cut short: otherwise 1 − mass is
  // rounding, which made a call that cannot be abandoned look slightly risky (refused when θ = 0).
  if (others >= pmf.length) acc += Math.max(0, 1 - mass);
  return Math.min(1, acc);
}

export function predictiveDecision(cfg: PredictiveConfig, state: PacingState, est: Estimates, controller: AbandonController): number {
  const max = room(state);
  if (max <= 0 || state.agents.length === 0) return 0;
  const model = predictiveModel(state, est, controller, cfg.exactMaxAgents ?? 50, cfg.credibleZ ?? 1);
  if (model.answerProbability <= 0) return max;
  const m = { ...model, theta: model.theta * guardFactor(cfg, state, est, controller) };
  const floor = cfg.varianceFloor ?? 0.25;
  if (marginalAbandonProbability(m, 1, floor) > m.theta) return 0;
  // Marginal abandon probability is non-decreasing in n: binary search the largest acceptable n.
  let lo = 1;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (marginalAbandonProbability(m, mid, floor) <= m.theta) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
