/**
 * Time-zone names: the one validity check (API schemas, CSV rows and the workflow all use it) and
 * the zone a contact's schedule is evaluated in.
 * Uses only ECMAScript Intl, so it is deterministic and safe in workflow code.
 */
import { boundedMemo } from './boundedMemo';
import type { TimeZoneMode } from './types';

export const UTC_ZONE = 'UTC';

/** Letters, digits, '_', '+', '-' in '/'-separated segments: IANA names, not "+05:30"-style offsets. */
const IANA_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

const MAX_CACHED_NAMES = 1024;

/** Whether the runtime's Intl knows `name` (asked once per name: constructing a format is costly). */
const intlKnowsZone = boundedMemo(MAX_CACHED_NAMES, (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
});

/**
 * True when `name` is an IANA time-zone name the runtime knows (e.g. "America/New_York", "UTC",
 * "Etc/GMT+5"). Offset strings such as "+05:30" and empty strings are refused. Use it to validate
 * contact records and API payloads.
 */
export function isValidTimeZone(name: string): boolean {
  return typeof name === 'string' && IANA_NAME_PATTERN.test(name) && intlKnowsZone(name);
}

/** Why a contact's schedule runs in the zone it does. */
export type ZoneReason = 'utc-mode' | 'contact-zone' | 'no-zone' | 'invalid-zone';

export interface ResolvedZone {
  zone: string;
  reason: ZoneReason;
}

/**
 * The zone a contact's quiet hours are evaluated in, and why: UTC in 'utc' mode; otherwise the
 * contact's zone (surrounding whitespace ignored). A contact with no zone, or one that fails
 * isValidTimeZone (intake refuses those, but a stored row may predate a rule or a runtime's zone
 * data), is evaluated in UTC rather than failing the workflow: the reason says which case it was.
 */
export function resolveZoneWithReason(contactZone: string | null | undefined, mode: TimeZoneMode): ResolvedZone {
  if (mode === 'utc') return { zone: UTC_ZONE, reason: 'utc-mode' };
  const trimmed = typeof contactZone === 'string' ? contactZone.trim() : '';
  if (trimmed === '') return { zone: UTC_ZONE, reason: 'no-zone' };
  return isValidTimeZone(trimmed) ? { zone: trimmed, reason: 'contact-zone' } : { zone: UTC_ZONE, reason: 'invalid-zone' };
}

/** The zone of resolveZoneWithReason, for callers that need no reason. */
export function resolveZone(contactZone: string | null | undefined, mode: TimeZoneMode): string {
  return resolveZoneWithReason(contactZone, mode).zone;
}
