/** fast-check generators shared by the schedule property tests. */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { DailyInterval, FrequencyLimits, PhoneType, ScheduleInput } from '../../../domain/schedule';
import { DAY, HOUR, MINUTE, RANGE_END, RANGE_START, ZONES, hhmm, zoneTransitions } from './oracle';

export const zoneArb = fc.constantFrom(...ZONES);

/** Minute of day, biased towards the local times where clocks change (00:00..03:00) and their neighbours. */
export const minuteOfDayArb = fc.oneof(
  fc.integer({ min: 0, max: 1439 }),
  fc.constantFrom(0, 1, 30, 59, 60, 90, 119, 120, 121, 150, 179, 180, 210, 1380, 1410, 1439),
);

export const intervalArb: fc.Arbitrary<DailyInterval> = fc
  .record({ start: minuteOfDayArb, end: minuteOfDayArb })
  .map(({ start, end }) => ({ start: hhmm(start), end: hhmm(end) }));

export const intervalsArb = fc.array(intervalArb, { minLength: 0, maxLength: 3 });

/** An instant (ms) within ±36 h of one of `zone`'s offset transitions in 2025-2027, or anywhere in that range. */
export function instantNearTransitionArb(zone: string): fc.Arbitrary<number> {
  const transitions = zoneTransitions(zone);
  const anywhere = fc.integer({ min: RANGE_START, max: RANGE_END - 1 });
  if (transitions.length === 0) return anywhere;
  const near = fc
    .record({
      t: fc.constantFrom(...transitions),
      delta: fc.oneof(
        fc.integer({ min: -36 * HOUR, max: 36 * HOUR }),
        fc.integer({ min: -36 * 60, max: 36 * 60 }).map((m) => m * MINUTE),
      ),
    })
    .map(({ t, delta }) => t + delta);
  return fc.oneof({ arbitrary: near, weight: 4 }, { arbitrary: anywhere, weight: 1 });
}

export const zoneAndInstantArb = zoneArb.chain((zone) => instantNearTransitionArb(zone).map((ms) => ({ zone, ms })));

/** Day and week limits, each absent or small (a day limit of 0, "never", now and then). */
export const limitsArb: fc.Arbitrary<FrequencyLimits> = fc
  .record({
    perDay: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.integer({ min: 1, max: 3 }), fc.constant(0)),
    perWeek: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 5 })),
  })
  .map(({ perDay, perWeek }) => ({
    ...(perDay === undefined ? {} : { perDay }),
    ...(perWeek === undefined ? {} : { perWeek }),
  }));

/** Offset transitions at which the clock goes back (fall-back nights), per zone. */
export function backwardTransitions(zone: string): number[] {
  return zoneTransitions(zone).filter((t) => DateTime.fromMillis(t - 1, { zone }).offset > DateTime.fromMillis(t, { zone }).offset);
}

const ZONES_FALLING_BACK = ZONES.filter((z) => backwardTransitions(z).length > 0);

/**
 * A fall-back night: an instant in the two hours after the clock goes back, and quiet hours that
 * begin shortly before the jump (so a period is in progress when the clock goes back) or inside the
 * repeated stretch. This is where "a quiet period, once begun, lasts until its end" matters.
 */
export const fallBackNightArb = fc
  .constantFrom(...ZONES_FALLING_BACK)
  .chain((zone) =>
    fc.record({
      zone: fc.constant(zone),
      t: fc.constantFrom(...backwardTransitions(zone)),
      afterMinutes: fc.integer({ min: 0, max: 120 }),
      startBeforeJump: fc.integer({ min: -90, max: 120 }),
      lengthMinutes: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 181, max: 1400 })),
      extra: fc.array(intervalArb, { maxLength: 1 }),
    }),
  )
  .map(({ zone, t, afterMinutes, startBeforeJump, lengthMinutes, extra }) => {
    const local = DateTime.fromMillis(t - 1, { zone });
    const clockBeforeJump = local.hour * 60 + local.minute + 1;
    const start = (((clockBeforeJump - startBeforeJump) % 1440) + 1440) % 1440;
    const end = (start + lengthMinutes) % 1440;
    return { zone, ms: t + afterMinutes * MINUTE, intervals: [{ start: hhmm(start), end: hhmm(end) }, ...extra] };
  });

