/** A recipient of the product's newer APIs becoming a chain member, and what one chain may not mix. */
import {
  NO_PHONE_MESSAGE,
  chainAttributes,
  chainWindows,
  channelIssues,
  fieldErrors,
  nativeContact,
  type IssuePath,
} from '../../../api/schemas/seedContact';
import { MAX_INPUT_ATTRIBUTES } from '../../../domain/delivery/deliveryLimits';

const contactPath = (i: number): IssuePath => ['Contacts', i];

describe('a recipient as a chain member', () => {
  test('its numbers by type, in phone-type order, and its location under the native names', () => {
    const contact = nativeContact({
      uniqueIdentifier: 'c1',
      timezone: 'America/Chicago',
      country: 'US',
      state: 'IL',
      postalcode: '60601',
      homePhoneNumber: '+13125550102',
      mobilePhoneNumber: '+13125550100',
    });
    expect(contact).toStrictEqual({
      contactId: 'c1',
      timeZone: 'America/Chicago',
      country: 'US',
      state: 'IL',
      postalCode: '60601',
      phones: [
        { type: 'mobile', number: '+13125550100' },
        { type: 'home', number: '+13125550102' },
      ],
    });
  });

  test('a location field not sent is absent, not undefined', () => {
    expect(nativeContact({ uniqueIdentifier: 'c2', businessPhoneNumber: '+13125550101' })).toStrictEqual({
      contactId: 'c2',
      phones: [{ type: 'business', number: '+13125550101' }],
    });
  });

  test('the refusal of a contact without numbers names the product fields', () => {
    expect(NO_PHONE_MESSAGE).toBe('a contact needs at least one of mobilePhoneNumber, businessPhoneNumber, homePhoneNumber');
  });
});

describe('the windows of a chain', () => {
  const a = [{ start: '2027-01-01T10:00:00.000Z', end: '2027-01-01T12:00:00.000Z' }];
  const b = [{ start: '2027-01-02T10:00:00.000Z', end: '2027-01-02T12:00:00.000Z' }];

  test("a contact's own windows replace the request's; the same for all is accepted", () => {
    expect(chainWindows(a, [{}, { windows: a }], contactPath)).toStrictEqual({ windows: a, issues: [] });
    expect(chainWindows(undefined, [{}, {}], contactPath)).toStrictEqual({ windows: undefined, issues: [] });
  });

  test('a contact whose windows differ from the first contact is refused at its windows', () => {
    expect(chainWindows(a, [{}, { windows: b }, {}], contactPath)).toEqual({
      windows: a,
      issues: [
        {
          path: ['Contacts', 1, 'windows'],
          message: 'differs from the windows of the first contact: windows that differ between the contacts of one chain are not served',
        },
      ],
    });
  });
});

describe('the input attributes of a chain', () => {
  test("the request's and each contact's attributes are merged", () => {
    expect(chainAttributes({ region: 'north' }, [{ inputAttributes: { plan: 'gold' } }, {}], contactPath)).toStrictEqual({
      inputAttributes: { region: 'north', plan: 'gold' },
      issues: [],
    });
    expect(chainAttributes(undefined, [{}, { inputAttributes: { plan: 'gold' } }], contactPath)).toStrictEqual({
      inputAttributes: { plan: 'gold' },
      issues: [],
    });
  });

  test("the request's attributes alone are the chain's", () => {
    expect(chainAttributes({ region: 'north' }, [{}, {}], contactPath)).toStrictEqual({ inputAttributes: { region: 'north' }, issues: [] });
  });

  test('none sent: none in the delivery (not an empty set)', () => {
    expect(chainAttributes(undefined, [{}, {}], contactPath)).toStrictEqual({ issues: [] });
  });

  test('one name given two values is refused where the second value is', () => {
    const result = chainAttributes(
      { plan: 'gold' },
      [{ inputAttributes: { plan: 'gold' } }, { inputAttributes: { plan: 'silver' } }],
      contactPath,
    );
    expect(result).toEqual({
      inputAttributes: { plan: 'gold' },
      issues: [
        {
          path: ['Contacts', 1, 'inputAttributes', 'plan'],
          message: 'has another value than earlier in the request: attributes that differ between the contacts of one chain are not served',
        },
      ],
    });
  });

  test(`at most ${MAX_INPUT_ATTRIBUTES} names in all`, () => {
    const names = (from: number, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${from + i}`, 'v']));
    const full = chainAttributes(names(0, 50), [{ inputAttributes: names(50, MAX_INPUT_ATTRIBUTES - 50) }], contactPath);
    expect(full.issues).toEqual([]);
    expect(Object.keys(full.inputAttributes ?? {})).toHaveLength(MAX_INPUT_ATTRIBUTES);
    const over = chainAttributes(names(0, 50), [{ inputAttributes: names(50, MAX_INPUT_ATTRIBUTES - 49) }], contactPath);
    expect(over.issues).toEqual([{ path: [], message: `at most ${MAX_INPUT_ATTRIBUTES} input attributes in all` }]);
  });
});

describe('what the channel refuses', () => {
  const phonePath = (contact: number, type: string): IssuePath => ['Contacts', contact, `${type}PhoneNumber`];
  const mobile = { type: 'mobile' as const, number: '+13125550100' };
  const business = { type: 'business' as const, number: '+13125550101' };
  const home = { type: 'home' as const, number: '+13125550102' };

  test('voice: any number, but no message text', () => {
    const chain = [{ contactId: 'c', phones: [business] }];
    expect(channelIssues('voice', chain, phonePath, undefined)).toEqual([]);
    expect(channelIssues('voice', chain, phonePath, ['MessageText'])).toEqual([
      { path: ['MessageText'], message: 'applies to SMS engagements only; this engagement places voice calls' },
    ]);
  });

  test('SMS: mobile numbers only, each other number named', () => {
    expect(channelIssues('sms', [{ contactId: 'c', phones: [mobile] }], phonePath, ['MessageText'])).toEqual([]);
    expect(
      channelIssues(
        'sms',
        [
          { contactId: 'a', phones: [mobile] },
          { contactId: 'b', phones: [mobile, business, home] },
        ],
        phonePath,
        undefined,
      ),
    ).toEqual([
      { path: ['Contacts', 1, 'businessPhoneNumber'], message: 'an SMS engagement sends to mobile numbers only' },
      { path: ['Contacts', 1, 'homePhoneNumber'], message: 'an SMS engagement sends to mobile numbers only' },
    ]);
  });

  test('SMS: a contact without any number needs a mobile number', () => {
    expect(
      channelIssues(
        'sms',
        [
          { contactId: 'a', phones: [mobile] },
          { contactId: 'b', phones: [] },
        ],
        phonePath,
        undefined,
      ),
    ).toEqual([{ path: ['Contacts', 1, 'mobilePhoneNumber'], message: 'an SMS engagement needs a mobile number' }]);
  });
});

test('issues become field errors with dotted paths; a body-wide one is "(body)"', () => {
  expect(
    fieldErrors([
      { path: ['Contacts', 0, 'windows'], message: 'm1' },
      { path: [], message: 'm2' },
    ]),
  ).toEqual([
    { path: 'Contacts.0.windows', message: 'm1' },
    { path: '(body)', message: 'm2' },
  ]);
});
