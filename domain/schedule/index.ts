/**
 * Schedule module: when a delivery may be attempted (contact windows, quiet hours per phone type
 * in the contact's zone, frequency caps) and in which order its numbers are tried.
 *
 * Pure and deterministic (no clock, no I/O, no Node built-ins; only ECMAScript Intl for zone
 * offsets), so workflow code and the API can both import it. Every function takes "now" or the
 * instant of interest as input.
 */
export type {
  ContactWindow,
  DailyInterval,
  FrequencyLimits,
  NoneReason,
  PhoneType,
  QuietHours,
  ScheduleDecision,
  ScheduleInput,
  ScheduleNumber,
  TimeZoneMode,
} from './types';
export { UTC_ZONE, isValidTimeZone, resolveZone } from './timeZones';
export { isValidDailyInterval, isValidLocalTime, parseLocalTime } from './localTimeOfDay';
export { isInQuietHours, quietHoursEndAfter } from './quietHours';
export { capsAllow, capsFreeAt, hasCaps, nextCapReset } from './frequencyCaps';
export { DEFAULT_WINDOW_MS, defaultWindow, normaliseWindows } from './contactWindows';
export { orderNumbersForAttempt } from './numberOrder';
export { nextEligibleInstant } from './nextEligibleInstant';
