/** Granting in a real Postgres: a retried grant claims no more than its count; a vanished workflow frees its row. */
import { randomUUID } from 'node:crypto';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { createDispatchActivities } from '../../../activities/dispatch';
import type { AvailabilityClient } from '../../../activities/availabilityClient';
import { enqueue } from '../../helpers/dispatchBacklog';
import { insertEngagement } from '../../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'order');
});
afterAll(() => database?.drop());

const base = Date.UTC(2026, 5, 1, 12);

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
  const { grantDialSlots } = createDispatchActivities({
    db: database.db,
    temporal,
    taskQueue: 'unused',
    availability: {} as AvailabilityClient,
  });
  await database.db.deleteFrom('dispatch_queue').execute();
  const backlog = Array.from({ length: 5 }, (_, i) => ({
    deliveryId: randomUUID(),
    createdAtMs: base + i * 60_000,
    windowEndMs: base + 3600_000,
    customPriority: null,
    isRetry: false,
  }));
  for (const q of backlog) await enqueue(database.db, 'order', q, 'queue:grant');
  gone.add(`delivery-${backlog[1]!.deliveryId}`);

  const request = {
    pool: { poolKey: 'queue:grant', queueId: 'grant', skills: [] },
    grantId: 'run-1-7',
    grants: [{ engagementId: 'order', count: 2, kind: 'dial' as const, callOrder: 'fifo' as const, retryPriority: 'same' as const }],
  };
  expect(await grantDialSlots(request)).toEqual({ granted: 1 });
  expect(signalled).toEqual([`delivery-${backlog[0]!.deliveryId}`]);
  // The retry (say the activity timed out after signalling) re-signals what it holds and only tops up
  // the slot the vanished workflow wasted: never more than two live grants under this id.
  expect(await grantDialSlots(request)).toEqual({ granted: 1 });
  expect(signalled.sort()).toEqual(
    [`delivery-${backlog[0]!.deliveryId}`, `delivery-${backlog[0]!.deliveryId}`, `delivery-${backlog[2]!.deliveryId}`].sort(),
  );
  expect(await grantDialSlots(request)).toEqual({ granted: 0 });
  const rows = await database.db
    .selectFrom('dispatch_queue')
    .select(['delivery_id', 'state'])
    .where('pool_key', '=', 'queue:grant')
    .orderBy('delivery_created_at')
    .execute();
  expect(rows.map((r) => [r.delivery_id, r.state])).toEqual([
    [backlog[0]!.deliveryId, 'granted'],
    [backlog[2]!.deliveryId, 'granted'],
    [backlog[3]!.deliveryId, 'waiting'],
    [backlog[4]!.deliveryId, 'waiting'],
  ]);
});
