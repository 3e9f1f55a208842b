import { seedSimpleDeliverySchema, seedSmsDeliverySchema } from '../../../api/schemas/seedSimpleDeliveries';

const simple = {
  ProactiveEngagementConfigId: 'cfg',
  UniqueIdentifier: 'u1',
  FirstName: 'A',
  LastName: 'B',
  MobilePhoneNumber: '+12125550100',
};

function paths<T extends { safeParse: (v: unknown) => { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } } }>(
  schema: T,
  body: unknown,
): string[] {
  const r = schema.safeParse(body);
  return r.success ? [] : (r.error?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

describe('CCaaS_CreateSimpleProactiveDelivery schema', () => {
  test('one recipient from flat fields; serialized Windows and InputAttributes', () => {
    const parsed = seedSimpleDeliverySchema.parse({
      ...simple,
      HomePhoneNumber: '+12125550102',
      PostalCode: '10001',
      Priority: 5,
      Windows: '[{"Start":"2030-01-01T09:00:00.000Z","End":"2030-01-01T17:00:00.000Z"}]',
      InputAttributes: '{"a":"1"}',
    });
    expect(parsed.request).toEqual({
      engagementId: 'cfg',
      contacts: [
        {
          contactId: 'u1',
          postalCode: '10001',
          phones: [
            { type: 'mobile', number: '+12125550100' },
            { type: 'home', number: '+12125550102' },
          ],
        },
      ],
      windows: [{ start: '2030-01-01T09:00:00.000Z', end: '2030-01-01T17:00:00.000Z' }],
      inputAttributes: { a: '1' },
      customPriority: 5,
    });
  });

  test.each<[string, unknown, string]>([
    ['no number', { ...simple, MobilePhoneNumber: undefined }, 'MobilePhoneNumber'],
    ['a number twice', { ...simple, BusinessPhoneNumber: '+12125550100' }, 'BusinessPhoneNumber'],
    ['no LastName', { ...simple, LastName: undefined }, 'LastName'],
    ['zone-less window times', { ...simple, Windows: '[{"Start":"2030-06-06T09:00:00","End":"2030-06-06T17:00:00"}]' }, 'Windows.0.Start'],
  ])('%s is refused at %s', (_name, body, path) => {
    expect(paths(seedSimpleDeliverySchema, body)).toContain(path);
  });
});

describe('CCaaS_CreateProactiveSMSDelivery schema', () => {
  test('the number is the recipient and its mobile number; Message overrides the template', () => {
    expect(
      seedSmsDeliverySchema.parse({ ProactiveEngagementConfigId: 'cfg', DestinationPhoneNumber: '+12125550100', Message: 'hi' }).request,
    ).toEqual({
      engagementId: 'cfg',
      contacts: [{ contactId: '+12125550100', phones: [{ type: 'mobile', number: '+12125550100' }] }],
      message: 'hi',
    });
  });

  test('Message is required', () => {
    expect(paths(seedSmsDeliverySchema, { ProactiveEngagementConfigId: 'cfg', DestinationPhoneNumber: '+12125550100' })).toEqual([
      'Message',
    ]);
  });
});

test('a simple delivery without Priority has none (not an undefined one)', () => {
  expect(seedSimpleDeliverySchema.parse(simple)).toStrictEqual({
    request: { engagementId: 'cfg', contacts: [{ contactId: 'u1', phones: [{ type: 'mobile', number: '+12125550100' }] }] },
  });
});

test('a number given twice is refused at the second field, worded for the recipient', () => {
  const r = seedSimpleDeliverySchema.safeParse({ ...simple, HomePhoneNumber: '+12125550100' });
  expect(r.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
    { path: 'HomePhoneNumber', message: '+12125550100 is also a number of this recipient' },
  ]);
});

test('an SMS delivery keeps its input attributes', () => {
  const body = { ProactiveEngagementConfigId: 'cfg', DestinationPhoneNumber: '+12125550100', Message: 'hi', InputAttributes: { a: '1' } };
  expect(seedSmsDeliverySchema.parse(body).request.inputAttributes).toEqual({ a: '1' });
});
