/**
 * "May this number be tried now?" during an attempt, with the same definition the wait before the
 * attempt uses (nextEligibleInstant): inside a window, not excluded (found invalid), outside its
 * quiet hours. Caps are left out on purpose: each call or message reserves its cap slot atomically
 * when it is placed, which is the only check that cannot race another delivery.
 */
import type { PhoneTypeSchedule } from '../engagement';
import { type ContactWindow, nextEligibleInstant, type QuietHours, type ScheduleNumber, type TimeZoneMode } from '../schedule';

export interface CallableRules {
  windows: ContactWindow[];
  quietHours: QuietHours;
  timeZoneMode: TimeZoneMode;
  excludedNumberIds: Iterable<string>;
}

/** Quiet hours by phone type, as an engagement's schedule lists them. */
export function quietHoursOf(schedule: PhoneTypeSchedule[]): QuietHours {
  return Object.fromEntries(schedule.map((s) => [s.type, s.quietHours]));
}

export function isCallableAt(rules: CallableRules, number: ScheduleNumber, at: Date): boolean {
  const decision = nextEligibleInstant({
    now: at,
    windows: rules.windows,
    numbers: [number],
    quietHours: rules.quietHours,
    timeZoneMode: rules.timeZoneMode,
    limits: {},
    touches: {},
    excludedNumberIds: [...rules.excludedNumberIds],
  });
  return decision.kind === 'eligible' && decision.at.getTime() === at.getTime();
}
