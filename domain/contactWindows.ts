/**
 * Contact windows: the UTC intervals a business allows a delivery to be attempted in.
 * Timestamps travel as strings in the seed's format (yyyy-MM-ddTHH:mm:ss.fffZ).
 */
export interface WindowInput {
  start: string;
  end: string;
}

import { type ContactWindow, DEFAULT_WINDOW_MS } from './schedule';

export type { ContactWindow } from './schedule';

/** Strict seed format: UTC, milliseconds, trailing Z. */
export const WINDOW_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function isWindowTimestamp(value: string): boolean {
  return WINDOW_TIMESTAMP_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

/** No windows means "from now for the next 24 hours" (seed 000). */
export function windowsOrDefault(windows: WindowInput[] | undefined, now: Date): WindowInput[] {
  if (windows && windows.length > 0) return windows;
  return [{ start: now.toISOString(), end: new Date(now.getTime() + DEFAULT_WINDOW_MS).toISOString() }];
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

/**
 * The earliest instant at or after `now` that lies inside a window, or null when every window has closed.
 * Windows are half-open: [start, end).
 */
export function nextWindowInstant(windows: ContactWindow[], now: Date): Date | null {
  let best: number | null = null;
  for (const w of windows) {
    if (w.end.getTime() <= now.getTime() || w.end.getTime() <= w.start.getTime()) continue;
    const candidate = Math.max(w.start.getTime(), now.getTime());
    if (best === null || candidate < best) best = candidate;
  }
  return best === null ? null : new Date(best);
}

/** The window containing `at`, if any. */
export function windowContaining(windows: ContactWindow[], at: Date): ContactWindow | undefined {
  return windows.find((w) => w.start.getTime() <= at.getTime() && at.getTime() < w.end.getTime());
}
