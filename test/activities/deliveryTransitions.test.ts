/**
 * recordTransition and recordWait against a real Postgres: each is one statement, so what the old
 * transaction guaranteed is checked here directly: a seq is recorded once and a repeated one changes
 * nothing (not even an older status over a newer one), a released dial slot is given back even when
 * the event was already recorded, attempts start and end with their transitions and only with them.
 */
import { randomUUID } from 'node:crypto';
import { createTransitionActivities, type TransitionRequest } from '../../activities/deliveryTransitions';
import type { WaitingFor } from '../../domain/delivery/waitingFor';
import { enqueue } from '../helpers/dispatchBacklog';
import { insertEngagement } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
let activities: ReturnType<typeof createTransitionActivities>;
beforeAll(async () => {
  database = await createTestDatabase();
  await insertEngagement(database.db, 'e');
  activities = createTransitionActivities(database.db);
});
afterAll(async () => {
  await database?.drop();
});

/** A delivery waiting in the backlog, as the dispatcher sees one holding a granted slot. */
async function queuedDelivery(): Promise<string> {
  const deliveryId = randomUUID();
  const now = Date.now();
  await enqueue(database.db, 'e', { deliveryId, createdAtMs: now, windowEndMs: now + 3600_000, customPriority: null, isRetry: false });
  return deliveryId;
}

const delivery = (id: string) => database.db.selectFrom('deliveries').selectAll().where('delivery_id', '=', id).executeTakeFirstOrThrow();
const events = (id: string) => database.db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', id).orderBy('seq').execute();
const attempts = (id: string) =>
  database.db.selectFrom('attempts').selectAll().where('delivery_id', '=', id).orderBy('attempt_number').execute();
const queued = async (id: string) =>
  (await database.db.selectFrom('dispatch_queue').select('delivery_id').where('delivery_id', '=', id).execute()).length;

const AT = '2026-12-07T15:00:00.000Z';
const LATER = '2026-12-07T15:02:00.000Z';

function started(deliveryId: string, seq = 1): TransitionRequest {
  return {
    deliveryId,
    seq,
    status: 'InProcess',
    at: AT,
    detail: 'attempt 1',
    started: true,
    attempt: { number: 1, event: 'started' },
    waitingFor: null,
    data: { numbers: ['+15550100001'] },
  };
}

function ended(deliveryId: string, seq = 2): TransitionRequest {
  return {
    deliveryId,
    seq,
    status: 'Complete',
    at: LATER,
    result: 'CallEnded',
    attempt: { number: 1, event: 'ended', outcome: 'LiveAnswer' },
    releaseDialSlot: true,
  };
}

