import { reportIssues, seedProactiveDeliverySchema } from '../../../api/schemas/seedProactiveDelivery';

const contact = (id: string, mobile: string) => ({ uniqueIdentifier: id, firstName: 'A', lastName: 'B', mobilePhoneNumber: mobile });
const base = { ApiVersion: '1.0', ProactiveEngagementConfigId: 'cfg', Contacts: [contact('c1', '+12125550100')] };
const w1 = { start: '2030-01-01T09:00:00.000Z', end: '2030-01-01T17:00:00.000Z' };
const w2 = { start: '2030-01-02T09:00:00.000Z', end: '2030-01-02T17:00:00.000Z' };

function paths(body: unknown): string[] {
  const r = seedProactiveDeliverySchema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('CCaaS_CreateProactiveDelivery schema', () => {
  test('maps the product fields onto the native request', () => {
    const parsed = seedProactiveDeliverySchema.parse({
      ...base,
      RequestId: 'r-1',
      Priority: '3',
      Message: 'hi',
      Contacts: [
        { ...contact('c1', '+1 212 555 0100'), businessPhoneNumber: '+12125550101', timezone: 'America/New_York', postalcode: '10001' },
      ],
    });
    expect(parsed).toEqual({
      requestId: 'r-1',
      request: {
        engagementId: 'cfg',
        trackingId: 'r-1',
        customPriority: '3',
        message: 'hi',
        contacts: [
          {
            contactId: 'c1',
            timeZone: 'America/New_York',
            postalCode: '10001',
            phones: [
              { type: 'mobile', number: '+12125550100' },
              { type: 'business', number: '+12125550101' },
            ],
          },
        ],
      },
    });
  });

  test('Contacts, Windows and InputAttributes parse the same as JSON or as serialized strings', () => {
    const body = { ...base, Windows: [{ Start: w1.start, End: w1.end }], InputAttributes: { a: '1' } };
    const asJson = seedProactiveDeliverySchema.parse(body);
    const asStrings = seedProactiveDeliverySchema.parse({
      ...body,
      Contacts: JSON.stringify(body.Contacts),
      Windows: JSON.stringify(body.Windows),
      InputAttributes: JSON.stringify(body.InputAttributes),
    });
    expect(asStrings).toEqual(asJson);
    expect(asJson.request.windows).toEqual([w1]);
  });

  test.each([[{ Start: w1.start, End: w1.end }], [{ start: w1.start, end: w1.end }], [{ START: w1.start, eNd: w1.end }]])(
    'window keys are read in any case: %j',
    (window) => {
      expect(seedProactiveDeliverySchema.parse({ ...base, Windows: [window] }).request.windows).toEqual([w1]);
    },
  );

  test('a contact’s windows replace the top-level ones; equal effective windows across the chain are one set', () => {
    const parsed = seedProactiveDeliverySchema.parse({
      ...base,
      Windows: [w1],
      Contacts: [
        { ...contact('c1', '+12125550100'), windows: [w2] },
        { ...contact('c2', '+12125550101'), windows: JSON.stringify([w2]) },
      ],
    });
    expect(parsed.request.windows).toEqual([w2]);
  });

  test('windows that differ between contacts are refused at the contact that differs', () => {
    expect(
      paths({ ...base, Windows: [w1], Contacts: [contact('c1', '+12125550100'), { ...contact('c2', '+12125550101'), windows: [w2] }] }),
    ).toEqual(['Contacts.1.windows']);
  });

  test('per-contact attributes merge; one name with two values is refused', () => {
    const ok = seedProactiveDeliverySchema.parse({
      ...base,
      InputAttributes: { shared: 'x' },
      Contacts: [
        { ...contact('c1', '+12125550100'), inputAttributes: { a: '1', shared: 'x' } },
        { ...contact('c2', '+12125550101'), inputAttributes: JSON.stringify({ b: '2' }) },
      ],
    });
    expect(ok.request.inputAttributes).toEqual({ shared: 'x', a: '1', b: '2' });
    expect(
      paths({
        ...base,
        Contacts: [
          { ...contact('c1', '+12125550100'), inputAttributes: { a: '1' } },
          { ...contact('c2', '+12125550101'), inputAttributes: { a: '2' } },
        ],
      }),
    ).toEqual(['Contacts.1.inputAttributes.a']);
  });

  test.each<[string, unknown, string]>([
    ['missing config', { ...base, ProactiveEngagementConfigId: undefined }, 'ProactiveEngagementConfigId'],
    ['six contacts', { ...base, Contacts: [1, 2, 3, 4, 5, 6].map((i) => contact(`c${i}`, `+1212555010${i}`)) }, 'Contacts'],
    ['no number', { ...base, Contacts: [{ uniqueIdentifier: 'c', firstName: 'A', lastName: 'B' }] }, 'Contacts.0.mobilePhoneNumber'],
    ['no firstName', { ...base, Contacts: [{ ...contact('c', '+12125550100'), firstName: undefined }] }, 'Contacts.0.firstName'],
    [
      'a duplicate number',
      { ...base, Contacts: [{ ...contact('c', '+12125550100'), homePhoneNumber: '+12125550100' }] },
      'Contacts.0.homePhoneNumber',
    ],
    [
      'a duplicate contact',
      { ...base, Contacts: [contact('c', '+12125550100'), contact('c', '+12125550101')] },
      'Contacts.1.uniqueIdentifier',
    ],
    ['an unknown zone', { ...base, Contacts: [{ ...contact('c', '+12125550100'), timezone: 'Nowhere' }] }, 'Contacts.0.timezone'],
    ['a window backwards', { ...base, Windows: [{ Start: w1.end, End: w1.start }] }, 'Windows.0.End'],
    ['Windows an object', { ...base, Windows: '{"Start":1}' }, 'Windows'],
    ['a RequestId with a space', { ...base, RequestId: 'a b' }, 'RequestId'],
    ['an empty Message', { ...base, Message: '' }, 'Message'],
    ['a reserved attribute name', { ...base, InputAttributes: '{"__proto__":"x"}' }, 'InputAttributes.__proto__'],
  ])('%s is refused at %s', (_name, body, path) => {
    expect(paths(body)).toContain(path);
  });
});

test('fields not sent are absent from the native request, not undefined', () => {
  expect(seedProactiveDeliverySchema.parse(base)).toStrictEqual({
    request: { engagementId: 'cfg', contacts: [{ contactId: 'c1', phones: [{ type: 'mobile', number: '+12125550100' }] }] },
  });
});

test('reportIssues adds each issue to the refusal and says whether there was one', () => {
  const added: unknown[] = [];
  const ctx = { addIssue: (issue: unknown) => added.push(issue) } as unknown as Parameters<typeof reportIssues>[0];
  expect(reportIssues(ctx, [])).toBe(false);
  expect(reportIssues(ctx, [{ path: ['Contacts', 0], message: 'm' }])).toBe(true);
  expect(added).toEqual([{ code: 'custom', path: ['Contacts', 0], message: 'm' }]);
});
