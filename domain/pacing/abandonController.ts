/**
 * Abandon-rate feedback: a stochastic-approximation integral controller on the log of the marginal
 * abandon threshold used by the predictive policy. Each resolved live answer nudges it up (connected)
 * or down (abandoned) so that, in the long run, the measured abandon rate settles at the set point.
 * A plain JSON value; `observeLiveAnswer` returns a new one.
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
}

export function initialController(setPoint: number, gain = 0.004, initialTheta = setPoint): AbandonController {
  const sp = Math.min(0.5, Math.max(1e-4, setPoint));
  return {
    logTheta: Math.log(Math.min(0.5, Math.max(sp / 20, initialTheta))),
    setPoint: sp,
    gain,
    minLogTheta: Math.log(sp / 20),
    maxLogTheta: Math.log(0.5),
    recentLive: 0,
    recentAbandoned: 0,
  };
}

export function observeLiveAnswer(c: AbandonController, abandoned: boolean): AbandonController {
  const indicator = abandoned ? 1 : 0;
  const step = (c.gain * (c.setPoint - indicator)) / c.setPoint;
  const logTheta = Math.min(c.maxLogTheta, Math.max(c.minLogTheta, c.logTheta + step));
  return {
    ...c,
    logTheta,
    recentLive: c.recentLive * 0.999 + 1,
    recentAbandoned: c.recentAbandoned * 0.999 + indicator,
  };
}

export function controllerTheta(c: AbandonController): number {
  return Math.exp(c.logTheta);
}
