/**
 * The dispatch backlog in a real Postgres: the SQL that claims the next deliveries orders them
 * exactly as the pure comparator does, for every call order and retry priority; and a pool is only
 * marked idle when nothing of an active engagement waits.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { createDispatchActivities, queueOrderSql } from '../../activities/dispatch';
import type { AvailabilityClient } from '../../activities/availabilityClient';
import { compareQueued, type QueuedDelivery } from '../../domain/dispatch';
import { CALL_ORDERS, RETRY_PRIORITIES } from '../../domain/engagement';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'order');
  await insertEngagement(database.db, 'paused-one');
  await database.db.updateTable('engagements').set({ state: 'paused' }).where('engagement_id', '=', 'paused-one').execute();
});
afterAll(() => database?.drop());

async function enqueue(engagementId: string, q: QueuedDelivery, poolKey = 'queue:order'): Promise<void> {
  const at = new Date(q.createdAtMs);
  await database.db
    .insertInto('deliveries')
    .values({ delivery_id: q.deliveryId, conversation_id: randomUUID(), engagement_id: engagementId, channel: 'voice', status: 'Pending', window_start_date: at, window_end_date: new Date(q.windowEndMs), windows: '[]', workflow_id: `delivery-${q.deliveryId}`, created_at: at, updated_at: at })
    .execute();
  await database.db
    .insertInto('dispatch_queue')
    .values({ delivery_id: q.deliveryId, pool_key: poolKey, engagement_id: engagementId, workflow_id: `delivery-${q.deliveryId}`, attempt: q.isRetry ? 2 : 1, is_retry: q.isRetry, delivery_created_at: at, window_end: new Date(q.windowEndMs), custom_priority: q.customPriority, state: 'waiting', enqueued_at: at })
    .execute();
}

const base = Date.UTC(2026, 5, 1, 12);
const queued = fc.record({
  createdMinute: fc.integer({ min: 0, max: 30 }), // ties on purpose
  windowMinute: fc.integer({ min: 0, max: 10 }),
  custom: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
  isRetry: fc.boolean(),
});

test('the claim SQL orders a backlog exactly like the pure comparator, for every call order and retry priority', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(queued, { minLength: 1, maxLength: 25 }), async (raw) => {
      await database.db.deleteFrom('dispatch_queue').execute();
      await database.db.deleteFrom('deliveries').execute();
      const backlog: QueuedDelivery[] = raw.map((r) => ({ deliveryId: randomUUID(), createdAtMs: base + r.createdMinute * 60_000, windowEndMs: base + 3600_000 + r.windowMinute * 60_000, customPriority: r.custom, isRetry: r.isRetry }));
      for (const q of backlog) await enqueue('order', q);
      for (const callOrder of CALL_ORDERS) {
        for (const retryPriority of RETRY_PRIORITIES) {
          const rows = await sql<{ delivery_id: string }>`select delivery_id from dispatch_queue where engagement_id = 'order' order by ${queueOrderSql(callOrder, retryPriority)}`.execute(database.db);
          const expected = [...backlog].sort(compareQueued(callOrder, retryPriority)).map((q) => q.deliveryId);
          expect({ callOrder, retryPriority, order: rows.rows.map((r) => r.delivery_id) }).toEqual({ callOrder, retryPriority, order: expected });
        }
      }
    }),
    { numRuns: 15 },
  );
});

test('a pool is marked idle only when no delivery of an active engagement waits in it', async () => {
  const { markPoolIdle } = createDispatchActivities({ db: database.db, temporal: {} as Client, taskQueue: 'unused', availability: {} as AvailabilityClient });
  await database.db.deleteFrom('dispatch_queue').execute();
  expect(await markPoolIdle({ poolKey: 'queue:idle' })).toEqual({ idle: true });

  const paused = { deliveryId: randomUUID(), createdAtMs: base, windowEndMs: base + 3600_000, customPriority: null, isRetry: false };
  await enqueue('paused-one', paused, 'queue:idle');
  // Only a paused engagement's delivery waits: nothing to dial until a resume (which wakes the dispatcher).
  expect(await markPoolIdle({ poolKey: 'queue:idle' })).toEqual({ idle: true });

  await enqueue('order', { ...paused, deliveryId: randomUUID() }, 'queue:idle');
  expect(await markPoolIdle({ poolKey: 'queue:idle' })).toEqual({ idle: false });
  const pool = await database.db.selectFrom('dispatch_pools').select('idle').where('pool_key', '=', 'queue:idle').executeTakeFirstOrThrow();
  expect(pool.idle).toBe(false);
});

test('engagement config fixtures carry the default pacing rules', () => {
  expect(engagementConfig().pacingRules).toMatchObject({ abandonmentCapPercent: 3, minimumLiveAnswers: 20 });
});

test('a retried grant re-signals the deliveries it claimed and claims no more; a vanished workflow frees its row', async () => {
  const signalled: string[] = [];
  const gone = new Set<string>();
  // Records the signals the grant sends (the e2e tests use the real client); a listed workflow id answers "not found".
  const temporal = {
    workflow: {
      getHandle: (workflowId: string) => ({
        signal: async () => {
          if (gone.has(workflowId)) throw new WorkflowNotFoundError('gone', workflowId, undefined);
          signalled.push(workflowId);
        },
      }),
    },
  } as unknown as Client;
  const { grantDialSlots } = createDispatchActivities({ db: database.db, temporal, taskQueue: 'unused', availability: {} as AvailabilityClient });
  await database.db.deleteFrom('dispatch_queue').execute();
  const backlog = Array.from({ length: 5 }, (_, i) => ({ deliveryId: randomUUID(), createdAtMs: base + i * 60_000, windowEndMs: base + 3600_000, customPriority: null, isRetry: false }));
  for (const q of backlog) await enqueue('order', q, 'queue:grant');
  gone.add(`delivery-${backlog[1]!.deliveryId}`);

  const request = { pool: { poolKey: 'queue:grant', queueId: 'grant', skills: [] }, grantId: 'run-1-7', grants: [{ engagementId: 'order', count: 2, kind: 'dial' as const, callOrder: 'fifo' as const, retryPriority: 'same' as const }] };
  expect(await grantDialSlots(request)).toEqual({ granted: 1 });
  expect(signalled).toEqual([`delivery-${backlog[0]!.deliveryId}`]);
  // The retry (say the activity timed out after signalling) re-signals what it holds and only tops up
  // the slot the vanished workflow wasted: never more than two live grants under this id.
  expect(await grantDialSlots(request)).toEqual({ granted: 1 });
  expect(signalled.sort()).toEqual([`delivery-${backlog[0]!.deliveryId}`, `delivery-${backlog[0]!.deliveryId}`, `delivery-${backlog[2]!.deliveryId}`].sort());
  expect(await grantDialSlots(request)).toEqual({ granted: 0 });
  const rows = await database.db.selectFrom('dispatch_queue').select(['delivery_id', 'state']).where('pool_key', '=', 'queue:grant').orderBy('delivery_created_at').execute();
  expect(rows.map((r) => [r.delivery_id, r.state])).toEqual([
    [backlog[0]!.deliveryId, 'granted'],
    [backlog[2]!.deliveryId, 'granted'],
    [backlog[3]!.deliveryId, 'waiting'],
    [backlog[4]!.deliveryId, 'waiting'],
  ]);
});
