import { z } from 'zod';
import { WINDOW_TIMESTAMP_FORMAT, isWindowTimestamp } from '../../domain/delivery/windowInputs';
import { DELIVERY_FIELD_MAX, MAX_INPUT_ATTRIBUTES, tooLongMessage } from '../../domain/delivery/deliveryLimits';
import type { Range } from '../../domain/engagementLimits';
import { normalisePhoneNumber } from '../../domain/phoneNumbers';
import { UNSTORABLE_TEXT_MESSAGE, isReservedKey, isStorableText, reservedKeyMessage } from '../../domain/text';
import { TIME_ZONE_NAME_EXPECTED, ianaZoneOf } from '../../domain/schedule/timeZoneNames';
import { ISO_INSTANT_EXPECTED, parseIsoInstant } from '../../domain/isoInstant';

export const windowTimestamp = z
  .string()
  .refine(isWindowTimestamp, { message: `must be a real UTC instant in the form ${WINDOW_TIMESTAMP_FORMAT}` });

/** A filter date or timestamp (domain/isoInstant.ts), read as the instant it names. */
export const isoInstant = z.string().transform((raw, ctx) => {
  const instant = parseIsoInstant(raw);
  if (!instant) {
    ctx.addIssue({ code: 'custom', message: `must be ${ISO_INSTANT_EXPECTED}` });
    return z.NEVER;
  }
  return instant;
});

/** A phone number in international form, returned normalised to E.164. */
export const phoneNumber = z.string().transform((raw, ctx) => {
  if (!isStorableText(raw)) {
    ctx.addIssue({ code: 'custom', message: UNSTORABLE_TEXT_MESSAGE });
    return z.NEVER;
  }
  const normalised = normalisePhoneNumber(raw);
  if (!normalised) {
    ctx.addIssue({
      code: 'custom',
      message: `"${raw.slice(0, 40)}" is not a possible phone number in international form (+<country code><number>)`,
    });
    return z.NEVER;
  }
  return normalised;
});

/** A time zone in any spelling the product's integrations send (domain/schedule/timeZoneNames.ts), returned as its IANA name. */
export const timeZone = z.string().transform((raw, ctx) => {
  const named = ianaZoneOf(raw);
  if (!named) {
    ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 60)}" is not ${TIME_ZONE_NAME_EXPECTED}` });
    return z.NEVER;
  }
  return named.zone;
});

/** Any string the database can store (domain/text.ts). */
export const storableText = z.string().refine(isStorableText, { message: UNSTORABLE_TEXT_MESSAGE });

/** A storable text of at most `max` characters, refused with the wording the CSV reader uses too. */
export function text(max: number) {
  return storableText.max(max, tooLongMessage(max));
}

/** A non-empty text of at most `max` characters. */
export function requiredText(max: number) {
  return text(max).min(1);
}

/** An integer in a domain range (engagement limits). */
export function intIn(range: Range) {
  return z.number().int().min(range.min).max(range.max);
}

/** A number in a domain range. */
export function numberIn(range: Range) {
  return z.number().min(range.min).max(range.max);
}

/**
 * Refuses reserved keys (`__proto__`) of an object before a record schema reads it: zod's record
 * skips such a key silently, so without this it would vanish instead of being refused.
 */
function withoutReservedKeys<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const key of Object.keys(value))
        if (isReservedKey(key)) ctx.addIssue({ code: 'custom', path: [key], message: reservedKeyMessage(key) });
    }
    return value;
  }, schema);
}

/** Input attributes: string names and values, a bounded number of them. */
export const inputAttributes = withoutReservedKeys(
  z
    .record(requiredText(DELIVERY_FIELD_MAX.attributeName), text(DELIVERY_FIELD_MAX.attributeValue))
    .refine((r) => Object.keys(r).length <= MAX_INPUT_ATTRIBUTES, { message: `at most ${MAX_INPUT_ATTRIBUTES} input attributes` }),
);

export function windowOrderCheck(w: { start: string; end: string }): boolean {
  return Date.parse(w.end) > Date.parse(w.start);
}
