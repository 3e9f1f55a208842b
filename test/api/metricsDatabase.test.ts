/**
 * The database-wide gauges over a real Postgres: every series carries scope="database" (the same on
 * every API replica); occupancy and representatives from the pool's last recorded tick, calls in
 * flight, abandonment over the rule's window against the cap, and the backlog by state.
 */
import { randomUUID } from 'node:crypto';
import { createMetrics } from '../../api/metrics';
import { enqueueDelivery } from '../../db/dispatchQueue';
import { dispatchPool } from '../../domain/dispatch';
import { engagementConfig, insertEngagement, insertOneContactDelivery } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
const config = engagementConfig({ pacingRules: { abandonmentCapPercent: 4, abandonmentWindowHours: 24 } });
const pool = dispatchPool({ ...config, engagementId: 'metrics-a' });

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await insertEngagement(db, 'metrics-a', config);
  for (const reason of ['quiet-hours', 'dial-slot', 'dial-slot']) {
    const now = new Date();
    const deliveryId = await insertOneContactDelivery(db, 'metrics-a', config, now);
    await db
      .updateTable('deliveries')
      .set({ waiting_for: JSON.stringify({ reason, detail: { text: reason } }) })
      .where('delivery_id', '=', deliveryId)
      .execute();
    if (reason === 'dial-slot') {
      await enqueueDelivery(db, {
        deliveryId: deliveryId,
        engagementId: 'metrics-a',
        workflowId: 'w',
        attempt: 1,
        pool,
        windowEnd: new Date(Date.now() + 3600_000),
      } as never);
    }
  }
  await db.updateTable('dispatch_queue').set({ state: 'granted' }).where('engagement_id', '=', 'metrics-a').execute();
  for (const abandoned of [true, false, false, false])
    await db
      .insertInto('dispatch_outcomes')
      .values({
        pool_key: pool.poolKey,
        engagement_id: 'metrics-a',
        call_id: randomUUID(),
        at: new Date(),
        ring_ms: 1,
        live: true,
        abandoned,
        failed: false,
        wait_ms: null,
      })
      .execute();
  await db
    .insertInto('pacing_ticks')
    .values({
      tick_id: 'm-1',
      pool_key: pool.poolKey,
      at: new Date(),
      inputs: JSON.stringify({
        run: 1,
        tick: 1,
        withinOperatingHours: true,
        available: 1,
        busy: 3,
        offline: 2,
        inFlight: 2,
        ringing: 0,
        offers: 0,
        answerProbability: 0.5,
        handleMs: 1,
      }),
    })
    .execute();
});
afterAll(() => database?.drop());

test('the board figures are gauges labelled scope="database"', async () => {
  const text = await createMetrics(database.db).registry.metrics();
  const p = pool.poolKey;
  expect(text).toContain(`engine_pool_occupancy_ratio{pool="${p}",scope="database"} 0.75`);
  expect(text).toContain(`engine_pool_representatives{pool="${p}",presence="available",scope="database"} 1`);
  expect(text).toContain(`engine_pool_representatives{pool="${p}",presence="busy",scope="database"} 3`);
  expect(text).toContain(`engine_pool_representatives{pool="${p}",presence="offline",scope="database"} 2`);
  expect(text).toContain('engine_calls_in_flight{engagement="metrics-a",scope="database"} 2');
  expect(text).toContain('engine_abandonment_rolling_ratio{engagement="metrics-a",scope="database"} 0.25');
  expect(text).toContain('engine_abandonment_cap_ratio{engagement="metrics-a",scope="database"} 0.04');
  expect(text).toContain('engine_backlog{engagement="metrics-a",state="dial-slot",scope="database"} 2');
  expect(text).toContain('engine_backlog{engagement="metrics-a",state="quiet-hours",scope="database"} 1');
  // Every database-wide series says so; this process's own series (HTTP, process) do not.
  for (const line of text
    .split('\n')
    .filter((l) => /^engine_(deliveries|calls|abandoned|dispatch|engagement|pool|backlog|abandonment)/.test(l)))
    expect(line).toContain('scope="database"');
  expect(text).toMatch(/^engine_api_process_cpu_user_seconds_total /m);
});
