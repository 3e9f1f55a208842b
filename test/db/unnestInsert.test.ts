/**
 * insertDeliveriesUnnested (one unnest statement per table) stores exactly what the multi-row
 * insert stores: the same columns, nulls, jsonb and timestamps, chain positions and attributes.
 */
import { randomUUID } from 'node:crypto';
import { insertDeliveries, insertDeliveriesUnnested } from '../../db/deliveryStore';
import { newDelivery, newDeliveryPlan } from '../../domain/delivery/newDelivery';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const config = engagementConfig();
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'unnest', config);
});
afterAll(() => database?.drop());

function deliveries(ids: string[], now: Date) {
  return ids.map((deliveryId, i) => {
    const plan = newDeliveryPlan(
      { deliveryId, conversationId: `conv-${i}` },
      'unnest',
      config,
      {
        contacts: [
          { contactId: `a${i}`, timeZone: 'America/New_York', phones: [{ type: 'mobile', number: `+1555000${1000 + i}` }] },
          { contactId: `b${i}`, phones: [{ type: 'home', number: `+1555100${1000 + i}` }], country: 'US', postalCode: 'O\'Hare "1"' },
        ],
        windows: [{ start: '2030-01-01T10:00:00.000Z', end: '2030-01-01T18:00:00.000Z' }],
        inputAttributes: { Order: `o${i}`, Note: 'a, "quoted" {value}' },
      },
      now,
    );
    return newDelivery(plan, config, {
      origin: { kind: 'request' },
      now,
      policies: [],
      trackingId: i % 2 ? `t${i}` : undefined,
    });
  });
}

async function stored(ids: string[]) {
  const { db } = database;
  const strip = <T extends Record<string, unknown>>(rows: T[]) =>
    rows.map(({ delivery_id, id: _id, workflow_id: _workflowId, ...rest }) => ({ index: ids.indexOf(delivery_id as string), ...rest }));
  return {
    deliveries: strip(await db.selectFrom('deliveries').selectAll().where('delivery_id', 'in', ids).orderBy('conversation_id').execute()),
    contacts: strip(await db.selectFrom('delivery_contacts').selectAll().where('delivery_id', 'in', ids).orderBy('contact_id').execute()),
    attributes: strip(
      await db
        .selectFrom('delivery_attributes')
        .select(['delivery_id', 'keyword', 'value', 'type'])
        .where('delivery_id', 'in', ids)
        .orderBy('value')
        .execute(),
    ),
    events: strip(
      await db
        .selectFrom('delivery_events')
        .select(['delivery_id', 'seq', 'at', 'status', 'detail'])
        .where('delivery_id', 'in', ids)
        .orderBy('detail')
        .execute(),
    ),
  };
}

test('the unnest insert stores the same rows as the multi-row insert', async () => {
  const now = new Date('2029-12-31T12:00:00.000Z');
  const byRows = [randomUUID(), randomUUID(), randomUUID()];
  const byUnnest = [randomUUID(), randomUUID(), randomUUID()];
  await database.db.transaction().execute((trx) => insertDeliveries(trx, deliveries(byRows, now)));
  await database.db.transaction().execute((trx) => insertDeliveriesUnnested(trx, deliveries(byUnnest, now)));
  const expected = await stored(byRows);
  expect(expected.deliveries).toHaveLength(3);
  expect(expected.contacts).toHaveLength(6);
  expect(expected.attributes.length).toBeGreaterThanOrEqual(6);
  expect(await stored(byUnnest)).toEqual(expected);
});
