/**
 * Online estimates of what pacing needs, learnt from the outcomes seen: answer probability, the
 * ring time of live answers (lognormal), the release time of non-live calls (histogram), talk time
 * (lognormal) and wrap-up time (mean). Older observations are forgotten exponentially in time.
 *
 * A plain JSON-serialisable value: `observeOutcome` returns a new value and never mutates its input,
 * so a workflow can keep it in its state.
 */
import { type Lognormal, lognormalFromMeanCv } from './distributions';

export type Outcome =
  /** A person answered after `ringMs` (whether then connected or abandoned). */
  | { readonly kind: 'live'; readonly atMs: number; readonly ringMs: number }
  /** Busy, invalid, answering machine or no answer: the line was released after `durationMs`. */
  | { readonly kind: 'nonLive'; readonly atMs: number; readonly durationMs: number }
  /** A conversation ended: talk time and the wrap-up that followed. */
  | { readonly kind: 'handled'; readonly atMs: number; readonly talkMs: number; readonly wrapMs: number }
  /**
   * A conversation ended and only the queue's average handle time is known, not this one's talk and
   * wrap-up. Learnt as the average with the prior's spread (`cv`, default the prior's talk cv): as
   * plain observations, identical values would teach a spread of zero, and pacing would take every
   * conversation to end exactly at the average.
   */
  | { readonly kind: 'handledOnAverage'; readonly atMs: number; readonly handleMs: number; readonly cv?: number };

/** Weighted log-moments of a lognormal fit. */
export interface LogMoments {
  readonly w: number;
  readonly s1: number;
  readonly s2: number;
}

export interface EstimatorConfig {
  /** Forgetting time constant of the answer probability (ms). */
  readonly answerTauMs: number;
  /** Forgetting time constant of ring/release/talk/wrap distributions (ms). */
  readonly durationTauMs: number;
  /** Width of a non-live release-time histogram bin (ms) and number of bins (the last one is open). */
  readonly binMs: number;
  readonly bins: number;
}

export interface Estimates {
  readonly config: EstimatorConfig;
  readonly lastMs: number | null;
  /** Beta(live, notLive) pseudo-counts. */
  readonly live: number;
  readonly notLive: number;
  readonly ring: LogMoments;
  readonly talk: LogMoments;
  readonly wrapW: number;
  readonly wrapSum: number;
  readonly nonLiveBins: readonly number[];
}

export interface Priors {
  readonly answerProbability: number;
  readonly answerWeight: number;
  readonly ringMeanMs: number;
  readonly ringCv: number;
  readonly talkMeanMs: number;
  readonly talkCv: number;
  readonly wrapMeanMs: number;
  /** Weight (in observations) of each duration prior. */
  readonly durationWeight: number;
  /** Non-live release times are assumed uniform on [0, this] a priori. */
  readonly nonLiveMaxMs: number;
}

export const DEFAULT_PRIORS: Priors = {
  answerProbability: 0.2,
  answerWeight: 5,
  ringMeanMs: 8_000,
  ringCv: 0.5,
  talkMeanMs: 120_000,
  talkCv: 1,
  wrapMeanMs: 10_000,
  durationWeight: 3,
  nonLiveMaxMs: 30_000,
};

export const DEFAULT_ESTIMATOR_CONFIG: EstimatorConfig = {
  answerTauMs: 20 * 60_000,
  durationTauMs: 60 * 60_000,
  binMs: 1_000,
  bins: 90,
};

function momentsFromPrior(meanMs: number, cv: number, weight: number): LogMoments {
  const d = lognormalFromMeanCv(meanMs, cv);
  return { w: weight, s1: weight * d.mu, s2: weight * (d.sigma * d.sigma + d.mu * d.mu) };
}

export function initialEstimates(priors: Partial<Priors> = {}, config: Partial<EstimatorConfig> = {}): Estimates {
  const p = { ...DEFAULT_PRIORS, ...priors };
  const c = { ...DEFAULT_ESTIMATOR_CONFIG, ...config };
  const bins = new Array<number>(c.bins).fill(0);
  const priorBins = Math.max(1, Math.min(c.bins, Math.ceil(p.nonLiveMaxMs / c.binMs)));
  for (let i = 0; i < priorBins; i++) bins[i] = p.durationWeight / priorBins;
  return {
    config: c,
    lastMs: null,
    live: p.answerWeight * p.answerProbability,
    notLive: p.answerWeight * (1 - p.answerProbability),
    ring: momentsFromPrior(p.ringMeanMs, p.ringCv, p.durationWeight),
    talk: momentsFromPrior(p.talkMeanMs, p.talkCv, p.durationWeight),
    wrapW: p.durationWeight,
    wrapSum: p.durationWeight * p.wrapMeanMs,
    nonLiveBins: bins,
  };
}

