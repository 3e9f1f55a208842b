/**
 * Frequency caps: at most `perDay` touches (calls placed, SMS sent) per local calendar day and
 * `perWeek` per ISO week (Monday 00:00 start) in the contact's zone, across all engagements.
 *
 * Days and weeks are those of the local wall clock: a touch counts for the local date it happened
 * on, and a candidate instant is allowed iff its own local day and week are under the limits. The
 * cap frees at the first instant whose local date is a new day (or a new week): local midnight, or
 * the DST transition itself where midnight does not exist (e.g. America/Santiago, America/Havana).
 * All touches of a bucket count, including any later than the instant asked about.
 */
import { DAY_MS, WEEK_MS, instantMs } from './timeConstants';
import type { FrequencyLimits } from './types';
import { type ZoneClock, isoWeekIndex, localDayNumber, zoneClock } from './zoneClock';

/** Touches older than this before the first instant asked about cannot share its local week. */
const RELEVANT_HISTORY_MS = WEEK_MS + 3 * DAY_MS;

/** Touch counts of one contact by local day and ISO week, evaluated at any instant >= `fromMs`. */
export class CapCounter {
  private readonly perDay: number | undefined;
  private readonly perWeek: number | undefined;
  private readonly byDay = new Map<number, number>();
  private readonly byWeek = new Map<number, number>();
  private readonly maxTurns: number;

  constructor(
    touches: readonly Date[],
    limits: FrequencyLimits,
    private readonly clock: ZoneClock,
    fromMs: number,
  ) {
    this.perDay = activeLimit(limits.perDay);
    this.perWeek = activeLimit(limits.perWeek);
    let counted = 0;
    if (this.perDay !== undefined || this.perWeek !== undefined) {
      for (const touch of touches) {
        const ms = touch instanceof Date ? touch.getTime() : Number.NaN;
        if (!Number.isFinite(ms) || ms < fromMs - RELEVANT_HISTORY_MS) continue;
        const day = localDayNumber(clock.localMs(ms));
        const week = isoWeekIndex(day);
        this.byDay.set(day, (this.byDay.get(day) ?? 0) + 1);
        this.byWeek.set(week, (this.byWeek.get(week) ?? 0) + 1);
        counted++;
      }
    }
    // A blocked day or week needs touches in it; each local day is left in at most a few turns
    // (midnight plus any transition), so this bound is generous.
    this.maxTurns = 64 + 32 * counted;
  }

  /** True when a limit of 0 (or less) forbids every touch. */
  get neverAllows(): boolean {
    return (this.perDay !== undefined && this.perDay <= 0) || (this.perWeek !== undefined && this.perWeek <= 0);
  }

  allowsAt(ms: number): boolean {
    return this.allowsDay(localDayNumber(this.clock.localMs(ms)));
  }

  /** Earliest instant >= ms at which the caps allow a touch, or null when they never will. */
  freeFrom(ms: number): number | null {
    if (this.neverAllows) return null;
    let x = ms;
    for (let turn = 0; turn < this.maxTurns; turn++) {
      const local = this.clock.localMs(x);
      const day = localDayNumber(local);
      if (this.allowsDay(day)) return x;
      // Next change of local date: the next local midnight, unless a transition comes first.
      const midnight = x + ((day + 1) * DAY_MS - local);
      x = this.clock.nextTransition(x, midnight) ?? midnight;
    }
    throw new Error(`schedule: frequency caps in ${this.clock.zone} did not free within ${this.maxTurns} turns (bug)`);
  }

  private allowsDay(day: number): boolean {
    if (this.perDay !== undefined && (this.byDay.get(day) ?? 0) >= this.perDay) return false;
    if (this.perWeek !== undefined && (this.byWeek.get(isoWeekIndex(day)) ?? 0) >= this.perWeek) return false;
    return true;
  }
}

/** undefined (no cap) for absent or non-finite limits (Infinity = unlimited). */
function activeLimit(limit: number | undefined): number | undefined {
  return typeof limit === 'number' && Number.isFinite(limit) ? limit : undefined;
}

/** Whether the limits cap anything at all (else touches need not even be looked up). */
export function hasCaps(limits: FrequencyLimits): boolean {
  return activeLimit(limits.perDay) !== undefined || activeLimit(limits.perWeek) !== undefined;
}

/** Whether one more touch at `at` stays within the caps of the contact's local day and ISO week in `zone`. */
export function capsAllow(touches: readonly Date[], limits: FrequencyLimits, zone: string, at: Date): boolean {
  const ms = instantMs(at, 'at');
  return new CapCounter(touches, limits, zoneClock(zone), ms).allowsAt(ms);
}

/**
 * The earliest instant >= `at` at which the caps allow a touch: `at` when they already do, else the
 * start of the next local day / ISO week that frees the contact. null when they never will (a limit
 * of 0). Only the given touches are counted (no future touches are predicted).
 */
export function capsFreeAt(touches: readonly Date[], limits: FrequencyLimits, zone: string, at: Date): Date | null {
  const ms = instantMs(at, 'at');
  const free = new CapCounter(touches, limits, zoneClock(zone), ms).freeFrom(ms);
  return free === null ? null : new Date(free);
}

/**
 * When the caps block at `at`: the instant (> at) a local day / ISO week reset frees the contact.
 * null when no cap blocks at `at`, and also when the caps can never free (a limit of 0): check
 * capsAllow first, or use capsFreeAt, whose null only ever means "never".
 */
export function nextCapReset(touches: readonly Date[], limits: FrequencyLimits, zone: string, at: Date): Date | null {
  const ms = instantMs(at, 'at');
  const counter = new CapCounter(touches, limits, zoneClock(zone), ms);
  if (counter.allowsAt(ms)) return null;
  const free = counter.freeFrom(ms);
  return free === null ? null : new Date(free);
}
