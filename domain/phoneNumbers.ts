import { parsePhoneNumberFromString } from 'libphonenumber-js';

export { PHONE_TYPES, type PhoneType } from './phoneTypes';

/**
 * Returns the number in E.164, or null when it cannot be a phone number.
 * International form is required (no default country): a delivery may reach any country.
 * "Possible" (right length for its country) rather than "valid" (assigned range), so test
 * and simulator numbers such as +1 555 01xx are accepted.
 */
export function normalisePhoneNumber(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim());
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}
