/**
 * Issue 10: what Postgres cannot store, impossible instants, reserved keys and duplicates in a chain are
 * refused by the schemas as field errors naming the field (so never reach the database as a 5xx).
 */
import type { z } from 'zod';
import { campaignControlBodies } from '../../helpers/campaignControlBodies';
import { deliveryRequestSchema } from '../../../api/schemas/deliveryRequest';
import { engagementConfigSchema } from '../../../api/schemas/engagement';
import { seedVoiceDeliverySchema } from '../../../api/schemas/seedVoiceDelivery';
import { UNSTORABLE_TEXT_MESSAGE } from '../../../domain/text';

const delivery = {
  engagementId: 'e-1',
  contacts: [
    {
      contactId: 'c1',
      timeZone: 'America/New_York',
      country: 'US',
      state: 'NY',
      postalCode: '10001',
      phones: [{ type: 'mobile', number: '+15550100001' }],
    },
    { contactId: 'c2', phones: [{ type: 'home', number: '+15550100002' }] },
  ],
  windows: [{ start: '2027-02-28T10:00:00.000Z', end: '2027-03-01T10:00:00.000Z' }],
  inputAttributes: { Note: 'n' },
  trackingId: 't',
  customPriority: 'p',
};
const seed = {
  ApiVersion: '1',
  ProactiveEngagementConfigId: 'e-1',
  DestinationPhoneNumber: '+15550100001',
  ContactId: 'c1',
  Windows: [{ Start: '2027-02-28T10:00:00.000Z', End: '2027-03-01T10:00:00.000Z' }],
  InputAttributes: { Note: 'n' },
};
const engagement = {
  name: 'n',
  description: 'd',
  routing: { queueId: 'q', fallbackQueueId: 'f', skills: ['s'], queueDisplayNumber: '+12125550100' },
  displayNumbers: { mode: 'rules', rules: [{ field: 'state', condition: 'equals', value: 'NY', number: '+12125550101' }] },
  reattempts: { maxAttempts: 2, waitSeconds: 0, retryDispositionCodes: ['again'] },
  smsFollowUpEngagementId: 'sms-1',
  schedule: [{ type: 'mobile', quietHours: [{ start: '21:00', end: '08:00' }] }],
  answeringMachine: { action: 'voicemail', voicemailMessage: 'v' },
  abandonment: { seconds: 2, message: 'm' },
  uniqueIdentifierAttribute: 'ContactId',
  dialer: { project: 'p', tenant: 't', scenarioPath: '/s', orchestratorUrl: 'http://o' },
};

type Path = Array<string | number>;
/** Every string leaf of a value, by path. */
function stringLeaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}
function withLeaf(value: unknown, path: Path, f: (s: string) => string): unknown {
  if (path.length === 0) return f(value as string);
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = withLeaf(copy[head!], rest, f);
  return copy;
}

const bad = [
  ['NUL', (s: string) => `${s}\u0000`],
  ['a lone high surrogate', (s: string) => `${s}\uD83D`],
  ['a lone low surrogate', (s: string) => `\uDE00${s}`],
] as const;

const schemas: Array<[string, z.ZodType, unknown]> = [
  ['native delivery', deliveryRequestSchema, delivery],
  ['seed voice delivery', seedVoiceDeliverySchema, seed],
  ['engagement', engagementConfigSchema, engagement],
  ...campaignControlBodies(),
];

describe.each(schemas)('%s', (_name, schema, good) => {
  test('the good example parses', () => expect(schema.safeParse(good).success).toBe(true));

  const leaves = stringLeaves(good);
  describe.each(bad)('%s', (_what, spoil) => {
    test.each(leaves.map((p) => [p.join('.'), p] as const))('in %s is a field error naming it', (_label, path) => {
      const result = schema.safeParse(withLeaf(good, path, spoil));
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path.join('.'));
    });
  });
});

test('a text field says why', () => {
  const result = deliveryRequestSchema.safeParse({ ...delivery, trackingId: 'a\u0000b' });
  expect(result.error!.issues).toEqual([expect.objectContaining({ path: ['trackingId'], message: UNSTORABLE_TEXT_MESSAGE })]);
});

