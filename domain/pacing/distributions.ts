/** Small numeric helpers: normal and lognormal distributions (pure, deterministic). */

/** erf, Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

export function normalCdf(z: number): number {
  if (z < -8) return 0;
  if (z > 8) return 1;
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Lognormal by the parameters of its logarithm. */
export interface Lognormal {
  readonly mu: number;
  readonly sigma: number;
}

export function lognormalFromMeanCv(mean: number, cv: number): Lognormal {
  const s2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - s2 / 2, sigma: Math.sqrt(s2) };
}

export function lognormalMean(d: Lognormal): number {
  return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
}

export function lognormalCdf(d: Lognormal, x: number): number {
  if (x <= 0) return 0;
  if (d.sigma <= 0) return x >= Math.exp(d.mu) ? 1 : 0;
  return normalCdf((Math.log(x) - d.mu) / d.sigma);
}

/** Standard-normal quantiles at (k + 0.5) / 8, k = 0..7 (used to integrate over ring times). */
// The literals are the shortest round-trip forms of the doubles (String(x) prints them back unchanged).
/* eslint-disable no-loss-of-precision */
export const NORMAL_OCTILE_MIDPOINTS: readonly number[] = [
  -1.5341205443525463, -0.887146559018876, -0.48877641111466947, -0.15731068461017067, 0.15731068461017067, 0.48877641111466947,
  0.887146559018876, 1.5341205443525463,
];
/* eslint-enable no-loss-of-precision */
