/** The backlog activities in a real Postgres: a pool is only marked idle when nothing of an active engagement waits. */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { createDispatchActivities } from '../../../activities/dispatch';
import type { AvailabilityClient } from '../../../activities/availabilityClient';
import { enqueue } from '../../helpers/dispatchBacklog';
import { insertEngagement } from '../../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'order');
  await insertEngagement(database.db, 'paused-one');
  await database.db.updateTable('engagements').set({ state: 'paused' }).where('engagement_id', '=', 'paused-one').execute();
});
afterAll(() => database?.drop());

const base = Date.UTC(2026, 5, 1, 12);

test('a pool is marked idle only when no delivery of an active engagement waits in it', async () => {
  const { markPoolIdle } = createDispatchActivities({
    db: database.db,
    temporal: {} as Client,
    taskQueue: 'unused',
    availability: {} as AvailabilityClient,
  });
  await database.db.deleteFrom('dispatch_queue').execute();
  expect(await markPoolIdle({ poolKey: 'queue:idle' })).toEqual({ idle: true });

  const paused = { deliveryId: randomUUID(), createdAtMs: base, windowEndMs: base + 3600_000, customPriority: null, isRetry: false };
  await enqueue(database.db, 'paused-one', paused, 'queue:idle');
  // Only a paused engagement's delivery waits: nothing to dial until a resume (which wakes the dispatcher).
  expect(await markPoolIdle({ poolKey: 'queue:idle' })).toEqual({ idle: true });

  await enqueue(database.db, 'order', { ...paused, deliveryId: randomUUID() }, 'queue:idle');
  expect(await markPoolIdle({ poolKey: 'queue:idle' })).toEqual({ idle: false });
  const pool = await database.db.selectFrom('dispatch_pools').select('idle').where('pool_key', '=', 'queue:idle').executeTakeFirstOrThrow();
  expect(pool.idle).toBe(false);
});
