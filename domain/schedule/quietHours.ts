/**
 * Quiet hours: daily local wall-clock intervals during which a number must not be called.
 *
 * Definition (the only one used anywhere): an instant is quiet iff the wall-clock time of day it
 * shows in the zone, t, satisfies start <= t < end (or, for an interval crossing midnight,
 * t >= start || t < end). Consequences on DST days, all handled exactly:
 * - a quiet period ending 08:00 ends at the instant the clock reads 08:00 (12:00Z on 2026-03-08 and
 *   13:00Z on 2026-11-01 in America/New_York);
 * - an end inside a skipped hour (quiet until 02:30 on a spring-forward night) is reached at the
 *   jump itself: from 03:00 on, the clock reads >= 02:30;
 * - in a repeated hour the clock reads the same times twice, so the number is quiet (or not) twice:
 *   quiet 01:30-02:30 on a fall-back night ends at the jump back to 01:00, is quiet again from the
 *   second 01:30 and ends at 02:30 standard time.
 */
import { DAY_MS, MINUTE_MS, instantMs } from './timeConstants';
import { parseLocalTime } from './localTimeOfDay';
import type { DailyInterval } from './types';
import { type ZoneClock, localTimeOfDay, zoneClock } from './zoneClock';

/** Quiet hours in a form evaluated without parsing: merged [from, to) ranges of ms of day. */
export interface CompiledQuietHours {
  /** 'none': never quiet; 'always': quiet at every time of day; 'some': otherwise. */
  readonly coverage: 'none' | 'always' | 'some';
  /** Disjoint, sorted, non-adjacent [from, to) ranges within [0, DAY_MS). */
  readonly ranges: ReadonlyArray<readonly [number, number]>;
  /** Times of day at which quiet ends when the clock runs forward (the non-quiet ranges' starts). */
  readonly endTimes: readonly number[];
}

/** Parses and merges intervals; throws RangeError on a malformed "HH:mm". */
export function compileQuietHours(intervals: readonly DailyInterval[] | undefined): CompiledQuietHours {
  const raw: Array<[number, number]> = [];
  for (const interval of intervals ?? []) {
    const start = parseLocalTime(interval.start) * MINUTE_MS;
    const end = parseLocalTime(interval.end) * MINUTE_MS;
    if (start < end) raw.push([start, end]);
    else if (start > end) {
      raw.push([start, DAY_MS]);
      if (end > 0) raw.push([0, end]);
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  const ranges: Array<[number, number]> = [];
  for (const [from, to] of raw) {
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  }
  if (ranges.length === 0) return { coverage: 'none', ranges, endTimes: [] };
  const first = ranges[0];
  if (ranges.length === 1 && first && first[0] === 0 && first[1] === DAY_MS) return { coverage: 'always', ranges, endTimes: [] };
  const endTimes = ranges.map(([, to]) => to % DAY_MS).filter((t) => !isQuietTimeOfDay(ranges, t));
  return { coverage: 'some', ranges, endTimes };
}

function isQuietTimeOfDay(ranges: ReadonlyArray<readonly [number, number]>, timeOfDay: number): boolean {
  for (const [from, to] of ranges) {
    if (timeOfDay < from) return false;
    if (timeOfDay < to) return true;
  }
  return false;
}

/** Whether `timeOfDayMs` (ms since local midnight) is quiet. */
export function isQuietAt(compiled: CompiledQuietHours, timeOfDayMs: number): boolean {
  return compiled.coverage !== 'none' && isQuietTimeOfDay(compiled.ranges, timeOfDayMs);
}

const MAX_SEGMENTS = 64;

/**
 * Earliest instant >= `ms` that is not quiet, or null when quiet hours cover the whole day.
 * Walks the zone's constant-offset segments: inside one, the clock runs with the instant, so the
 * next quiet end is found by arithmetic; if a transition comes first, resume from the transition
 * (where the clock may jump into, out of or back into quiet hours).
 */
export function quietEndMs(compiled: CompiledQuietHours, clock: ZoneClock, ms: number): number | null {
  if (compiled.coverage === 'none') return ms;
  if (compiled.coverage === 'always') return null;
  let x = ms;
  // Each turn either answers or moves to the next offset transition; a non-empty set of non-quiet
  // times of day is reached within a day or two, so a few turns always suffice.
  for (let turn = 0; turn < MAX_SEGMENTS; turn++) {
    const timeOfDay = localTimeOfDay(clock.localMs(x));
    if (!isQuietTimeOfDay(compiled.ranges, timeOfDay)) return x;
    let wait = DAY_MS;
    for (const end of compiled.endTimes) {
      const d = end > timeOfDay ? end - timeOfDay : end + DAY_MS - timeOfDay;
      if (d < wait) wait = d;
    }
    const target = x + wait;
    const transition = clock.nextTransition(x, target);
    if (transition === null) return target;
    x = transition;
  }
  throw new Error(`schedule: quiet hours in ${clock.zone} did not end within ${MAX_SEGMENTS} offset segments (bug)`);
}

/**
 * Whether `at` falls in quiet hours, on the local wall clock of `zone` (an IANA name, e.g. from
 * resolveZone; an invalid one is read as UTC). No intervals (undefined or []) = never quiet.
 */
export function isInQuietHours(at: Date, intervals: readonly DailyInterval[] | undefined, zone: string): boolean {
  const ms = instantMs(at, 'at');
  const compiled = compileQuietHours(intervals);
  if (compiled.coverage === 'none') return false;
  return isQuietAt(compiled, localTimeOfDay(zoneClock(zone).localMs(ms)));
}

/**
 * The earliest instant >= `at` at which the number is not in quiet hours: `at` itself when it is
 * not quiet, otherwise the instant the quiet period ends (exact across DST, see the module note).
 * null when the intervals cover the whole day (the number is never callable).
 */
export function quietHoursEndAfter(at: Date, intervals: readonly DailyInterval[] | undefined, zone: string): Date | null {
  const end = quietEndMs(compileQuietHours(intervals), zoneClock(zone), instantMs(at, 'at'));
  return end === null ? null : new Date(end);
}
