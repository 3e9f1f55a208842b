/**
 * Brute-force reference for the schedule tests, written independently of domain/schedule: local
 * wall-clock fields come from luxon, one lookup per 15-minute UTC bucket. That is exact for the
 * zones and years used here (2025-2027), whose offsets are multiples of 15 minutes and whose
 * transitions fall on 15-minute UTC boundaries (checked in zoneClock.test.ts).
 */
import { DateTime } from 'luxon';
import type { DailyInterval, FrequencyLimits, ScheduleInput } from '../../../domain/schedule';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const QUARTER = 15 * MINUTE;

/** Zones used by the property tests: DST north and south, half-hour and 45-minute offsets, midnight transitions, none. */
export const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'America/St_Johns',
  'Pacific/Chatham',
  'Europe/Berlin',
  'America/Sao_Paulo',
  'Asia/Tokyo',
  'UTC',
  'America/Los_Angeles',
  'America/Santiago',
  'America/Havana',
  'Pacific/Auckland',
  'Asia/Kathmandu',
  'Australia/Adelaide',
  'Europe/Dublin',
  'Africa/Casablanca',
  'America/Phoenix',
  'Asia/Tehran',
] as const;

export interface Wall {
  /** ms since local midnight */
  tod: number;
  /** local calendar date, yyyy-MM-dd */
  date: string;
  /** ISO week, e.g. 2026-W10 */
  week: string;
}

const wallCache = new Map<string, Map<number, { tod: number; date: string; week: string }>>();

export function wall(ms: number, zone: string): Wall {
  const bucket = Math.floor(ms / QUARTER) * QUARTER;
  let byBucket = wallCache.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    wallCache.set(zone, byBucket);
  }
  let base = byBucket.get(bucket);
  if (!base) {
    const dt = DateTime.fromMillis(bucket, { zone });
    base = {
      tod: ((dt.hour * 60 + dt.minute) * 60 + dt.second) * 1000 + dt.millisecond,
      date: dt.toISODate() ?? '',
      week: `${dt.weekYear}-W${dt.weekNumber}`,
    };
    if (byBucket.size > 200_000) byBucket.clear();
    byBucket.set(bucket, base);
  }
  return { tod: base.tod + (ms - bucket), date: base.date, week: base.week };
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function quietOnClock(tod: number, intervals: DailyInterval[] | undefined): boolean {
  const t = tod / MINUTE;
  return (intervals ?? []).some(({ start, end }) => {
    const s = minutes(start);
    const e = minutes(end);
    if (s < e) return s <= t && t < e;
    if (s > e) return t >= s || t < e;
    return false;
  });
}

/** Local wall-clock reading as epoch ms of a UTC clock showing the same date and time. */
function localAbsolute(ms: number, zone: string): number {
  const w = wall(ms, zone);
  return Date.parse(`${w.date}T00:00:00.000Z`) + w.tod;
}

/** How far the clock must run forward from `tod` until it shows a time that is not quiet. */
function clockDistanceToQuietEnd(tod: number, intervals: DailyInterval[]): number {
  const ends = intervals.map(({ end }) => minutes(end) * MINUTE);
  const distances = ends.map((e) => (((e - tod) % DAY) + DAY) % DAY || DAY).sort((a, b) => a - b);
  for (const d of distances) if (!quietOnClock((tod + d) % DAY, intervals)) return d;
  return Number.POSITIVE_INFINITY;
}

/**
 * Quiet on the wall clock, or inside a quiet period that began before the clock went back and has
 * not yet reached its end time (replayed minute by minute over the last 26 hours).
 */
export function oracleQuiet(ms: number, intervals: DailyInterval[] | undefined, zone: string): boolean {
  if (quietOnClock(wall(ms, zone).tod, intervals)) return true;
  if (!intervals || intervals.length === 0) return false;
  const from = ms - 26 * HOUR;
  // No backward jump in the last 26 hours (offsets change at most once a day here): the clock alone decides.
  if (localAbsolute(from, zone) - from <= localAbsolute(ms, zone) - ms) return false;
  let remaining = 0;
  const offsetAt = (m: number) => localAbsolute(m, zone) - m;
  for (let m = from; m <= ms; m += MINUTE) {
    if (m > from) {
      const jump = offsetAt(m - MINUTE) - offsetAt(m);
      const t = jump === 0 ? undefined : zoneTransitions(zone).find((x) => x > m - MINUTE && x <= m);
      if (t === undefined) remaining -= MINUTE - jump;
      else {
        // The clock runs up to the transition, then jumps: a period that reached its end by then is over.
        remaining -= t - (m - MINUTE);
        remaining = remaining > 0 ? remaining + jump - (m - t) : 0;
      }
    }
    if (remaining <= 0 && quietOnClock(wall(m, zone).tod, intervals)) remaining = clockDistanceToQuietEnd(wall(m, zone).tod, intervals);
  }
  return remaining > 0;
}

