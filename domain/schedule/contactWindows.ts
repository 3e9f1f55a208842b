/** Contact windows: half-open UTC intervals [start, end) a delivery may be attempted in. */
import { DAY_MS, instantMs } from './timeConstants';
import type { ContactWindow } from './types';

/** Length of the window used when a request gives none (seed 000: now until 24 hours later). */
export const DEFAULT_WINDOW_MS = DAY_MS;

/** The default window [now, now + 24 h). */
export function defaultWindow(now: Date): ContactWindow {
  const ms = instantMs(now, 'now');
  return { start: new Date(ms), end: new Date(ms + DEFAULT_WINDOW_MS) };
}

/**
 * Sorted by start, overlapping or touching windows merged, empty or invalid ones (end <= start,
 * invalid Dates) dropped. Returns new Date objects; the input is not modified.
 */
export function normaliseWindows(windows: readonly ContactWindow[]): ContactWindow[] {
  const spans: Array<[number, number]> = [];
  for (const w of windows) {
    const start = w.start instanceof Date ? w.start.getTime() : Number.NaN;
    const end = w.end instanceof Date ? w.end.getTime() : Number.NaN;
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) spans.push([start, end]);
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}
