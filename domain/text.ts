/**
 * Storable text: what every string the engine accepts must be, since Postgres `text` cannot hold a
 * NUL character and UTF-8 cannot encode an unpaired UTF-16 surrogate. Refusing them where input is
 * validated (API schemas, CSV rows and headers) makes them a field or row error, not a database error.
 */

/** A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(value: string): boolean {
  return typeof value === 'string' && !UNSTORABLE.test(value);
}

export const UNSTORABLE_TEXT_MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';

/**
 * Names a record key may not take: a JSON `__proto__` key is an own property after JSON.parse, but
 * assigning it to a plain object changes the object's prototype instead of adding an entry.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__']);

export function isReservedKey(name: string): boolean {
  return RESERVED_KEYS.has(name);
}

export function reservedKeyMessage(name: string): string {
  return `"${name}" is not allowed as a name`;
}
