import {
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/min/metadata';

export { PHONE_TYPES, type PhoneType } from './phoneTypes';

/**
 * The same metadata with each calling code reduced to its main country. Parsing with it skips the
 * search for the exact country among the countries sharing a calling code (+1: 25 of them), which
 * compiles hundreds of regular expressions per number (~0.5 ms; CSV intake parses 100,000 numbers).
 * The E.164 number never depends on that country; only "possible" may, so normalisePhoneNumber
 * checks the number's length against each country sharing its code and asks the full parse when they differ.
 */
const metadata = minMetadata as MetadataJson;
const MAIN_COUNTRY_ONLY: MetadataJson = {
  ...metadata,
  country_calling_codes: Object.fromEntries(
    Object.entries(metadata.country_calling_codes).map(([code, countries]) => [code, countries.slice(0, 1)]),
  ),
};

/**
 * Returns the number in E.164, or null when it cannot be a phone number.
 * International form is required unless a default country is given (CSV intake: the row's country or
 * the upload's default): a delivery may reach any country, so no country is ever assumed.
 * "Possible" (right length for its country) rather than "valid" (assigned range), so test
 * and simulator numbers such as +1 555 01xx are accepted.
 */
export function normalisePhoneNumber(raw: string, defaultCountry?: CountryCode): string | null {
  const text = raw.trim();
  const parsed = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : {}, MAIN_COUNTRY_ONLY);
  if (!parsed) return null;
  const verdict = lengthVerdict(parsed);
  // The countries sharing the code disagree: which one the number belongs to decides (the full, slow parse).
  if (verdict === 'depends') return slowNormalise(text, defaultCountry);
  return verdict === 'possible' ? parsed.number : null;
}

type LengthVerdict = 'possible' | 'impossible' | 'depends';

/** "Possible" depends only on the national number's length, so it is worked out once per calling code and length. */
const verdicts = new Map<string, LengthVerdict>();

function lengthVerdict(parsed: PhoneNumber): LengthVerdict {
  const key = `${parsed.countryCallingCode}:${parsed.nationalNumber.length}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    const sharing = metadata.country_calling_codes[parsed.countryCallingCode] ?? [];
    // Possible lengths live in the countries' entries, which the reduced metadata shares.
    const each = new Set(
      sharing.map((country) => {
        parsed.country = country;
        return parsed.isPossible();
      }),
    );
    verdict = each.size > 1 ? 'depends' : each.has(true) ? 'possible' : 'impossible';
    verdicts.set(key, verdict);
  }
  return verdict;
}

function slowNormalise(text: string, defaultCountry?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry } : {}, metadata);
  if (!parsed || !parsed.isPossible()) return null;
  return parsed.number;
}

/** An ISO 3166-1 alpha-2 code libphonenumber knows (case-insensitive), upper-cased; else undefined. */
export function phoneCountry(value: string | undefined): CountryCode | undefined {
  const code = value?.trim().toUpperCase();
  return code && /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode, metadata) ? (code as CountryCode) : undefined;
}
