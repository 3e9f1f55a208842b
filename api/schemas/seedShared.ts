import { z } from 'zod';
import { idempotencyKeyProblem } from '../idempotencyKey';
import { DELIVERY_FIELD_MAX } from '../../domain/delivery/deliveryLimits';
import { text, windowOrderCheck, windowTimestamp } from './common';

/** Some clients send Contacts, Windows and InputAttributes as a JSON string; both forms are accepted. */
export function jsonStringOr<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is a string but not valid JSON' });
      return z.NEVER;
    }
  }, schema);
}

/**
 * An object whose keys are read whatever their case, renamed to the given spelling: the product's own
 * samples write a window's keys `Start` at the top level and `start` inside a contact.
 */
export function anyCaseKeys<T extends z.ZodType>(keys: readonly string[], schema: T) {
  const byLower = new Map(keys.map((k) => [k.toLowerCase(), k]));
  return z.preprocess((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [byLower.get(k.toLowerCase()) ?? k, v]));
  }, schema);
}

/** A window of the product's newer APIs: `Start`/`End` in any case, read as the native start/end. */
export const anyCaseWindow = anyCaseKeys(
  ['Start', 'End'],
  z
    .object({ Start: windowTimestamp, End: windowTimestamp })
    .refine((w) => windowOrderCheck({ start: w.Start, end: w.End }), { message: 'End must be after Start', path: ['End'] })
    .transform((w) => ({ start: w.Start, end: w.End })),
);

/** The product's RequestId doubles as our idempotency key, so it obeys the same rules as the header. */
export const requestId = text(DELIVERY_FIELD_MAX.identifier).superRefine((value, ctx) => {
  const problem = idempotencyKeyProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** ApiVersion: the product's actions all take "1.0"; it is optional here, as on the first-generation endpoint. */
export const apiVersion = text(DELIVERY_FIELD_MAX.identifier).optional();
