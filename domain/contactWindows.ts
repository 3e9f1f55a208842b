/**
 * Contact windows: the UTC intervals a business allows a delivery to be attempted in.
 * Timestamps travel as strings in the seed's format (yyyy-MM-ddTHH:mm:ss.fffZ).
 */
export interface WindowInput {
  start: string;
  end: string;
}

import { type ContactWindow, defaultWindow } from './schedule';

export type { ContactWindow } from './schedule';

/** Strict seed format: UTC, milliseconds, trailing Z. */
export const WINDOW_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isWindowTimestamp(value: string): boolean {
  return WINDOW_TIMESTAMP_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
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
