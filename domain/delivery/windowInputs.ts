/**
 * Contact windows: the UTC intervals a business allows a delivery to be attempted in.
 * Timestamps travel as strings in the seed's format (yyyy-MM-ddTHH:mm:ss.fffZ).
 */
export interface WindowInput {
  start: string;
  end: string;
}

import { isRealDateTime } from '../calendar';
import { type ContactWindow, defaultWindow } from '../schedule';

export type { ContactWindow } from '../schedule';

/** Strict seed format: UTC, milliseconds, trailing Z. */
export const WINDOW_TIMESTAMP_FORMAT = 'yyyy-MM-ddTHH:mm:ss.fffZ';
export const WINDOW_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const TIMESTAMP_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;

/**
 * The seed format and a real instant: year 0001..9999, a day that exists in its month (no 2027-02-29,
 * no 04-31), hours 00..23, minutes and seconds 00..59. Date.parse alone rolls 2027-02-30 forward to
 * March and reads hour 24 as the next day, so the string stored would not be the instant used.
 */
export function isWindowTimestamp(value: string): boolean {
  const parts = typeof value === 'string' ? TIMESTAMP_PARTS.exec(value) : null;
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [number, number, number, number, number, number];
  return isRealDateTime(year, month, day, hour, minute, second);
}

/** No windows means "from now for the next 24 hours" (seed 000). */
export function windowsOrDefault(windows: WindowInput[] | undefined, now: Date): WindowInput[] {
  if (windows && windows.length > 0) return windows;
  const window = defaultWindow(now);
  return [{ start: window.start.toISOString(), end: window.end.toISOString() }];
}

export function parseWindows(windows: WindowInput[]): ContactWindow[] {
  return windows.map((w) => ({ start: new Date(w.start), end: new Date(w.end) }));
}

/** The earliest start and latest end, for the reporting columns. */
export function windowBounds(windows: WindowInput[]): { start: string; end: string } {
  const parsed = parseWindows(windows);
  const start = Math.min(...parsed.map((w) => w.start.getTime()));
  const end = Math.max(...parsed.map((w) => w.end.getTime()));
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** The window containing `at`, if any. */
export function windowContaining(windows: ContactWindow[], at: Date): ContactWindow | undefined {
  return windows.find((w) => w.start.getTime() <= at.getTime() && at.getTime() < w.end.getTime());
}
