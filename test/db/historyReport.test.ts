/**
 * The historical dashboard's query on real Postgres: days are calendar days in the filter's zone (the
 * same day luxon gives for the instant), the period's bounds are that zone's midnights, and every table
 * adds up to the total.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { historyReport } from '../../db/historyReport';
import { DELIVERY_STATUSES } from '../../domain/delivery/deliveryStatus';
import { engagementConfig, insertEngagement, insertOneContactDelivery } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const config = engagementConfig();
const predictive = engagementConfig({ dialMode: 'predictive', routing: { queueId: 'queue-2', queueDisplayNumber: '+15550109999' } });

beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'hist-1', config);
  await insertEngagement(database.db, 'hist-2', predictive);
  await insertEngagement(database.db, 'hist-3', config);
});
afterAll(() => database?.drop());

async function deliveryAt(engagementId: string, at: Date) {
  const c = engagementId === 'hist-2' ? predictive : config;
  await insertOneContactDelivery(database.db, engagementId, c, at);
}

test('days and the period are read in the time zone; dial modes, queues and engagements are grouped; tables sum to the total', async () => {
  // 03:30 UTC on 1 March is 22:30 on 28 February in New York; 06:00 UTC is 01:00 on 1 March there.
  await deliveryAt('hist-1', new Date('2026-03-01T03:30:00Z'));
  await deliveryAt('hist-1', new Date('2026-03-01T06:00:00Z'));
  await deliveryAt('hist-2', new Date('2026-03-01T12:00:00Z'));

  const utc = await historyReport(database.db, { timeZone: 'UTC', from: '2026-03-01', to: '2026-03-01' });
  expect(utc.total).toBe(3);
  expect(utc.byDate.map((r) => [r.key, r.total])).toEqual([['2026-03-01', 3]]);
  expect(utc.byDialMode).toEqual({ progressive: 2, predictive: 1 });
  expect(utc.byQueue.map((r) => [r.key, r.total])).toEqual([
    ['queue-1', 2],
    ['queue-2', 1],
  ]);
  expect(utc.byStatus).toEqual({ ...Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0])), Pending: 3 });

  const ny = await historyReport(database.db, { timeZone: 'America/New_York' });
  expect(ny.byDate.map((r) => [r.key, r.total])).toEqual([
    ['2026-02-28', 1],
    ['2026-03-01', 2],
  ]);
  const nyFirst = await historyReport(database.db, { timeZone: 'America/New_York', from: '2026-03-01', to: '2026-03-01' });
  expect(nyFirst.total).toBe(2);
  const filtered = await historyReport(database.db, { timeZone: 'UTC', engagementId: 'hist-2', queueId: 'queue-2', channel: 'voice' });
  expect(filtered.byEngagement.map((r) => [r.key, r.total])).toEqual([['hist-2', 1]]);
  expect((await historyReport(database.db, { timeZone: 'UTC', channel: 'sms' })).total).toBe(0);
  for (const table of [ny.byDate, ny.byQueue, ny.byEngagement]) expect(table.reduce((s, r) => s + r.total, 0)).toBe(ny.total);
});

test("a delivery's day in the report is the day luxon gives for its instant in that zone", async () => {
  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe', 'America/St_Johns'];
  await fc.assert(
    fc.asyncProperty(
      fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom(...zones),
      async (at, zone) => {
        const day = DateTime.fromJSDate(at, { zone }).toISODate()!;
        const read = () => historyReport(database.db, { timeZone: zone, engagementId: 'hist-3', from: day, to: day });
        const before = (await read()).total;
        await deliveryAt('hist-3', at);
        const after = await read();
        expect(after.total).toBe(before + 1);
        expect(after.byDate.map((r) => r.key)).toEqual([day]);
      },
    ),
    { numRuns: 40 },
  );
});
