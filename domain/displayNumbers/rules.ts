import type { DisplayNumberRule } from './types';

/** Canonical form for comparing field values and rule values: NFC, trimmed, lower-cased (locale-independent). */
function canonical(s: string): string {
  return s.normalize('NFC').trim().toLowerCase();
}

/**
 * The contact's value for `name`: the exact key if it holds a string, else the first key (in the
 * object's own key order) equal to `name` ignoring case and surrounding whitespace that holds a string.
 * Undefined when no such key holds a string.
 */
export function lookupField(fields: Record<string, string | undefined>, name: string): string | undefined {
  if (typeof fields !== 'object' || fields === null) return undefined;
  const exact = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
  if (typeof exact === 'string') return exact;
  const wanted = canonical(name);
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (typeof value === 'string' && canonical(key) === wanted) return value;
  }
  return undefined;
}

/**
 * Whether `rule` matches a contact's fields.
 *
 * - The field NAME is looked up case-insensitively ("Country" finds "country").
 * - Values are compared case-insensitively after trimming (and Unicode NFC normalisation).
 * - A missing field never matches — under any condition, including `notEquals`. A field is missing
 *   when it is absent, undefined, not a string, or blank (empty or whitespace only). So
 *   `country notEquals "US"` matches "CA" but not a contact with no country.
 * - A rule with a blank value (after trimming) never matches, so a half-filled rule can't become a
 *   catch-all; nor does a rule with an unknown condition (e.g. bad data read back from storage).
 */
export function evaluateRule(rule: DisplayNumberRule, fields: Record<string, string | undefined>): boolean {
  if (typeof rule.field !== 'string' || typeof rule.value !== 'string') return false;
  const raw = lookupField(fields, rule.field);
  if (raw === undefined) return false;
  const actual = canonical(raw);
  if (actual === '') return false;
  const expected = canonical(rule.value);
  if (expected === '') return false;
  switch (rule.condition) {
    case 'equals':
      return actual === expected;
    case 'notEquals':
      return actual !== expected;
    case 'startsWith':
      return actual.startsWith(expected);
    case 'endsWith':
      return actual.endsWith(expected);
    case 'contains':
      return actual.includes(expected);
    default:
      return false;
  }
}
