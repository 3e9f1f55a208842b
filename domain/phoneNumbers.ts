import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

export { PHONE_TYPES, type PhoneType } from './phoneTypes';

/**
 * Returns the number in E.164, or null when it cannot be a phone number.
 * International form is required unless a default country is given (CSV intake: the row's country or
 * the upload's default): a delivery may reach any country, so no country is ever assumed.
 * "Possible" (right length for its country) rather than "valid" (assigned range), so test
 * and simulator numbers such as +1 555 01xx are accepted.
 */
export function normalisePhoneNumber(raw: string, defaultCountry?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry ? { defaultCountry } : undefined);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** An ISO 3166-1 alpha-2 code libphonenumber knows (case-insensitive), upper-cased; else undefined. */
export function phoneCountry(value: string | undefined): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) && isSupportedCountry(code) ? (code as CountryCode) : undefined;
}