describe('recordTransition', () => {
  it('records the event, the delivery columns and the attempt it starts', async () => {
    const id = await queuedDelivery();
    await activities.recordTransition(started(id));
    const row = await delivery(id);
    expect(row.status).toBe('InProcess');
    expect(row.start_date?.toISOString()).toBe(AT);
    expect(row.waiting_for).toBeNull();
    const event = (await events(id))[0]!;
    expect(event).toMatchObject({ seq: 1, status: 'InProcess', detail: 'attempt 1', kind: 'transition' });
    expect(event.data).toEqual({ numbers: ['+15550100001'] });
    const attempt = (await attempts(id))[0]!;
    expect(attempt).toMatchObject({ attempt_number: 1, ended_at: null, outcome: null });
    expect(attempt.started_at.toISOString()).toBe(AT);
  });

  it('ends the attempt, sets the result and gives the dial slot back', async () => {
    const id = await queuedDelivery();
    await activities.recordTransition(started(id));
    expect(await queued(id)).toBe(1);
    await activities.recordTransition(ended(id));
    const row = await delivery(id);
    expect(row).toMatchObject({ status: 'Complete', result: 'CallEnded' });
    expect(row.end_date?.toISOString()).toBe(LATER);
    expect(row.result_date?.toISOString()).toBe(LATER);
    const attempt = (await attempts(id))[0]!;
    expect(attempt.outcome).toBe('LiveAnswer');
    expect(attempt.ended_at?.toISOString()).toBe(LATER);
    expect(await queued(id)).toBe(0);
  });

  it('records a seq once: a repeated older transition neither duplicates nor reverts anything', async () => {
    const id = await queuedDelivery();
    await activities.recordTransition(started(id));
    await activities.recordTransition(ended(id));
    await activities.recordTransition(started(id));
    await activities.recordTransition(ended(id));
    expect((await events(id)).map((e) => e.seq)).toEqual([1, 2]);
    expect((await delivery(id)).status).toBe('Complete');
    const attempt = (await attempts(id))[0]!;
    expect(attempt.outcome).toBe('LiveAnswer');
    expect(attempt.ended_at?.toISOString()).toBe(LATER);
  });

  it('gives the slot back on a repeated release whose event was already recorded', async () => {
    const id = await queuedDelivery();
    const slot = await database.db.selectFrom('dispatch_queue').selectAll().where('delivery_id', '=', id).executeTakeFirstOrThrow();
    await activities.recordTransition(ended(id, 1));
    await database.db.insertInto('dispatch_queue').values(slot).execute();
    await activities.recordTransition(ended(id, 1));
    expect(await queued(id)).toBe(0);
    expect(await events(id)).toHaveLength(1);
  });

  it('does not end an attempt or touch the delivery when the ending transition is a repeat', async () => {
    const id = await queuedDelivery();
    await activities.recordTransition(ended(id, 1));
    await activities.recordTransition(started(id, 2));
    await activities.recordTransition(ended(id, 1));
    const attempt = (await attempts(id))[0]!;
    expect(attempt.ended_at).toBeNull();
    expect((await delivery(id)).status).toBe('InProcess');
  });

  it('restarts a retried attempt number on a new seq', async () => {
    const id = await queuedDelivery();
    await activities.recordTransition(started(id, 1));
    await activities.recordTransition({ ...ended(id, 2), status: 'Pending', result: undefined });
    await activities.recordTransition({ ...started(id, 3), at: LATER });
    const attempt = (await attempts(id))[0]!;
    expect(attempt).toMatchObject({ ended_at: null, outcome: null });
    expect(attempt.started_at.toISOString()).toBe(LATER);
  });

  it('sets what a reattempt waits for and when it next tries', async () => {
    const id = await queuedDelivery();
    const waitingFor: WaitingFor = { reason: 'reattempt-wait', until: LATER, detail: { text: 'retry in 2 minutes' } };
    await activities.recordTransition({ deliveryId: id, seq: 1, status: 'Pending', at: AT, waitingFor });
    const row = await delivery(id);
    expect(row.waiting_for).toEqual(waitingFor);
    expect(row.next_attempt_at?.toISOString()).toBe(LATER);
    const event = (await events(id))[0]!;
    expect(event.until?.toISOString()).toBe(LATER);
    expect(event.data).toEqual({ waitingFor });
  });
});

describe('recordWait', () => {
  const wait: WaitingFor = { reason: 'window', until: LATER, detail: { text: 'the window opens at 10:02' } };

  it('records the wait once and makes it the delivery current one', async () => {
    const id = await queuedDelivery();
    expect(await activities.recordWait({ deliveryId: id, seq: 1, status: 'Pending', at: AT, waitingFor: wait })).toEqual(wait);
    expect(await activities.recordWait({ deliveryId: id, seq: 1, status: 'Pending', at: AT, waitingFor: wait })).toEqual(wait);
    const [event, ...more] = await events(id);
    if (!event) throw new Error('no wait recorded');
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ kind: 'wait', detail: 'the window opens at 10:02', status: 'Pending' });
    const row = await delivery(id);
    expect(row.waiting_for).toEqual(wait);
    expect(row.next_attempt_at?.toISOString()).toBe(LATER);
  });

  it('does not overwrite a later wait with a repeated earlier one', async () => {
    const id = await queuedDelivery();
    const later: WaitingFor = { reason: 'dial-slot', detail: { text: 'waiting for a dial slot' } };
    await activities.recordWait({ deliveryId: id, seq: 1, status: 'Pending', at: AT, waitingFor: wait });
    await activities.recordWait({ deliveryId: id, seq: 2, status: 'Pending', at: LATER, waitingFor: later });
    await activities.recordWait({ deliveryId: id, seq: 1, status: 'Pending', at: AT, waitingFor: wait });
    const row = await delivery(id);
    expect(row.waiting_for).toEqual(later);
    expect(row.next_attempt_at).toBeNull();
  });

  it('stores the schedule rules sent with the first record', async () => {
    const id = await queuedDelivery();
    const rules = { windows: [], quietHours: [] } as never;
    await activities.recordWait({ deliveryId: id, seq: 1, status: 'Pending', at: AT, waitingFor: wait, scheduleRules: rules });
    expect((await delivery(id)).schedule_rules).toEqual(rules);
  });
});
