/**
 * The purge (npm run purge): closed deliveries older than the cutoff go with their child rows, in
 * batches; open or recent ones stay, and a voice delivery and its SMS follow-up go only together.
 */
import { purgeClosedDeliveries } from '../../db/deliveryPurge';
import { linkFollowUp } from '../../db/deliveryStore';
import { parsePurgeArgs } from '../../scripts/purge';
import { engagementConfig, insertEngagement, insertOneContactDelivery } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const config = engagementConfig();
const DAY = 24 * 3600 * 1000;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'purge', config);
});
afterAll(() => database?.drop());

async function delivery(status: string, endedDaysAgo: number | null): Promise<string> {
  const now = new Date();
  const deliveryId = await insertOneContactDelivery(database.db, 'purge', config, now);
  const end = endedDaysAgo === null ? null : new Date(Date.now() - endedDaysAgo * DAY);
  await database.db
    .updateTable('deliveries')
    .set({ status, end_date: end, updated_at: end ?? now })
    .where('delivery_id', '=', deliveryId)
    .execute();
  await database.db.insertInto('attempts').values({ delivery_id: deliveryId, attempt_number: 1, started_at: now }).execute();
  return deliveryId;
}

async function withFollowUp(parent: string, child: string): Promise<void> {
  await database.db.updateTable('deliveries').set({ parent_delivery_id: parent }).where('delivery_id', '=', child).execute();
  await database.db.transaction().execute((trx) => linkFollowUp(trx, parent, child, new Date()));
}

async function remaining(ids: string[]): Promise<string[]> {
  const rows = await database.db.selectFrom('deliveries').select('delivery_id').where('delivery_id', 'in', ids).execute();
  return ids.filter((id) => rows.some((r) => r.delivery_id === id));
}

test('closed deliveries older than the cutoff go with their child rows, in batches; the rest stay', async () => {
  const old = [await delivery('Complete', 40), await delivery('Cancelled', 31), await delivery('Error', 60), await delivery('Expired', 45)];
  const recent = await delivery('Complete', 5);
  const open = await delivery('Pending', null);
  const oldOpen = await delivery('InProcess', 90);
  const voiceDone = await delivery('Complete', 40);
  const smsDone = await delivery('Complete', 39);
  await withFollowUp(voiceDone, smsDone);
  const voiceWaiting = await delivery('Complete', 40);
  const smsPending = await delivery('Pending', null);
  await withFollowUp(voiceWaiting, smsPending);

  const batches: number[] = [];
  const deleted = await purgeClosedDeliveries(database.db, {
    endedBefore: new Date(Date.now() - 30 * DAY),
    batchSize: 2,
    onBatch: (n) => batches.push(n),
  });
  expect(deleted).toBe(6);
  expect(batches.length).toBeGreaterThanOrEqual(3);
  const all = [...old, recent, open, oldOpen, voiceDone, smsDone, voiceWaiting, smsPending];
  expect(await remaining(all)).toEqual([recent, open, oldOpen, voiceWaiting, smsPending]);
  const purged = [...old, voiceDone, smsDone];
  for (const table of ['delivery_events', 'delivery_contacts', 'attempts'] as const)
    expect(await database.db.selectFrom(table).select('delivery_id').where('delivery_id', 'in', purged).execute()).toEqual([]);
  expect(await database.db.selectFrom('attempts').select('delivery_id').where('delivery_id', '=', recent).execute()).toHaveLength(1);
  // Nothing left to purge: a second run deletes nothing.
  expect(await purgeClosedDeliveries(database.db, { endedBefore: new Date(Date.now() - 30 * DAY) })).toBe(0);
});

test('the command takes --older-than-days or DELIVERY_RETENTION_DAYS, and refuses anything else', () => {
  expect(parsePurgeArgs(['--older-than-days', '30'], {})).toEqual({ days: 30, batchSize: 1000 });
  expect(parsePurgeArgs([], { DELIVERY_RETENTION_DAYS: '90' })).toEqual({ days: 90, batchSize: 1000 });
  expect(parsePurgeArgs(['--older-than-days', '7', '--batch-size', '50'], { DELIVERY_RETENTION_DAYS: '90' })).toEqual({
    days: 7,
    batchSize: 50,
  });
  for (const argv of [[], ['--older-than-days', '0'], ['--older-than-days', 'x'], ['--older-than-days', '1.5']])
    expect(() => parsePurgeArgs(argv, {})).toThrow(/older-than-days/);
});
