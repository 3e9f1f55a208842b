import { IANAZone } from 'luxon';
import { z } from 'zod';
import { isWindowTimestamp } from '../../domain/contactWindows';
import { normalisePhoneNumber } from '../../domain/phoneNumbers';

export const windowTimestamp = z
  .string()
  .refine(isWindowTimestamp, { message: 'must be a UTC timestamp in the form yyyy-MM-ddTHH:mm:ss.fffZ' });

/** A phone number in international form, returned normalised to E.164. */
export const phoneNumber = z.string().transform((raw, ctx) => {
  const normalised = normalisePhoneNumber(raw);
  if (!normalised) {
    ctx.addIssue({ code: 'custom', message: `"${raw.slice(0, 40)}" is not a possible phone number in international form (+<country code><number>)` });
    return z.NEVER;
  }
  return normalised;
});

export const timeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), { message: 'must be an IANA time zone such as America/New_York' });

/** Input attributes: string names and values, a bounded number of them. */
export const inputAttributes = z
  .record(z.string().min(1).max(100), z.string().max(4000))
  .refine((r) => Object.keys(r).length <= 100, { message: 'at most 100 input attributes' });

export function windowOrderCheck(w: { start: string; end: string }): boolean {
  return Date.parse(w.end) > Date.parse(w.start);
}
