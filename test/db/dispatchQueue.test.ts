/**
 * The dispatch backlog in a real Postgres: the SQL that claims the next deliveries orders them
 * exactly as the pure comparator does, for every call order and retry priority.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { queueOrderSql } from '../../db/dispatchQueue';
import { compareQueued, type QueuedDelivery } from '../../domain/dispatch';
import { CALL_ORDERS, RETRY_PRIORITIES } from '../../domain/engagement';
import { enqueue } from '../helpers/dispatchBacklog';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'order');
});
afterAll(() => database?.drop());

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
      const backlog: QueuedDelivery[] = raw.map((r) => ({
        deliveryId: randomUUID(),
        createdAtMs: base + r.createdMinute * 60_000,
        windowEndMs: base + 3600_000 + r.windowMinute * 60_000,
        customPriority: r.custom,
        isRetry: r.isRetry,
      }));
      for (const q of backlog) await enqueue(database.db, 'order', q);
      for (const callOrder of CALL_ORDERS) {
        for (const retryPriority of RETRY_PRIORITIES) {
          const rows = await sql<{
            delivery_id: string;
          }>`select delivery_id from dispatch_queue where engagement_id = 'order' order by ${queueOrderSql(callOrder, retryPriority)}`.execute(
            database.db,
          );
          const expected = [...backlog].sort(compareQueued(callOrder, retryPriority)).map((q) => q.deliveryId);
          expect({ callOrder, retryPriority, order: rows.rows.map((r) => r.delivery_id) }).toEqual({
            callOrder,
            retryPriority,
            order: expected,
          });
        }
      }
    }),
    { numRuns: 15 },
  );
});

test('engagement config fixtures carry the default pacing rules', () => {
  expect(engagementConfig().pacingRules).toMatchObject({ abandonmentCapPercent: 3, minimumLiveAnswers: 20 });
});
