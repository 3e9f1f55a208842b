/** What one simulated shift measured, and how results are summarised. */
export interface LiveAnswer {
  readonly atMs: number;
  readonly abandoned: boolean;
  /** Answer → representative connected (connected calls only). */
  readonly delayMs: number;
}

export interface ShiftRecord {
  readonly agents: number;
  readonly shiftMs: number;
  dials: number;
  handleMs: number;
  idleGapsMs: number[];
  live: LiveAnswer[];
}

export interface ShiftMetrics {
  occupancy: number;
  abandonRate: number;
  worstHourAbandonRate: number;
  connectsPerAgentHour: number;
  dialsPerConnect: number;
  meanIdleGapS: number;
  p99ConnectDelayS: number;
}

const HOUR = 3_600_000;

/** Highest abandon rate over 1-hour windows starting every minute (the whole shift if shorter). */
export function worstRollingHour(live: readonly LiveAnswer[], shiftMs: number): number {
  return worstRollingHourAt(live, shiftMs).rate;
}

/** Like worstRollingHour, with the start (ms) of the worst window. */
export function worstRollingHourAt(live: readonly LiveAnswer[], shiftMs: number): { rate: number; startMs: number } {
  const window = Math.min(HOUR, shiftMs);
  const times = live.map((l) => l.atMs);
  const ab: number[] = [0];
  for (const l of live) ab.push((ab[ab.length - 1] ?? 0) + (l.abandoned ? 1 : 0));
  const lowerBound = (t: number): number => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if ((times[m] ?? 0) < t) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  let worst = 0;
  let worstStart = 0;
  for (let start = 0; start + window <= shiftMs + 1e-6; start += 60_000) {
    const i = lowerBound(start);
    const j = lowerBound(start + window);
    const n = j - i;
    if (n > 0) {
      const r = ((ab[j] ?? 0) - (ab[i] ?? 0)) / n;
      if (r > worst) {
        worst = r;
        worstStart = start;
      }
    }
  }
  return { rate: worst, startMs: worstStart };
}

/** Abandon rate per clock hour of the shift ([0,1h), [1h,2h), ...). */
export function hourlyAbandonRates(live: readonly LiveAnswer[], shiftMs: number): number[] {
  const hours = Math.max(1, Math.ceil(shiftMs / HOUR - 1e-9));
  const n = new Array<number>(hours).fill(0);
  const a = new Array<number>(hours).fill(0);
  for (const l of live) {
    const h = Math.min(hours - 1, Math.floor(l.atMs / HOUR));
    n[h]! += 1;
    if (l.abandoned) a[h]! += 1;
  }
  return n.map((x, h) => (x > 0 ? (a[h] ?? 0) / x : 0));
}

export function summarise(r: ShiftRecord): ShiftMetrics {
  const connected = r.live.filter((l) => !l.abandoned);
  const abandoned = r.live.length - connected.length;
  const delays = connected.map((l) => l.delayMs).sort((a, b) => a - b);
  const p99 = delays.length > 0 ? (delays[Math.max(0, Math.ceil(0.99 * delays.length) - 1)] ?? 0) : 0;
  const agentHours = (r.agents * r.shiftMs) / HOUR;
  return {
    occupancy: r.handleMs / (r.agents * r.shiftMs),
    abandonRate: r.live.length > 0 ? abandoned / r.live.length : 0,
    worstHourAbandonRate: worstRollingHour(r.live, r.shiftMs),
    connectsPerAgentHour: connected.length / agentHours,
    dialsPerConnect: connected.length > 0 ? r.dials / connected.length : Number.POSITIVE_INFINITY,
    meanIdleGapS: r.idleGapsMs.length > 0 ? r.idleGapsMs.reduce((a, b) => a + b, 0) / r.idleGapsMs.length / 1000 : 0,
    p99ConnectDelayS: p99 / 1000,
  };
}

export function average(ms: readonly ShiftMetrics[]): ShiftMetrics & { worstHourMax: number } {
  const keys: (keyof ShiftMetrics)[] = [
    'occupancy',
    'abandonRate',
    'worstHourAbandonRate',
    'connectsPerAgentHour',
    'dialsPerConnect',
    'meanIdleGapS',
    'p99ConnectDelayS',
  ];
  const out = {} as ShiftMetrics & { worstHourMax: number };
  for (const k of keys) out[k] = ms.reduce((a, m) => a + m[k], 0) / Math.max(1, ms.length);
  out.worstHourMax = ms.reduce((a, m) => Math.max(a, m.worstHourAbandonRate), 0);
  return out;
}
