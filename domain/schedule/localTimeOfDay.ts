/** "HH:mm" local wall-clock times of day, as used by quiet hours. */
import type { DailyInterval } from './types';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for "00:00" .. "23:59" (two-digit hour and minute). */
export function isValidLocalTime(value: string): boolean {
  return typeof value === 'string' && HH_MM.test(value);
}

/** Minutes since local midnight of "HH:mm"; throws RangeError on anything else. */
export function parseLocalTime(value: string): number {
  const match = typeof value === 'string' ? HH_MM.exec(value) : null;
  if (!match) throw new RangeError(`schedule: "${String(value)}" is not a local time "HH:mm" (00:00..23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** True when both ends are valid "HH:mm" (start == end is valid and means an empty interval). */
export function isValidDailyInterval(interval: DailyInterval): boolean {
  return typeof interval === 'object' && interval !== null && isValidLocalTime(interval.start) && isValidLocalTime(interval.end);
}
