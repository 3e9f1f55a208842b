import type { SimulatedCall } from '../../simulator/dialerSimulator';

/** Most calls in flight at once (placed, no result yet), from the dialer's own log. */
export function maxInFlight(calls: SimulatedCall[]): number {
  const edges = calls
    .flatMap((c) => [
      { t: c.requestedAt.getTime(), d: 1 },
      { t: c.finishesAt.getTime(), d: -1 },
    ])
    .sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of edges) max = Math.max(max, (now += e.d));
  return max;
}
