/** Millisecond constants and arithmetic shared by the schedule module. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** Mathematical modulo: the result has the sign of `m` (always >= 0 for m > 0). */
export function mod(n: number, m: number): number {
  const r = n % m;
  return r < 0 ? r + m : r;
}

/** Epoch milliseconds of a Date, throwing on an invalid Date (a programming error upstream). */
export function instantMs(at: Date, what = 'instant'): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`schedule: ${what} is not a valid Date`);
  return ms;
}
