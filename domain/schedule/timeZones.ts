/**
 * Time-zone names: validation (for the API) and the zone a contact's schedule is evaluated in.
 * Uses only ECMAScript Intl, so it is deterministic and safe in workflow code.
 */
import type { TimeZoneMode } from './types';

export const UTC_ZONE = 'UTC';

/** Letters, digits, '_', '+', '-' in '/'-separated segments: IANA names, not "+05:30"-style offsets. */
const IANA_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

const MAX_CACHED_NAMES = 1024;
const validity = new Map<string, boolean>();

/**
 * True when `name` is an IANA time-zone name the runtime knows (e.g. "America/New_York", "UTC",
 * "Etc/GMT+5"). Offset strings such as "+05:30" and empty strings are refused. Use it to validate
 * contact records and API payloads.
 */
export function isValidTimeZone(name: string): boolean {
  if (typeof name !== 'string' || !IANA_NAME_PATTERN.test(name)) return false;
  const known = validity.get(name);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    valid = true;
  } catch {
    valid = false;
  }
  if (validity.size >= MAX_CACHED_NAMES) validity.clear();
  validity.set(name, valid);
  return valid;
}

/**
 * The zone a contact's quiet hours are evaluated in: UTC in 'utc' mode; otherwise the contact's
 * zone, or UTC when the contact has none or an invalid one (surrounding whitespace is ignored).
 */
export function resolveZone(contactZone: string | null | undefined, mode: TimeZoneMode): string {
  if (mode === 'utc') return UTC_ZONE;
  if (typeof contactZone !== 'string') return UTC_ZONE;
  const trimmed = contactZone.trim();
  return isValidTimeZone(trimmed) ? trimmed : UTC_ZONE;
}
