/** The native API and the CSV row reader refuse the same over-limit values, with the same limit (domain/deliveryLimits.ts). */
import { deliveryRequestSchema } from '../../../api/schemas/deliveryRequest';
import { seedVoiceDeliverySchema } from '../../../api/schemas/seedVoiceDelivery';
import { ChainCounter } from '../../../domain/csvIntake/chains';
import { readHeader } from '../../../domain/csvIntake/columns';
import { readRow } from '../../../domain/csvIntake/rows';
import {
  DELIVERY_FIELD_MAX as MAX,
  MAX_CHAIN_CONTACTS,
  MAX_INPUT_ATTRIBUTES,
  chainTooLongMessage,
  tooLongMessage,
} from '../../../domain/delivery/deliveryLimits';

const HEADER = ['UniqueIdentifier', 'MobilePhoneNumber', 'Country', 'State', 'PostalCode', 'ID', 'Priority', 'Note'];
const header = readHeader(HEADER);
if (!header.ok) throw new Error('bad header');
const csv = (cells: Record<string, string>) =>
  readRow(
    HEADER.map((h) => cells[h] ?? ''),
    2,
    header.columns,
  );
const goodCells = { UniqueIdentifier: 'c', MobilePhoneNumber: '+15550100001' };

const api = (contact: object, request: object = {}) =>
  deliveryRequestSchema.safeParse({
    engagementId: 'e',
    contacts: [{ contactId: 'c', phones: [{ type: 'mobile', number: '+15550100001' }], ...contact }],
    ...request,
  });

// [what, limit, CSV column, API request from a value]
const fields: Array<[string, number, string, (v: string) => ReturnType<typeof api>, string]> = [
  ['contact id', MAX.identifier, 'UniqueIdentifier', (v) => api({ contactId: v }), 'contacts.0.contactId'],
  ['chain id / tracking id', MAX.identifier, 'ID', (v) => api({}, { trackingId: v }), 'trackingId'],
  ['country', MAX.country, 'Country', (v) => api({ country: v }), 'contacts.0.country'],
  ['state', MAX.state, 'State', (v) => api({ state: v }), 'contacts.0.state'],
  ['postal code', MAX.postalCode, 'PostalCode', (v) => api({ postalCode: v }), 'contacts.0.postalCode'],
  ['custom priority', MAX.customPriority, 'Priority', (v) => api({}, { customPriority: v }), 'customPriority'],
  ['attribute value', MAX.attributeValue, 'Note', (v) => api({}, { inputAttributes: { Note: v } }), 'inputAttributes.Note'],
];

describe.each(fields)('%s: at most %d characters on both paths', (_what, max, column, apiWith, path) => {
  test('the limit itself is accepted by both', () => {
    expect(csv({ ...goodCells, [column]: 'x'.repeat(max) }).ok).toBe(true);
    expect(apiWith('x'.repeat(max)).success).toBe(true);
  });

  test('one more is refused by both, with the same wording and limit', () => {
    const row = csv({ ...goodCells, [column]: 'x'.repeat(max + 1) });
    expect(row).toEqual({ ok: false, reason: `${column} ${tooLongMessage(max)}` });
    const request = apiWith('x'.repeat(max + 1));
    expect(request.success).toBe(false);
    expect(request.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([[path, tooLongMessage(max)]]);
  });
});

test('the seed API refuses a contact id over the same limit', () => {
  const seed = (id: string) =>
    seedVoiceDeliverySchema.safeParse({ ProactiveEngagementConfigId: 'e', DestinationPhoneNumber: '+15550100001', ContactId: id });
  expect(seed('x'.repeat(MAX.identifier)).success).toBe(true);
  expect(seed('x'.repeat(MAX.identifier + 1)).error!.issues[0]!.message).toBe(tooLongMessage(MAX.identifier));
});

test('a chain: both take the limit and refuse one contact more', () => {
  const contacts = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ contactId: `c${i}`, phones: [{ type: 'mobile', number: `+1555010000${i}` }] }));
  expect(deliveryRequestSchema.safeParse({ engagementId: 'e', contacts: contacts(MAX_CHAIN_CONTACTS) }).success).toBe(true);
  const over = deliveryRequestSchema.safeParse({ engagementId: 'e', contacts: contacts(MAX_CHAIN_CONTACTS + 1) });
  expect(over.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['contacts', chainTooLongMessage()]]);

  const counter = new ChainCounter();
  const verdicts = Array.from({ length: MAX_CHAIN_CONTACTS + 1 }, (_, i) => counter.admit({ chainId: 'A', line: i + 2 }));
  expect(verdicts.slice(0, MAX_CHAIN_CONTACTS)).toEqual(Array(MAX_CHAIN_CONTACTS).fill(undefined));
  expect(verdicts[MAX_CHAIN_CONTACTS]).toContain(`exceeds ${MAX_CHAIN_CONTACTS} contacts`);
});

test('input attributes: the API takes the limit; the CSV leaves room for Priority', () => {
  const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, 'v']));
  expect(api({}, { inputAttributes: attributes(MAX_INPUT_ATTRIBUTES) }).success).toBe(true);
  expect(api({}, { inputAttributes: attributes(MAX_INPUT_ATTRIBUTES + 1) }).success).toBe(false);
  const passThrough = (n: number) =>
    readHeader(['UniqueIdentifier', 'MobilePhoneNumber', 'Priority', ...Array.from({ length: n }, (_, i) => `a${i}`)]).ok;
  expect(passThrough(MAX_INPUT_ATTRIBUTES - 1)).toBe(true);
  expect(passThrough(MAX_INPUT_ATTRIBUTES)).toBe(false);
});
