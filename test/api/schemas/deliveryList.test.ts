import { decodeCursor, deliveryListQuery, encodeCursor } from '../../../api/schemas/deliveryList';

const id = '3f2a6c1e-0b7d-4e59-9a41-2c8f5d7e6b10';
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

test('a cursor the API returned decodes to the row it ends at', () => {
  const createdAt = new Date('2026-11-30T14:46:53.574Z');
  expect(decodeCursor(encodeCursor(createdAt, id))).toEqual({ createdAt, deliveryId: id });
});

test.each([
  ['not base64 JSON', 'abc'],
  ['not an array', cursorOf({ a: 1 })],
  ['a non-UUID id', cursorOf(['2024-01-01T00:00:00.000Z', 'not-a-uuid'])],
  ['a date out of range', cursorOf(['+275760-09-13T00:00:00.000Z', id])],
  ['a negative year', cursorOf(['-000001-01-01T00:00:00.000Z', id])],
  ['an impossible date', cursorOf(['2027-02-30T00:00:00.000Z', id])],
  ['extra members', cursorOf(['2024-01-01T00:00:00.000Z', id, 1])],
])('%s is not a cursor', (_name, cursor) => {
  expect(decodeCursor(cursor)).toBeUndefined();
  const parsed = deliveryListQuery.safeParse({ cursor });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['cursor']);
});

test('the date filters refuse what Postgres could not compare, naming the parameter', () => {
  const parsed = deliveryListQuery.safeParse({ createdFrom: '0000-01-01', resultTo: '-000001-01-01T00:00:00Z', engagementId: 'a\u0000' });
  expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['createdFrom', 'engagementId', 'resultTo']);
  expect(deliveryListQuery.parse({ createdFrom: '2020-01-01' }).createdFrom).toEqual(new Date('2020-01-01T00:00:00Z'));
});

test('tracking and contact ids filter as given, within the identifier limit', () => {
  expect(deliveryListQuery.parse({ trackingId: 'order-1', contactId: 'cust 7' })).toMatchObject({
    trackingId: 'order-1',
    contactId: 'cust 7',
  });
  const parsed = deliveryListQuery.safeParse({ trackingId: 'x'.repeat(201), contactId: '' });
  expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['contactId', 'trackingId']);
});

test('the query reads a cursor the API returned as the row it ends at, and refuses another one saying so', () => {
  const createdAt = new Date('2026-11-30T14:46:53.574Z');
  expect(deliveryListQuery.parse({ cursor: encodeCursor(createdAt, id) })).toEqual({ limit: 50, cursor: { createdAt, deliveryId: id } });
  expect(deliveryListQuery.safeParse({ cursor: 'abc' }).error?.issues.map((i) => i.message)).toEqual(['not a cursor this API returned']);
});
