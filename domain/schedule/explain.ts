/**
 * Why a delivery is (not) callable at an instant, and what its scheduler waits for: the same
 * conditions nextEligibleInstant combines (windows, quiet hours per number, caps per contact), each
 * evaluated on its own so the answer can name the one that binds, with its details.
 *
 * explainAt(input, t).callable  <=>  t is inside a window AND some number is not excluded, outside
 * its quiet hours at t and its contact is under the caps at t; and nextEligibleInstant's instant is
 * the first t >= now for which it holds (test/domain/schedule/explain.test.ts proves both).
 * scheduleWithReason is what the workflow calls: the decision plus, when it is not "now", why.
 */
import { compileQuietHours, isQuietInstant, quietEndMs } from './quietHours';
import { CapCounter } from './frequencyCaps';
import { normaliseWindows } from './contactWindows';
import { MINUTE_MS, WEEK_MS, instantMs } from './timeConstants';
import { resolveZoneWithReason, type ZoneReason } from './timeZones';
import type { DailyInterval, FrequencyLimits, PhoneType, ScheduleDecision, ScheduleInput, ScheduleNumber } from './types';
import { isoWeekIndex, localDayNumber, localTimeOfDay, zoneClock } from './zoneClock';
import { nextEligibleInstant } from './nextEligibleInstant';

export type ScheduleBlock = 'outside-windows' | 'quiet-hours' | 'frequency-cap' | 'number-invalid';

export interface QuietHoursDetail {
  text: string;
  zone: string;
  zoneSource: ZoneReason;
  localTime: string;
  /** The configured intervals of this phone type, local wall-clock time. */
  intervals: DailyInterval[];
  /** The configured interval the local time falls in (absent when a period carried over a fall-back jump). */
  interval?: DailyInterval;
  /** When quiet hours end, UTC and local; null: they never do (they cover the whole day). */
  endsAt: string | null;
  endsAtLocal: string | null;
}

export interface FrequencyCapDetail {
  text: string;
  limit: 'perDay' | 'perWeek';
  max: number;
  used: number;
  zone: string;
  zoneSource: ZoneReason;
  /** The local day (yyyy-MM-dd) or ISO week's Monday the count is for. */
  period: string;
  /** The touches of that day or week (past instants: the calls and SMS that used the cap). */
  touches: string[];
  /** When the caps allow a touch again; null: never (a limit of 0). */
  freesAt: string | null;
}

export interface WindowDetail {
  text: string;
  /** The next window start after the instant, null when none is left. */
  opensAt: string | null;
}

export type ScheduleReason =
  | { code: 'outside-windows'; detail: WindowDetail }
  | { code: 'quiet-hours'; detail: QuietHoursDetail }
  | { code: 'frequency-cap'; detail: FrequencyCapDetail }
  | { code: 'number-invalid'; detail: { text: string } };

export interface NumberExplanation {
  numberId: string;
  contactId: string;
  phoneType: PhoneType;
  callable: boolean;
  reasons: ScheduleReason[];
}

