/**
 * One time-zone check (domain/schedule/timeZones.ts isValidTimeZone) for the native API, the CSV row
 * reader and the workflow-side resolver: each row of the table gets the same verdict everywhere.
 * The product's other spellings (domain/schedule/timeZoneNames.ts) are read into IANA names by every
 * door a zone comes in by: the native API, the product's create actions and the CSV reader.
 */
import { deliveryRequestSchema } from '../../../api/schemas/deliveryRequest';
import { seedProactiveDeliverySchema } from '../../../api/schemas/seedProactiveDelivery';
import { seedSimpleDeliverySchema } from '../../../api/schemas/seedSimpleDeliveries';
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
    reason:
      'TimeZone "Mars/Olympus" is not an IANA time zone such as America/New_York, a Windows zone id such as "Pacific Standard Time" or a display name such as "(GMT-08:00) Pacific Time"',
  });
});

/** The zone each door stores for a spelling, or the field path it refuses it at. */
function doors(zone: string): Record<string, string> {
  if (!header.ok) throw new Error('bad header');
  const out: Record<string, string> = {};
  const outcome = (
    r: { success: boolean; data?: unknown; error?: { issues: Array<{ path: PropertyKey[] }> } },
    read: (d: never) => unknown,
  ) => (r.success ? String(read(r.data as never)) : `refused at ${r.error!.issues.map((i) => i.path.join('.')).join(',')}`);
  out.native = outcome(
    deliveryRequestSchema.safeParse({
      engagementId: 'e',
      contacts: [{ contactId: 'c', timeZone: zone, phones: [{ type: 'mobile', number: '+15550100001' }] }],
    }),
    (d: { contacts: Array<{ timeZone?: string }> }) => d.contacts[0]!.timeZone,
  );
  out.createProactiveDelivery = outcome(
    seedProactiveDeliverySchema.safeParse({
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'e',
      Contacts: JSON.stringify([
        { uniqueIdentifier: 'c', firstName: 'A', lastName: 'B', mobilePhoneNumber: '+15550100001', timezone: zone },
      ]),
    }),
    (d: { request: { contacts: Array<{ timeZone?: string }> } }) => d.request.contacts[0]!.timeZone,
  );
  out.simple = outcome(
    seedSimpleDeliverySchema.safeParse({
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'e',
      UniqueIdentifier: 'c',
      FirstName: 'A',
      LastName: 'B',
      MobilePhoneNumber: '+15550100001',
      TimeZone: zone,
    }),
    (d: { request: { contacts: Array<{ timeZone?: string }> } }) => d.request.contacts[0]!.timeZone,
  );
  const row = readRow(['c', '+15550100001', zone], 2, header.columns);
  out.csv = row.ok ? String(row.row.contact.timeZone) : `refused: ${row.reason}`;
  return out;
}

describe.each<[string, string]>([
  ['Pacific Standard Time', 'America/Los_Angeles'],
  ['Central European Standard Time', 'Europe/Warsaw'],
  ['(GMT-08:00) Pacific Time', 'America/Los_Angeles'],
  ['(GMT-03:00) Brasilia', 'America/Sao_Paulo'],
])('the product spelling %j', (spelling, iana) => {
  test(`is stored as ${iana} by every door`, () => {
    expect(doors(spelling)).toEqual({ native: iana, createProactiveDelivery: iana, simple: iana, csv: iana });
  });
});

test.each(['Mars/Olympus', 'Pacific Time', '(GMT+01:00) Pacific Time', 'Nowhere Standard Time'])(
  'the unknown zone %j is refused by every door, naming the field',
  (zone) => {
    expect(doors(zone)).toEqual({
      native: 'refused at contacts.0.timeZone',
      createProactiveDelivery: 'refused at Contacts.0.timezone',
      simple: 'refused at TimeZone',
      csv: `refused: TimeZone "${zone}" is not an IANA time zone such as America/New_York, a Windows zone id such as "Pacific Standard Time" or a display name such as "(GMT-08:00) Pacific Time"`,
    });
  },
);
