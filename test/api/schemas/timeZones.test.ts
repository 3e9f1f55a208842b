/**
 * One time-zone check (domain/schedule/timeZones.ts isValidTimeZone) for the native API, the CSV row
 * reader and the workflow-side resolver: each row of the table gets the same verdict everywhere.
 */
import { deliveryRequestSchema } from '../../../api/schemas/deliveryRequest';
import { readHeader } from '../../../domain/csvIntake/columns';
import { readRow } from '../../../domain/csvIntake/rows';
import { UTC_ZONE, isValidTimeZone, resolveZone, resolveZoneWithReason } from '../../../domain/schedule/timeZones';

const header = readHeader(['UniqueIdentifier', 'MobilePhoneNumber', 'TimeZone']);
if (!header.ok) throw new Error('bad header');

const apiAccepts = (zone: string) =>
  deliveryRequestSchema.safeParse({
    engagementId: 'e',
    contacts: [{ contactId: 'c', timeZone: zone, phones: [{ type: 'mobile', number: '+15550100001' }] }],
  }).success;
const csvAccepts = (zone: string) => readRow(['c', '+15550100001', zone], 2, header.columns).ok;

// [zone, valid]
const table: Array<[string, boolean]> = [
  ['America/New_York', true],
  ['Europe/London', true],
  ['Asia/Kolkata', true],
  ['Asia/Calcutta', true],
  ['Australia/Lord_Howe', true],
  ['America/Argentina/Buenos_Aires', true],
  ['UTC', true],
  ['Etc/GMT+5', true],
  ['EST5EDT', true],
  ['US/Eastern', true],
  ['EST5', false],
  ['Mars/Olympus_Mons', false],
  ['America/Nowhere', false],
  ['America/New York', false],
  ['+05:30', false],
  ['GMT+05:30', false],
  ['Z', false],
  ['/UTC', false],
  ['UTC/', false],
];

describe.each(table)('%s', (zone, valid) => {
  test(`is ${valid ? 'accepted' : 'refused'} by the domain check, the API and the CSV reader`, () => {
    expect(isValidTimeZone(zone)).toBe(valid);
    expect(apiAccepts(zone)).toBe(valid);
    expect(csvAccepts(zone)).toBe(valid);
  });

  test(`the workflow evaluates it ${valid ? 'in the zone' : 'in UTC, saying the zone was invalid'}`, () => {
    expect(resolveZoneWithReason(zone, 'contact')).toEqual(
      valid ? { zone, reason: 'contact-zone' } : { zone: UTC_ZONE, reason: 'invalid-zone' },
    );
    expect(resolveZone(zone, 'contact')).toBe(valid ? zone : UTC_ZONE);
  });
});

test('the CSV refusal names the cell and what was expected', () => {
  expect(readRow(['c', '+15550100001', 'Mars/Olympus'], 2, header.columns)).toEqual({
    ok: false,
    reason: 'TimeZone "Mars/Olympus" is not an IANA time zone such as America/New_York',
  });
});