export interface Explanation {
  at: string;
  callable: boolean;
  numbers: NumberExplanation[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "HH:mm" of ms since local midnight. */
function hhmm(timeOfDayMs: number): string {
  const minutes = Math.floor(timeOfDayMs / MINUTE_MS);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** "yyyy-MM-ddTHH:mm" of a local wall-clock instant (ms since the local epoch). */
function localIso(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 16);
}

function localDate(dayNumber: number): string {
  return localIso(dayNumber * 86_400_000).slice(0, 10);
}

function containing(intervals: readonly DailyInterval[], timeOfDayMs: number): DailyInterval | undefined {
  const minute = Math.floor(timeOfDayMs / MINUTE_MS);
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  return intervals.find((i) => {
    const start = toMin(i.start);
    const end = toMin(i.end);
    return start < end ? minute >= start && minute < end : start > end && (minute >= start || minute < end);
  });
}

function ownTouches(touches: Record<string, Date[]>, contactId: string): Date[] {
  return Object.prototype.hasOwnProperty.call(touches, contactId) ? (touches[contactId] ?? []) : [];
}

function quietReason(input: ScheduleInput, n: ScheduleNumber, ms: number): ScheduleReason | undefined {
  const intervals = input.quietHours[n.phoneType] ?? [];
  const compiled = compileQuietHours(intervals);
  const { zone, reason } = resolveZoneWithReason(n.contactZone, input.timeZoneMode);
  const clock = zoneClock(zone);
  if (!isQuietInstant(compiled, clock, ms)) return undefined;
  const localTime = hhmm(localTimeOfDay(clock.localMs(ms)));
  const end = quietEndMs(compiled, clock, ms);
  const endsAtLocal = end === null ? null : localIso(clock.localMs(end));
  const interval = containing(intervals, localTimeOfDay(clock.localMs(ms)));
  const span = interval ? `${interval.start}-${interval.end}` : 'a quiet period carried over the clock going back';
  const until = end === null ? 'they cover the whole day' : `until ${endsAtLocal} local (${new Date(end).toISOString()})`;
  return {
    code: 'quiet-hours',
    detail: {
      text: `${n.phoneType} quiet hours ${span} in ${zone} (${reason}): ${localTime} local, ${until}`,
      zone,
      zoneSource: reason,
      localTime,
      intervals: [...intervals],
      ...(interval ? { interval } : {}),
      endsAt: end === null ? null : new Date(end).toISOString(),
      endsAtLocal,
    },
  };
}

/** The zone a contact's caps are counted in: that of the contact's first number, as the scheduler does. */
function capsZones(input: ScheduleInput): Map<string, ReturnType<typeof resolveZoneWithReason>> {
  const zones = new Map<string, ReturnType<typeof resolveZoneWithReason>>();
  const excluded = new Set(input.excludedNumberIds ?? []);
  for (const n of input.numbers) {
    if (excluded.has(n.numberId) || zones.has(n.contactId)) continue;
    zones.set(n.contactId, resolveZoneWithReason(n.contactZone, input.capsTimeZoneMode ?? 'contact'));
  }
  return zones;
}

function capReason(
  touches: readonly Date[],
  limits: FrequencyLimits,
  resolved: ReturnType<typeof resolveZoneWithReason>,
  ms: number,
): ScheduleReason | undefined {
  const clock = zoneClock(resolved.zone);
  const counter = new CapCounter(touches, limits, clock, ms);
  if (counter.allowsAt(ms)) return undefined;
  const day = localDayNumber(clock.localMs(ms));
  const week = isoWeekIndex(day);
  const inDay: string[] = [];
  const inWeek: string[] = [];
  for (const t of touches) {
    const tms = t.getTime();
    if (!Number.isFinite(tms) || tms < ms - 2 * WEEK_MS) continue;
    const tday = localDayNumber(clock.localMs(tms));
    if (tday === day) inDay.push(t.toISOString());
    if (isoWeekIndex(tday) === week) inWeek.push(t.toISOString());
  }
  const perDay = limits.perDay;
  const byDay = typeof perDay === 'number' && Number.isFinite(perDay) && inDay.length >= perDay;
  const limit = byDay ? 'perDay' : 'perWeek';
  const max = (byDay ? perDay : limits.perWeek) ?? 0;
  const used = byDay ? inDay : inWeek;
  const mondayDay = day - ((((day + 3) % 7) + 7) % 7);
  const period = byDay ? localDate(day) : `week of ${localDate(mondayDay)}`;
  const free = counter.freeFrom(ms);
  const freesAt = free === null ? null : new Date(free).toISOString();
  return {
    code: 'frequency-cap',
    detail: {
      text: `${limit} cap of ${max} reached (${used.length} used) on ${period} in ${resolved.zone}${freesAt ? `; frees at ${freesAt}` : '; never frees'}`,
      limit,
      max,
      used: used.length,
      zone: resolved.zone,
      zoneSource: resolved.reason,
      period,
      touches: used.sort(),
      freesAt,
    },
  };
}

/** Each number's reasons not to be called at `at` (none: callable), in input order. Pure. */
export function explainAt(input: ScheduleInput, at: Date): Explanation {
  const ms = instantMs(at, 'at');
  const windows = normaliseWindows(input.windows);
  const inWindow = windows.some((w) => w.start.getTime() <= ms && ms < w.end.getTime());
  const next = windows.find((w) => w.start.getTime() > ms);
  const windowReason: ScheduleReason | undefined = inWindow
    ? undefined
    : {
        code: 'outside-windows',
        detail: {
          text: next ? `outside every window; the next opens at ${next.start.toISOString()}` : 'outside every window; none is left',
          opensAt: next ? next.start.toISOString() : null,
        },
      };
  const excluded = new Set(input.excludedNumberIds ?? []);
  const zones = capsZones(input);
  const capsByContact = new Map<string, ScheduleReason | undefined>();
  const numbers = input.numbers.map((n): NumberExplanation => {
    const reasons: ScheduleReason[] = [];
    if (windowReason) reasons.push(windowReason);
    if (excluded.has(n.numberId)) reasons.push({ code: 'number-invalid', detail: { text: 'found invalid on an earlier call' } });
    else {
      const quiet = quietReason(input, n, ms);
      if (quiet) reasons.push(quiet);
      if (!capsByContact.has(n.contactId)) {
        const resolved = zones.get(n.contactId) ?? resolveZoneWithReason(n.contactZone, input.capsTimeZoneMode ?? 'contact');
        capsByContact.set(n.contactId, capReason(ownTouches(input.touches, n.contactId), input.limits ?? {}, resolved, ms));
      }
      const cap = capsByContact.get(n.contactId);
      if (cap) reasons.push(cap);
    }
    return { numberId: n.numberId, contactId: n.contactId, phoneType: n.phoneType, callable: reasons.length === 0, reasons };
  });
  return { at: new Date(ms).toISOString(), callable: numbers.some((n) => n.callable), numbers };
}

/** What a delivery waits for before its next attempt, as the scheduler sees it. */
export type ScheduleWait =
  | { reason: 'window'; until?: string; detail: WindowDetail }
  | {
      reason: 'quiet-hours';
      until?: string;
      detail: { text: string; numbers: Array<{ numberId: string; phoneType: PhoneType } & QuietHoursDetail> };
    }
  | { reason: 'frequency-cap'; until?: string; detail: FrequencyCapDetail & { contactId: string } };

export interface ScheduleVerdict {
  decision: ScheduleDecision;
  /** Why the decision is not "now": the condition that binds at `now`, with its details. */
  wait?: ScheduleWait;
}

/**
 * nextEligibleInstant plus the condition that keeps the delivery waiting: outside every window
 * binds first; otherwise the number the scheduler will call first (or, when none is left, the first
 * number not found invalid) is held by its quiet hours, else by its contact's caps.
 */
export function scheduleWithReason(input: ScheduleInput): ScheduleVerdict {
  const decision = nextEligibleInstant(input);
  const now = instantMs(input.now, 'now');
  if (decision.kind === 'eligible' && decision.at.getTime() === now) return { decision };
  if (decision.kind === 'none' && decision.reason === 'no-callable-number') return { decision };
  const until = decision.kind === 'eligible' ? decision.at.toISOString() : undefined;
  const explanation = explainAt(input, input.now);
  const excluded = new Set(input.excludedNumberIds ?? []);
  const first =
    decision.kind === 'eligible'
      ? decision.callableNumberIds[0]
      : explanation.numbers.find((n) => !excluded.has(n.numberId) && n.reasons.some((r) => r.code !== 'outside-windows'))?.numberId;
  const held = explanation.numbers.find((n) => n.numberId === first);
  const windowReason = explanation.numbers[0]?.reasons.find((r) => r.code === 'outside-windows');
  if (windowReason?.code === 'outside-windows' || !held) {
    const detail: WindowDetail =
      windowReason?.code === 'outside-windows' ? windowReason.detail : { text: 'no window is left', opensAt: null };
    return { decision, wait: { reason: 'window', ...(until ? { until } : {}), detail } };
  }
  const quiet = held.reasons.find((r) => r.code === 'quiet-hours');
  if (quiet) {
    const numbers = explanation.numbers.flatMap((n) =>
      n.reasons.flatMap((r) => (r.code === 'quiet-hours' ? [{ numberId: n.numberId, phoneType: n.phoneType, ...r.detail }] : [])),
    );
    return { decision, wait: { reason: 'quiet-hours', ...(until ? { until } : {}), detail: { text: quiet.detail.text, numbers } } };
  }
  const cap = held.reasons.find((r) => r.code === 'frequency-cap');
  if (cap?.code === 'frequency-cap') {
    return {
      decision,
      wait: { reason: 'frequency-cap', ...(until ? { until } : {}), detail: { ...cap.detail, contactId: held.contactId } },
    };
  }
  // The first callable number is free at `now` yet the instant is later: cannot happen (the scheduler
  // would have answered now); say "window" rather than invent a reason.
  return {
    decision,
    wait: {
      reason: 'window',
      ...(until ? { until } : {}),
      detail: { text: 'waiting for the next eligible instant', opensAt: until ?? null },
    },
  };
}