const SCENARIO_PHONE_TYPES: PhoneType[] = ['mobile', 'business', 'home'];

/**
 * A random delivery schedule: 1-3 windows around `now` (near a DST change of the base zone), 1-3
 * contacts in that zone, another, none or an invalid one, with recent touches, 1-4 numbers, quiet
 * hours per phone type, both zone modes, caps, some numbers excluded.
 */
export const scheduleScenarioArb: fc.Arbitrary<ScheduleInput> = zoneArb.chain((baseZone) =>
  instantNearTransitionArb(baseZone).chain((now) =>
    fc
      .record({
        windows: fc.array(
          fc.record({
            startMin: fc.integer({ min: -4 * 60, max: 36 * 60 }),
            lengthMin: fc.integer({ min: 0, max: 16 * 60 }),
            jitterMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: MINUTE - 1 })),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        contacts: fc.array(
          fc.record({
            zone: fc.oneof(
              { arbitrary: fc.constant<string | null | undefined>(baseZone), weight: 4 },
              { arbitrary: zoneArb.map((z): string | null | undefined => z), weight: 2 },
              { arbitrary: fc.constantFrom<string | null | undefined>(null, undefined, 'Mars/Olympus_Mons'), weight: 1 },
            ),
            touchesBackMs: fc.array(fc.integer({ min: 0, max: 9 * DAY }), { maxLength: 4 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        numbers: fc.array(fc.record({ contact: fc.nat(), type: fc.constantFrom(...SCENARIO_PHONE_TYPES), excluded: fc.boolean() }), {
          minLength: 1,
          maxLength: 4,
        }),
        quiet: fc.record({ mobile: fc.option(intervalsArb), business: fc.option(intervalsArb), home: fc.option(intervalsArb) }),
        timeZoneMode: fc.constantFrom<'contact' | 'utc'>('contact', 'contact', 'utc'),
        capsTimeZoneMode: fc.constantFrom<'contact' | 'utc' | undefined>(undefined, undefined, 'utc'),
        limits: limitsArb,
        excludeSome: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
      })
      .map((s): ScheduleInput => {
        const numbers = s.numbers.map((n, i) => {
          const contactIndex = n.contact % s.contacts.length;
          return { numberId: `n${i}`, contactId: `c${contactIndex}`, phoneType: n.type, contactZone: s.contacts[contactIndex]?.zone };
        });
        const quietHours: ScheduleInput['quietHours'] = {};
        for (const t of SCENARIO_PHONE_TYPES) {
          const q = s.quiet[t];
          if (q !== null) quietHours[t] = q;
        }
        const touches: Record<string, Date[]> = {};
        s.contacts.forEach((c, i) => (touches[`c${i}`] = c.touchesBackMs.map((back) => new Date(now - back))));
        const scenario: ScheduleInput = {
          now: new Date(now),
          windows: s.windows.map((w) => {
            const start = now + w.startMin * MINUTE + w.jitterMs;
            return { start: new Date(start), end: new Date(start + w.lengthMin * MINUTE) };
          }),
          numbers,
          quietHours,
          timeZoneMode: s.timeZoneMode,
          limits: s.limits,
          touches,
          excludedNumberIds: s.excludeSome ? s.numbers.flatMap((n, i) => (n.excluded ? [`n${i}`] : [])) : undefined,
        };
        if (s.capsTimeZoneMode !== undefined) scenario.capsTimeZoneMode = s.capsTimeZoneMode;
        return scenario;
      }),
  ),
);
