/**
 * Predictive pacing. A new call, if answered live, answers at a ring time drawn from the estimated
 * ring-time distribution; we integrate over eight quantiles of it. At each such instant t:
 *   Y(t) = representatives free by t + grace (available now, plus each busy/wrapping one with its
 *          probability of finishing by then, from the estimated talk and wrap times and its elapsed time);
 *   X(t) = live answers by t from calls already in flight (each ringing call with its probability of a
 *          live answer in (e, e + t] given it is still ringing after e), plus those already waiting,
 *          plus the other new calls.
 * With normal approximations of these Bernoulli sums, the n-th new call, if live, is abandoned with
 * probability ≈ mean over t of P(Y − X < 1). We place the largest n whose marginal abandon probability
 * stays under θ, where θ comes from the abandon-rate feedback controller.
 */
import { type AbandonController, controllerTheta } from './abandonController';
import { lognormalCdf, normalCdf, NORMAL_OCTILE_MIDPOINTS } from './distributions';
import { answerProbability, type Estimates, liveRingDistribution, meanWrapMs, nonLiveSurvival, talkDistribution } from './estimator';
import { type PacingState, room } from './types';

export interface PredictiveConfig {
  readonly kind: 'predictive';
  /** Variance floor added to the normal approximation (robustness when nearly deterministic). */
  readonly varianceFloor?: number;
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
}

export function predictiveModel(state: PacingState, est: Estimates, controller: AbandonController): PredictiveDiagnostics {
  const p = answerProbability(est);
  const ring = liveRingDistribution(est);
  const talk = talkDistribution(est);
  const wrap = meanWrapMs(est);
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

  for (const a of state.agents) {
    const e = Math.max(0, a.elapsedMs);
    if (a.state === 'available') {
      for (let k = 0; k < K; k++) fm[k]! += 1;
      continue;
    }
    if (a.state === 'wrap') {
      for (let k = 0; k < K; k++) if (e + tk[k]! + grace >= wrap) fm[k]! += 1;
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
    }
  }

  for (const r of state.ringing) {
    const e = Math.max(0, r.elapsedMs);
    const fe = cdf(ring, e);
    const denom = p * (1 - fe) + (1 - p) * survN(e);
    if (denom < 1e-12) continue;
    for (let k = 0; k < K; k++) {
      const q = Math.min(1, Math.max(0, (p * (cdf(ring, e + tk[k]!) - fe)) / denom));
      if (q <= 0) continue;
      cm[k]! += q;
      cv[k]! += q * (1 - q);
    }
  }
  for (let k = 0; k < K; k++) {
    free.push({ mean: fm[k]!, variance: fv[k]! });
    competing.push({ mean: cm[k]!, variance: cv[k]! });
  }
  return { theta: controllerTheta(controller), answerProbability: p, free, competing, perNewCall };
}

/** Probability that the n-th new call (n ≥ 1), if answered live, finds no representative. */
export function marginalAbandonProbability(m: PredictiveDiagnostics, n: number, varianceFloor = 0.25): number {
  const K = m.free.length;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const y = m.free[k] ?? { mean: 0, variance: 0 };
    const x = m.competing[k] ?? { mean: 0, variance: 0 };
    const r = m.perNewCall[k] ?? 0;
    const mean = y.mean - x.mean - (n - 1) * r;
    const variance = y.variance + x.variance + (n - 1) * r * (1 - r) + varianceFloor;
    // P(Y − X ≤ 0) with continuity correction.
    sum += normalCdf((0.5 - mean) / Math.sqrt(variance));
  }
  return K > 0 ? sum / K : 1;
}

export function predictiveDecision(cfg: PredictiveConfig, state: PacingState, est: Estimates, controller: AbandonController): number {
  const max = room(state);
  if (max <= 0 || state.agents.length === 0) return 0;
  const m = predictiveModel(state, est, controller);
  if (m.answerProbability <= 0) return max;
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
