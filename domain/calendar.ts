/**
 * Calendar validity of written dates. Date.parse rolls an impossible day forward (2027-02-30 becomes
 * March 2nd) and reads hour 24 as the next day, so a string and the instant it became would differ.
 */

/** The years every store and format here can hold: four digits, no year 0 (1 BC) or before. */
export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** A day that exists (year 0001..9999, no February 30th) at a time that exists (00:00:00..23:59:59). */
export function isRealDateTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}
