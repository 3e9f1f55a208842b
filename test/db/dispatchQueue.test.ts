/**
 * The dispatch backlog in a real Postgres: the SQL that claims the next deliveries orders them
 * exactly as the pure comparator does, for every call order and retry priority; the pool's dial slots
 * in flight count from the grant.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { claimWaiting, dialsInFlight, queueCounts, queueOrderSql } from '../../db/dispatchQueue';
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

test('a dial slot is in flight from its grant until its call is answered or the slot is given back', async () => {
  const pool = 'queue:in-flight';
  const now = Date.now();
  const row = async (set: { state: 'waiting' | 'offered' | 'granted'; ringingAgoMs?: number; answeredAgoMs?: number }) => {
    const deliveryId = randomUUID();
    await enqueue(
      database.db,
      'order',
      { deliveryId, createdAtMs: now, windowEndMs: now + 3600_000, customPriority: null, isRetry: false },
      pool,
    );
    await database.db
      .updateTable('dispatch_queue')
      .set({
        state: set.state,
        ringing_since: set.ringingAgoMs === undefined ? null : new Date(now - set.ringingAgoMs),
        answered_at: set.answeredAgoMs === undefined ? null : new Date(now - set.answeredAgoMs),
      })
      .where('delivery_id', '=', deliveryId)
      .execute();
    return deliveryId;
  };
  const call = (deliveryId: string, requestedAgoMs: number, ended: boolean) =>
    database.db
      .insertInto('calls')
      .values({
        call_id: randomUUID(),
        delivery_id: deliveryId,
        attempt_number: 1,
        contact_id: 'c',
        phone_type: 'mobile',
        to_address: '+15550100001',
        from_address: '+15550109999',
        requested_at: new Date(now - requestedAgoMs),
        ended_at: ended ? new Date(now - requestedAgoMs + 100) : null,
      })
      .execute();

  await row({ state: 'waiting' });
  await row({ state: 'offered' });
  await row({ state: 'granted' }); // granted, not dialled or not acknowledged yet
  await row({ state: 'granted', ringingAgoMs: 4000 }); // ringing
  const answered = await row({ state: 'granted', ringingAgoMs: 9000, answeredAgoMs: 5000 }); // connected: its representative is busy
  await call(answered, 9000, true);
  const abandonedThenNext = await row({ state: 'granted', ringingAgoMs: 9000, answeredAgoMs: 5000 }); // next number of the chain asked for
  await call(abandonedThenNext, 9000, true);
  await call(abandonedThenNext, 1000, false);

  const inFlight = await dialsInFlight(database.db, pool);
  expect(inFlight.placing).toBe(2);
  expect(inFlight.ringingMs).toHaveLength(1);
  expect(inFlight.ringingMs[0]).toBeGreaterThanOrEqual(3500);
  expect(inFlight.ringingMs[0]).toBeLessThan(60_000);
});

test.each([
  { plan: 'the default plan', settings: [] as string[] },
  {
    plan: 'a nested-loop semi join that re-runs the candidate subquery per row',
    settings: [
      'enable_hashagg',
      'enable_hashjoin',
      'enable_mergejoin',
      'enable_material',
      'enable_memoize',
      'enable_indexscan',
      'enable_bitmapscan',
      'enable_sort',
    ],
  },
])('a claim takes at most the count it asks for, under $plan', async ({ settings }) => {
  // A grant of 8 once claimed all 32 waiting rows on a loaded machine: when the planner re-runs a
  // `LIMIT … FOR UPDATE SKIP LOCKED` subquery per outer row, each run sees other rows.
  const pool = `queue:claim-${randomUUID()}`;
  const now = Date.now();
  for (let i = 0; i < 32; i++)
    await enqueue(
      database.db,
      'order',
      { deliveryId: randomUUID(), createdAtMs: now + i, windowEndMs: now + 3600_000, customPriority: null, isRetry: false },
      pool,
    );
  const claimed = await database.db.transaction().execute(async (trx) => {
    for (const s of settings) await sql`select set_config(${s}, 'off', true)`.execute(trx);
    return claimWaiting(
      trx,
      pool,
      `grant-${randomUUID()}`,
      { engagementId: 'order', count: 8, kind: 'dial', callOrder: 'fifo', retryPriority: 'higher' },
      8,
    );
  });
  expect(claimed).toHaveLength(8);
  const states = await queueCounts(database.db, pool);
  expect(states.find((s) => s.state === 'granted')?.count).toBe(8);
  expect(states.find((s) => s.state === 'waiting')?.count).toBe(24);
});