describe('attribute keys', () => {
  test.each([
    ['NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\uD800'],
  ])('%s in a key is refused, naming the key', (_what, key) => {
    const result = deliveryRequestSchema.safeParse({ ...delivery, inputAttributes: { [key]: 'v' } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toContainEqual(['inputAttributes', key]);
    const viaSeed = seedVoiceDeliverySchema.safeParse({ ...seed, InputAttributes: JSON.stringify({ [key]: 'v' }) });
    expect(viaSeed.success).toBe(false);
  });

  test.each([
    ['an object', '{"__proto__": {"a": 1}, "b": "c"}'],
    ['a string', '{"__proto__": "x", "b": "c"}'],
  ])('"__proto__" holding %s is refused like any other bad key', (_what, json) => {
    for (const result of [
      deliveryRequestSchema.safeParse({ ...delivery, inputAttributes: JSON.parse(json) }),
      seedVoiceDeliverySchema.safeParse({ ...seed, InputAttributes: JSON.parse(json) }),
      seedVoiceDeliverySchema.safeParse({ ...seed, InputAttributes: json }),
    ]) {
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join('.'))).toContainEqual(expect.stringMatching(/InputAttributes\.__proto__$/i));
    }
    // The same object under another key was already refused: the two now behave alike.
    expect(deliveryRequestSchema.safeParse({ ...delivery, inputAttributes: { other: { a: 1 } } }).success).toBe(false);
  });
});

describe('window timestamps: strict seed format, real instants', () => {
  test.each([
    ['2027-02-30T10:00:00.000Z', 'February 30'],
    ['2027-02-29T10:00:00.000Z', 'February 29 of a common year'],
    ['2027-04-31T10:00:00.000Z', 'April 31'],
    ['2027-03-01T24:00:00.000Z', 'hour 24'],
    ['0000-01-01T00:00:00.000Z', 'year 0000'],
    ['2027-03-01T10:60:00.000Z', 'minute 60'],
    ['2027-03-01T10:00:60.000Z', 'second 60'],
    ['2027-13-01T10:00:00.000Z', 'month 13'],
    ['2027-00-01T10:00:00.000Z', 'month 00'],
    ['2027-03-00T10:00:00.000Z', 'day 00'],
  ])('%s (%s) is a field error on the native and the seed API', (timestamp) => {
    const native = deliveryRequestSchema.safeParse({ ...delivery, windows: [{ start: timestamp, end: '9999-12-31T23:59:59.999Z' }] });
    expect(native.error!.issues.map((i) => i.path.join('.'))).toContain('windows.0.start');
    const viaSeed = seedVoiceDeliverySchema.safeParse({ ...seed, Windows: [{ Start: '0001-01-01T00:00:00.000Z', End: timestamp }] });
    expect(viaSeed.error!.issues.map((i) => i.path.join('.'))).toContain('Windows.0.End');
  });

  test.each(['2028-02-29T10:00:00.000Z', '2000-02-29T00:00:00.000Z', '0001-01-01T00:00:00.000Z', '2027-04-30T23:59:59.998Z'])(
    '%s is accepted',
    (start) => {
      expect(deliveryRequestSchema.safeParse({ ...delivery, windows: [{ start, end: '9999-12-31T23:59:59.999Z' }] }).success).toBe(true);
    },
  );

  test('1900-02-29 (not a leap year) is refused', () => {
    expect(
      deliveryRequestSchema.safeParse({ ...delivery, windows: [{ start: '1900-02-29T00:00:00.000Z', end: '2030-01-01T00:00:00.000Z' }] })
        .success,
    ).toBe(false);
  });
});

describe('duplicates in a chain', () => {
  const contact = (contactId: string, ...numbers: string[]) => ({
    contactId,
    phones: numbers.map((number, i) => ({ type: (['mobile', 'home', 'business'] as const)[i]!, number })),
  });
  const issues = (contacts: object[]) => {
    const result = deliveryRequestSchema.safeParse({ engagementId: 'e', contacts });
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  test('the same contact id twice is refused at the later contact', () => {
    expect(issues([contact('a', '+15550100001'), contact('b', '+15550100002'), contact('a', '+15550100003')])).toEqual([
      'contacts.2.contactId',
    ]);
  });

  test('the same number in two contacts, or twice in one contact, is refused at the later one', () => {
    expect(issues([contact('a', '+15550100001'), contact('b', '+15550100002', '+15550100001')])).toEqual(['contacts.1.phones.1.number']);
    expect(issues([contact('a', '+15550100001', '+15550100001')])).toEqual(['contacts.0.phones.1.number']);
  });

  test('numbers are compared once normalised: two spellings of one number are the same number', () => {
    expect(issues([contact('a', '+1 555 010 0001'), contact('b', '+1-555-010-0001')])).toEqual(['contacts.1.phones.0.number']);
  });

  test('distinct contacts and numbers are accepted', () => {
    expect(issues([contact('a', '+15550100001'), contact('b', '+15550100002')])).toEqual([]);
  });
});
