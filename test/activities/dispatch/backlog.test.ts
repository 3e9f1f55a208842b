/**
 * The backlog activities in a real Postgres: a pool is only marked idle when nothing of an active engagement waits;
 * an AI agent pool with room grants at the request, and the dispatcher's claims count those grants.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createDispatchActivities } from '../../../activities/dispatch';
import { DELIVERY_NOT_STORED } from '../../../activities/dispatch/backlog';
import type { AvailabilityClient } from '../../../activities/availabilityClient';
import { enqueue } from '../../helpers/dispatchBacklog';
import { dispatchPool, requestGrantId } from '../../../domain/dispatch';
import { engagementConfig, insertEngagement, insertOneContactDelivery } from '../../helpers/fixtures';
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

describe('grants at the request (an AI agent pool with room)', () => {
  const ai = engagementConfig({
    dialMode: 'ai-agent',
    dialModeSettings: { maxConcurrentAiCalls: 2 },
    routing: { queueId: 'q-ai-request', queueDisplayNumber: '+15550109999' },
  });
  const pool = dispatchPool({ ...ai, engagementId: 'ai' });
  /** Starts and wakes recorded instead of sent: the backlog's only calls into Temporal. */
  const wakes: string[] = [];
  const temporal = {
    workflow: {
      signalWithStart: async (_w: unknown, o: { workflowId: string }) => void wakes.push(`wake ${o.workflowId}`),
      start: async (_w: unknown, o: { workflowId: string }) => void wakes.push(`ensure ${o.workflowId}`),
      getHandle: () => ({}),
    },
  } as unknown as Client;
  const activities = () =>
    createDispatchActivities({ db: database.db, temporal, taskQueue: 'unused', availability: {} as AvailabilityClient });
  const requestDialSlot = (input: Parameters<ReturnType<typeof activities>['requestDialSlot']>[0]) => activities().requestDialSlot(input);
  const request = async (engagementId: string, attempt = 1) => {
    const config = engagementId === 'ai' ? ai : engagementConfig();
    const deliveryId = await insertOneContactDelivery(database.db, engagementId, config);
    const windowEnd = new Date(Date.now() + 3600_000).toISOString();
    const input = { pool, deliveryId, workflowId: `delivery-${deliveryId}`, engagementId, attempt, windowEnd };
    return { deliveryId, input, answer: await requestDialSlot(input) };
  };
  const setPool = (values: { idle?: boolean; queue_open?: boolean | null }) =>
    database.db.updateTable('dispatch_pools').set(values).where('pool_key', '=', pool.poolKey).execute();

  beforeAll(async () => {
    await insertEngagement(database.db, 'ai', ai);
  });
  beforeEach(async () => {
    await database.db.deleteFrom('dispatch_queue').where('pool_key', '=', pool.poolKey).execute();
    await database.db.deleteFrom('request_grant_minutes').execute();
    await database.db.deleteFrom('dispatch_pools').where('pool_key', '=', pool.poolKey).execute();
    wakes.length = 0;
  });

  test('the first request wakes the dispatcher and waits; once it is awake and the queue open, requests are granted up to the limit', async () => {
    const first = await request('ai');
    expect(first.answer).toEqual({ state: 'waiting' });
    expect(wakes).toEqual([`wake dispatch-unused-${pool.poolKey}`]);
    // What the dispatcher's first tick leaves behind: awake, the queue seen open, the first delivery granted.
    await setPool({ idle: false, queue_open: true });
    await database.db
      .updateTable('dispatch_queue')
      .set({ state: 'granted', grant_id: 'tick-1' })
      .where('delivery_id', '=', first.deliveryId)
      .execute();

    const second = await request('ai');
    expect(second.answer).toEqual({ state: 'granted', grant: { grantId: requestGrantId(second.deliveryId, 1), kind: 'dial' } });
    // Two slots held of two: the next one waits for the dispatcher.
    const third = await request('ai');
    expect(third.answer).toEqual({ state: 'waiting' });
    // A retried request (the same attempt) finds its own grant, and counts it once.
    expect(await requestDialSlot(second.input)).toEqual(second.answer);
    const minutes = await database.db.selectFrom('request_grant_minutes').select(['engagement_id', 'pool_key', 'grants']).execute();
    expect(minutes).toEqual([{ engagement_id: 'ai', pool_key: pool.poolKey, grants: 1 }]);
    expect(wakes.filter((w) => w.startsWith('wake'))).toHaveLength(1);

    // A slot given back makes room, but the delivery already waiting comes first: the dispatcher orders them.
    await activities().releaseDialSlot({ deliveryId: first.deliveryId });
    expect((await request('ai')).answer).toEqual({ state: 'waiting' });
  });

  test('a closed queue, a paused engagement or a sleeping dispatcher: the request waits', async () => {
    await request('ai'); // creates the pool row
    await database.db.deleteFrom('dispatch_queue').where('pool_key', '=', pool.poolKey).execute();
    await setPool({ idle: false, queue_open: false });
    expect((await request('ai')).answer).toEqual({ state: 'waiting' });
    await database.db.deleteFrom('dispatch_queue').where('pool_key', '=', pool.poolKey).execute();
    await setPool({ idle: true, queue_open: true });
    expect((await request('ai')).answer).toEqual({ state: 'waiting' });
    await database.db.deleteFrom('dispatch_queue').where('pool_key', '=', pool.poolKey).execute();
    await setPool({ idle: false, queue_open: true });
    await database.db.updateTable('engagements').set({ state: 'paused' }).where('engagement_id', '=', 'ai').execute();
    try {
      expect((await request('ai')).answer).toEqual({ state: 'waiting' });
    } finally {
      await database.db.updateTable('engagements').set({ state: 'active' }).where('engagement_id', '=', 'ai').execute();
    }
    expect(await database.db.selectFrom('request_grant_minutes').selectAll().execute()).toEqual([]);
  });

  test("the dispatcher's claim counts the slots granted at the request since its snapshot: the pool never holds more than the limit", async () => {
    const waiting = await request('ai');
    await setPool({ idle: false, queue_open: true });
    const other = await request('ai');
    expect(other.answer).toEqual({ state: 'waiting' });
    // The tick saw none in flight and planned 2; meanwhile one slot was granted at the request (the row it leaves, set here).
    await database.db
      .updateTable('dispatch_queue')
      .set({ state: 'granted', grant_id: requestGrantId(other.deliveryId, 1) })
      .where('delivery_id', '=', other.deliveryId)
      .execute();
    const g = { engagementId: 'ai', count: 2, kind: 'dial' as const, callOrder: ai.callOrder, retryPriority: ai.reattempts.retryPriority };
    const signalled: string[] = [];
    const grants = createDispatchActivities({
      db: database.db,
      temporal: { workflow: { getHandle: (id: string) => ({ signal: async () => void signalled.push(id) }) } } as unknown as Client,
      taskQueue: 'unused',
      availability: {} as AvailabilityClient,
    }).grantDialSlots;
    expect(await grants({ pool, grantId: 'tick-2', grants: [{ ...g, poolInFlightLimit: 2 }] })).toEqual({ granted: 1 });
    expect(signalled).toEqual([`delivery-${waiting.deliveryId}`]);
    const held = await database.db.selectFrom('dispatch_queue').select('state').where('pool_key', '=', pool.poolKey).execute();
    expect(held.map((r) => r.state)).toEqual(['granted', 'granted']);
  });

  test('a request that comes before its delivery is committed is asked again in 100 ms (then with the usual backoff), and writes nothing', async () => {
    await request('ai'); // the pool row exists, as it does once any delivery asked
    await setPool({ idle: false, queue_open: true });
    const countRows = async () => ({
      queue: (await database.db.selectFrom('dispatch_queue').select('delivery_id').execute()).length,
      grants: await database.db.selectFrom('request_grant_minutes').selectAll().execute(),
    });
    const before = await countRows();
    const deliveryId = randomUUID();
    const input = {
      pool,
      deliveryId,
      workflowId: `delivery-${deliveryId}`,
      engagementId: 'ai',
      attempt: 1,
      windowEnd: new Date(Date.now() + 3600_000).toISOString(),
    };
    const failureAt = (attempt: number) =>
      new MockActivityEnvironment({ attempt }).run(activities().requestDialSlot, input).then(
        () => undefined,
        (err: unknown) => err,
      );
    const first = await failureAt(1);
    expect(first).toBeInstanceOf(ApplicationFailure);
    expect(first).toMatchObject({ type: DELIVERY_NOT_STORED, nonRetryable: false, nextRetryDelay: 100 });
    expect((first as Error).message).toContain(`delivery ${deliveryId} is not stored yet`);
    // A commit that does not come within the first attempts (Postgres restarting, the API gone): the usual retry policy.
    const fourth = await failureAt(4);
    expect(fourth).toMatchObject({ type: DELIVERY_NOT_STORED, nonRetryable: false });
    expect((fourth as ApplicationFailure).nextRetryDelay).toBeUndefined();
    expect(await countRows()).toEqual(before);
  });
});
