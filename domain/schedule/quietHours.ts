/**
 * Quiet hours: daily local wall-clock intervals during which a number must not be called.
 *
 * Definition (the only one used anywhere): an instant is quiet iff
 * - the wall-clock time of day it shows in the zone, t, satisfies start <= t < end (or, for an
 *   interval crossing midnight, t >= start || t < end); or
 * - a quiet period was in progress when the clock went back (a fall-back transition) and the clock
 *   has not yet reached that period's end time: a quiet period, once begun, lasts until its end.
 * Consequences on DST days, all handled exactly:
 * - a quiet period ending 08:00 ends at the instant the clock reads 08:00 (12:00Z on 2026-03-08 and
 *   13:00Z on 2026-11-01 in America/New_York);
 * - an end inside a skipped hour (quiet until 02:30 on a spring-forward night) is reached at the
 *   jump itself: from 03:00 on, the clock reads >= 02:30;
 * - in a repeated hour, a period that began before the jump back keeps going: quiet 01:30-07:00
 *   begun at 01:30 EDT stays quiet through the second 01:00-01:30 (EST) and ends at 07:00 EST, so
 *   nobody is called "between two quiet stretches"; quiet 01:30-02:30 ends at 02:30 EST, not at the
 *   jump. A period the clock jumps back into (quiet 01:00-01:30, jump from 02:00 to 01:00) is quiet
 *   again on the wall clock, as the first rule says.
 * Offsets change at most once in any 48 hours in every zone in use; the carried period looks back
 * that far for a backward jump.
 */
import { DAY_MS, MINUTE_MS, instantMs, mod } from './timeConstants';
import { parseLocalTime } from './localTimeOfDay';
import type { DailyInterval } from './types';
import { type ZoneClock, localTimeOfDay, zoneClock } from './zoneClock';

/** How far back a fall-back transition can still carry a quiet period (a jump back plus a whole day's period). */
const CARRY_LOOKBACK_MS = 2 * DAY_MS;

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

/** Whether `timeOfDayMs` (ms since local midnight) is quiet on the wall clock (ignores carried periods). */
export function isQuietAt(compiled: CompiledQuietHours, timeOfDayMs: number): boolean {
  return compiled.coverage !== 'none' && isQuietTimeOfDay(compiled.ranges, timeOfDayMs);
}

/** Whether instant `ms` is quiet: on the wall clock, or in a period carried over a jump back. */
export function isQuietInstant(compiled: CompiledQuietHours, clock: ZoneClock, ms: number): boolean {
  if (compiled.coverage === 'none') return false;
  return isQuietTimeOfDay(compiled.ranges, localTimeOfDay(clock.localMs(ms))) || carriedQuietEnd(compiled, clock, ms) !== null;
}

/**
 * When `ms` lies after a backward offset transition T that interrupted a quiet period, and the
 * clock has not yet come back to that period's end time, the instant the period ends; else null.
 * The clock read L1 just before T and L0 = L1 - jump after it; the period was heading for its next
 * end time E, (E - L1) away, so the clock reaches E at T + jump + (E - L1).
 */
function carriedQuietEnd(compiled: CompiledQuietHours, clock: ZoneClock, ms: number): number | null {
  if (compiled.coverage !== 'some') return null;
  let latestBack: number | null = null;
  for (let t = clock.nextTransition(ms - CARRY_LOOKBACK_MS, ms); t !== null; t = clock.nextTransition(t, ms)) {
    if (clock.offsetAt(t) < clock.offsetAt(t - 1)) latestBack = t;
  }
  if (latestBack === null) return null;
  const before = localTimeOfDay(clock.localMs(latestBack - 1));
  if (!isQuietTimeOfDay(compiled.ranges, before)) return null;
  const clockAtJump = before + 1;
  let toEnd = DAY_MS;
  for (const end of compiled.endTimes) {
    const d = mod(end - clockAtJump, DAY_MS);
    if (d < toEnd) toEnd = d;
  }
  // The clock reached the end exactly at the jump: that period is over (the wall clock decides from here).
  if (toEnd === 0) return null;
  const jump = clock.offsetAt(latestBack - 1) - clock.offsetAt(latestBack);
  const until = latestBack + jump + toEnd;
  return ms < until ? until : null;
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
    if (!isQuietTimeOfDay(compiled.ranges, timeOfDay)) {
      const carried = carriedQuietEnd(compiled, clock, x);
      if (carried === null) return x;
      x = carried;
      continue;
    }
    let wait = DAY_MS;
    for (const end of compiled.endTimes) {
      const d = end > timeOfDay ? end - timeOfDay : end + DAY_MS - timeOfDay;
      if (d < wait) wait = d;
    }
    const target = x + wait;
    // At `target` the wall clock is out of quiet hours; the next turn still checks for a carried period.
    x = clock.nextTransition(x, target) ?? target;
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
  return isQuietInstant(compiled, zoneClock(zone), ms);
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