export function oracleCapsAllow(ms: number, touches: Date[], limits: FrequencyLimits, zone: string): boolean {
  const here = wall(ms, zone);
  let day = 0;
  let week = 0;
  for (const touch of touches) {
    const w = wall(touch.getTime(), zone);
    if (w.date === here.date) day++;
    if (w.week === here.week) week++;
  }
  if (limits.perDay !== undefined && day >= limits.perDay) return false;
  if (limits.perWeek !== undefined && week >= limits.perWeek) return false;
  return true;
}

function zoneOf(contactZone: string | null | undefined, mode: 'contact' | 'utc'): string {
  if (mode === 'utc' || !contactZone) return 'UTC';
  return (ZONES as readonly string[]).includes(contactZone) ? contactZone : 'UTC';
}

/**
 * Brute-force "which numbers are callable at ms" for one input (window membership not checked):
 * quiet hours read on the wall clock of each number's zone, caps counted by local date and ISO week.
 */
export function makeCallableOracle(input: ScheduleInput): (ms: number) => string[] {
  const excluded = new Set(input.excludedNumberIds ?? []);
  const numbers = input.numbers.filter((n) => !excluded.has(n.numberId));
  const capsZoneByContact = new Map<string, string>();
  for (const n of numbers) {
    if (!capsZoneByContact.has(n.contactId)) capsZoneByContact.set(n.contactId, zoneOf(n.contactZone, input.capsTimeZoneMode ?? 'contact'));
  }
  // Touch buckets, read once per contact.
  const touchWalls = new Map<string, Wall[]>();
  for (const [contactId, zone] of capsZoneByContact) {
    const touches = Object.prototype.hasOwnProperty.call(input.touches, contactId) ? (input.touches[contactId] ?? []) : [];
    touchWalls.set(
      contactId,
      touches.map((t) => wall(t.getTime(), zone)),
    );
  }
  const { perDay, perWeek } = input.limits;
  const capsOk = (contactId: string, ms: number): boolean => {
    const here = wall(ms, capsZoneByContact.get(contactId) ?? 'UTC');
    let day = 0;
    let week = 0;
    for (const w of touchWalls.get(contactId) ?? []) {
      if (w.date === here.date) day++;
      if (w.week === here.week) week++;
    }
    return !((perDay !== undefined && day >= perDay) || (perWeek !== undefined && week >= perWeek));
  };
  return (ms) =>
    numbers
      .filter((n) => !oracleQuiet(ms, input.quietHours[n.phoneType], zoneOf(n.contactZone, input.timeZoneMode)))
      .filter((n) => capsOk(n.contactId, ms))
      .map((n) => n.numberId);
}

export function inSomeWindow(input: ScheduleInput, ms: number): boolean {
  return input.windows.some((w) => w.start.getTime() <= ms && ms < w.end.getTime());
}

/**
 * Every instant at which eligibility can switch on, in [from, until): `from`, window starts and
 * whole minutes (quiet ends, cap resets and offset transitions all fall on whole UTC minutes here),
 * restricted to the windows.
 */
export function candidateInstants(input: ScheduleInput, from: number, until: number): number[] {
  const out = new Set<number>();
  if (from < until && inSomeWindow(input, from)) out.add(from);
  for (const w of input.windows) {
    const s = Math.max(w.start.getTime(), from);
    const e = Math.min(w.end.getTime(), until);
    if (s >= e) continue;
    out.add(s);
    for (let m = Math.ceil(s / MINUTE) * MINUTE; m < e; m += MINUTE) out.add(m);
  }
  return [...out].sort((a, b) => a - b);
}

/** Offset transitions of `zone` between two instants (weekly scan, then bisection to the ms). */
export function transitionsOf(zone: string, fromMs: number, toMs: number): number[] {
  const offset = (ms: number): number => DateTime.fromMillis(ms, { zone }).offset;
  const out: number[] = [];
  const STEP = 7 * DAY;
  for (let lo = fromMs; lo < toMs; lo += STEP) {
    let a = lo;
    const hi = Math.min(lo + STEP, toMs);
    while (offset(a) !== offset(hi)) {
      const offA = offset(a);
      let l = a;
      let h = hi;
      while (h - l > 1) {
        const mid = l + Math.floor((h - l) / 2);
        if (offset(mid) === offA) l = mid;
        else h = mid;
      }
      out.push(h);
      a = h;
    }
  }
  return out;
}

export const RANGE_START = Date.UTC(2025, 0, 1);
export const RANGE_END = Date.UTC(2028, 0, 1);

const transitionCache = new Map<string, number[]>();
export function zoneTransitions(zone: string): number[] {
  let list = transitionCache.get(zone);
  if (!list) {
    list = transitionsOf(zone, RANGE_START, RANGE_END);
    transitionCache.set(zone, list);
  }
  return list;
}

export function hhmm(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
