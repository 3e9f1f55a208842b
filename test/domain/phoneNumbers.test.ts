import fc from 'fast-check';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { maskPhoneNumber } from '../../domain/phoneMasking';
import { normalisePhoneNumber } from '../../domain/phoneNumbers';
import { deliveryIdFromWorkflowId, deliveryWorkflowId } from '../../temporal/workflowIds';

describe('phone numbers', () => {
  test.each([
    ['+1 (212) 555-0100', '+12125550100'],
    ['+44 20 7183 8750', '+442071838750'],
    ['  +919876543210 ', '+919876543210'],
    ['+15550100001', '+15550100001'],
  ])('%s normalises to %s', (raw, e164) => {
    expect(normalisePhoneNumber(raw)).toBe(e164);
  });

  test.each(['+123456798', '12125550100', 'call me', '', '+1212555010000000', '=HYPERLINK("x")'])('%s is refused', (raw) => {
    expect(normalisePhoneNumber(raw)).toBeNull();
  });

  test('the fast path agrees with the full parse (country detection among countries sharing a calling code)', () => {
    const library = (raw: string, country?: CountryCode) => {
      const parsed = parsePhoneNumberFromString(raw.trim(), country ? { defaultCountry: country } : undefined);
      return parsed && parsed.isPossible() ? parsed.number : null;
    };
    // Calling codes shared by several countries (whose possible lengths may differ), and a few that are not.
    const codes = ['1', '7', '44', '47', '61', '212', '262', '290', '358', '590', '599', '33', '49', '91', '39'];
    const countries: CountryCode[] = [
      'US',
      'CA',
      'JM',
      'GB',
      'GG',
      'JE',
      'RU',
      'KZ',
      'AU',
      'CX',
      'FI',
      'AX',
      'NO',
      'RE',
      'YT',
      'IT',
      'FR',
      'DE',
    ];
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const international = fc.tuple(fc.constantFrom(...codes), digits(2, 15)).map(([code, rest]) => `+${code}${rest}`);
    const national = fc.tuple(digits(3, 14), fc.constantFrom(...countries));
    fc.assert(
      fc.property(international, (raw) => expect(normalisePhoneNumber(raw)).toBe(library(raw))),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(national, ([raw, country]) => expect(normalisePhoneNumber(raw, country)).toBe(library(raw, country))),
      { numRuns: 3000 },
    );
  });

  test('masking keeps the last four digits', () => {
    expect(maskPhoneNumber('+15550100001')).toBe('+*******0001');
    expect(maskPhoneNumber('123')).toBe('***');
  });

  test('workflow ids come from delivery ids and back', () => {
    expect(deliveryIdFromWorkflowId(deliveryWorkflowId('abc'))).toBe('abc');
    expect(deliveryIdFromWorkflowId('campaign-1')).toBeUndefined();
  });
});