function decayMoments(m: LogMoments, f: number): LogMoments {
  return { w: m.w * f, s1: m.s1 * f, s2: m.s2 * f };
}

function addLog(m: LogMoments, xMs: number): LogMoments {
  const l = Math.log(Math.max(1, xMs));
  return { w: m.w + 1, s1: m.s1 + l, s2: m.s2 + l * l };
}

/** Returns new estimates including `o`; outcomes with invalid numbers are ignored. */
export function observeOutcome(e: Estimates, o: Outcome): Estimates {
  if (!Number.isFinite(o.atMs)) return e;
  const dt = e.lastMs === null ? 0 : Math.max(0, o.atMs - e.lastMs);
  const fa = Math.exp(-dt / e.config.answerTauMs);
  const fd = Math.exp(-dt / e.config.durationTauMs);
  let next: Estimates = {
    ...e,
    lastMs: Math.max(o.atMs, e.lastMs ?? o.atMs),
    live: e.live * fa,
    notLive: e.notLive * fa,
    ring: decayMoments(e.ring, fd),
    talk: decayMoments(e.talk, fd),
    wrapW: e.wrapW * fd,
    wrapSum: e.wrapSum * fd,
    nonLiveBins: fd === 1 ? e.nonLiveBins : e.nonLiveBins.map((b) => b * fd),
  };
  switch (o.kind) {
    case 'live':
      if (!(o.ringMs >= 0)) return next;
      next = { ...next, live: next.live + 1, ring: addLog(next.ring, o.ringMs) };
      break;
    case 'nonLive': {
      if (!(o.durationMs >= 0)) return next;
      const bins = next.nonLiveBins.slice();
      const i = Math.min(bins.length - 1, Math.floor(o.durationMs / e.config.binMs));
      bins[i] = (bins[i] ?? 0) + 1;
      next = { ...next, notLive: next.notLive + 1, nonLiveBins: bins };
      break;
    }
    case 'handled':
      if (!(o.talkMs >= 0) || !(o.wrapMs >= 0)) return next;
      next = { ...next, talk: addLog(next.talk, o.talkMs), wrapW: next.wrapW + 1, wrapSum: next.wrapSum + o.wrapMs };
      break;
    case 'handledOnAverage': {
      if (!(o.handleMs > 0)) return next;
      // One observation's worth of a lognormal with this mean and spread; the wrap-up is inside the handle time.
      const d = lognormalFromMeanCv(o.handleMs, o.cv ?? DEFAULT_PRIORS.talkCv);
      const t = next.talk;
      next = { ...next, talk: { w: t.w + 1, s1: t.s1 + d.mu, s2: t.s2 + d.sigma * d.sigma + d.mu * d.mu }, wrapW: next.wrapW + 1 };
      break;
    }
  }
  return next;
}

export function answerProbability(e: Estimates): number {
  const t = e.live + e.notLive;
  return t > 0 ? e.live / t : 0;
}

function fit(m: LogMoments): Lognormal {
  const mu = m.s1 / m.w;
  const v = Math.max(1e-6, m.s2 / m.w - mu * mu);
  return { mu, sigma: Math.sqrt(v) };
}

export function liveRingDistribution(e: Estimates): Lognormal {
  return fit(e.ring);
}

export function talkDistribution(e: Estimates): Lognormal {
  return fit(e.talk);
}

export function meanWrapMs(e: Estimates): number {
  return e.wrapW > 0 ? e.wrapSum / e.wrapW : 0;
}

/**
 * Survival function of non-live release times, S(t) = P(release > t), as a closure over cumulative
 * bin weights (linear inside a bin). Build it once per decision.
 */
export function nonLiveSurvival(e: Estimates): (tMs: number) => number {
  const bins = e.nonLiveBins;
  const total = bins.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const b of bins) {
    acc += b;
    cum.push(acc);
  }
  const w = e.config.binMs;
  return (tMs: number): number => {
    if (total <= 0) return tMs <= 0 ? 1 : 0;
    if (tMs <= 0) return 1;
    const i = Math.floor(tMs / w);
    if (i >= bins.length - 1) {
      const last = bins[bins.length - 1] ?? 0;
      return last / total / (1 + (tMs - (bins.length - 1) * w) / w); // open last bin: slow decay
    }
    const before = i > 0 ? (cum[i - 1] ?? 0) : 0;
    const within = (bins[i] ?? 0) * ((tMs - i * w) / w);
    return Math.max(0, 1 - (before + within) / total);
  };
}
