import { isRealDateTime } from './calendar';

/**
 * An ISO 8601 date or timestamp as a filter takes it: `yyyy`, `yyyy-MM`, `yyyy-MM-dd`, or a date with
 * `THH:mm`, optional `:ss` and `.fff`, and an optional `Z` or `±HH:mm` (no offset: the server's local
 * time, as Date.parse reads it). A four-digit year from 0001: Date.parse also takes `-000001` or
 * `+275760`, which Postgres cannot compare with a timestamp.
 */
const ISO_INSTANT = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))?)?)?)?$/;

export const ISO_INSTANT_EXPECTED =
  'an ISO 8601 date or timestamp (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss.fffZ) with a real calendar date, year 0001 to 9999';

/** The instant a filter value names, or undefined when it is not one (see ISO_INSTANT). */
export function parseIsoInstant(value: string): Date | undefined {
  const parts = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  if (!parts) return undefined;
  const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0, offsetHours = 0, offsetMinutes = 0] = parts
    .slice(1)
    .map((p) => (p === undefined ? undefined : Number(p)));
  if (!isRealDateTime(year!, month, day, hour, minute, second) || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}
