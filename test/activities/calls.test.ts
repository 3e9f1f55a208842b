/**
 * dialNumber against a real Postgres and the HTTP simulator, one activity attempt at a time (as Temporal's
 * retries would run them): a /v2/call whose answer is lost is never sent again to a dialer that cannot
 * deduplicate ConversationId, and is sent again, same id, to one that can; an ambiguous call always ends
 * with a call row that says what happened and its cap slot accounted.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createCallActivities, type DialNumberInput } from '../../activities/calls';
import { createHttpDialerClient, DialerOutcomeUnknownError } from '../../activities/dialerClient';
import { storeCallResult } from '../../db/callResults';
import { reserveTouch } from '../../activities/frequencyLedger';
import { DIAL_RETRY } from '../../domain/dialRetry';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { enqueue } from '../helpers/dispatchBacklog';
import { insertEngagement } from '../helpers/fixtures';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';

let database: TestDatabase;
let simulator: RunningSimulator;
beforeAll(async () => {
  database = await createTestDatabase();
  simulator = await startSimulator();
  await insertEngagement(database.db, 'e');
});
afterAll(async () => {
  await Promise.all([database?.drop(), simulator?.close()]);
});
beforeEach(() => simulator.reset());

/** The engine gives up on a /v2/call after 300 ms; a slow dialer answers after 1 s (the call is placed at once). */
const TIMEOUT_MS = 300;
const SLOW = { responseDelayMs: 1000 };

function activities(deduplicates: boolean) {
  const dialer = createHttpDialerClient(simulator.url, { timeoutMs: TIMEOUT_MS, deduplicatesConversationId: deduplicates });
  return createCallActivities({ db: database.db, dialer, pollIntervalMs: 20 });
}

/** A delivery waiting in a pool, and the input of its first call. */
async function intent(number: string): Promise<DialNumberInput> {
  const deliveryId = randomUUID();
  const now = Date.now();
  await enqueue(database.db, 'e', { deliveryId, createdAtMs: now, windowEndMs: now + 3600_000, customPriority: null, isRetry: false });
  return {
    callId: `${deliveryId}:p1:n0`,
    deliveryId,
    engagementId: 'e',
    attemptNumber: 1,
    contactId: `contact-${number}`,
    contactZone: 'America/New_York',
    phoneType: 'mobile',
    to: number,
    from: '+15550109999',
    displayNumberReason: 'queue',
    limits: { perDay: 1 },
    at: new Date(now).toISOString(),
    dialer: { project: 'p', tenant: 't', scenarioPath: '/s', orchestratorUrl: 'http://o' },
    inputs: {},
    poolKey: 'queue:order',
  };
}

/** One attempt of the activity, numbered as Temporal numbers its retries. */
function attempt(deduplicates: boolean, n: number, input: DialNumberInput) {
  return new MockActivityEnvironment({ attempt: n }).run(activities(deduplicates).dialNumber, input);
}

const callRow = (callId: string) => database.db.selectFrom('calls').selectAll().where('call_id', '=', callId).executeTakeFirstOrThrow();
const touches = (callId: string) => database.db.selectFrom('contact_touches').selectAll().where('touch_id', '=', callId).execute();

describe('a dialer that does not deduplicate ConversationId', () => {
  test('times out after accepting: one request, the call is Unknown (reattempt reason Failed), its cap slot stays used', async () => {
    simulator.dialer.deduplicatesConversationId = false;
    simulator.dialer.fault = SLOW;
    const input = await intent('+15550600001');

    const result = await attempt(false, 1, input);
    expect(result).toEqual({
      kind: 'completed',
      facts: { state: 'Unknown' },
      outcome: { result: 'Unknown', reachedPerson: false, reattemptReason: 'Failed', numberInvalid: false },
    });
    // A retry of the activity (or a later replay) finds the stored outcome and asks nothing.
    expect(await attempt(false, 2, input)).toMatchObject({ kind: 'completed', facts: { state: 'Unknown' } });

    expect(simulator.dialer.requestsReceived).toBe(1);
    expect(simulator.dialer.callsForConversation(input.callId)).toHaveLength(1);
    expect(await callRow(input.callId)).toMatchObject({ call_state: 'Unknown', reattempt_reason: 'Failed', unique_id: null });
    expect(await touches(input.callId)).toHaveLength(1);
    // Pacing learns it as a failed call; the delivery no longer shows as ringing.
    const outcome = await database.db.selectFrom('dispatch_outcomes').selectAll().where('call_id', '=', input.callId).executeTakeFirst();
    expect(outcome).toMatchObject({ failed: true, live: false });
  });

  test('a worker killed after sending (request marked, no UniqueId): the next attempt asks nothing and records Unknown', async () => {
    simulator.dialer.deduplicatesConversationId = false;
    const input = await intent('+15550600002');
    simulator.dialer.fault = { responseDelayMs: 3000 };
    // The first attempt's request leaves and never comes back in time: what a killed worker leaves behind
    // is the same row (marked as sent, no UniqueId) as what a timed-out attempt leaves before recording.
    const dialer = createHttpDialerClient(simulator.url, { timeoutMs: 50, deduplicatesConversationId: true });
    const deduplicatingView = createCallActivities({ db: database.db, dialer, pollIntervalMs: 20 });
    await expect(new MockActivityEnvironment({ attempt: 1 }).run(deduplicatingView.dialNumber, input)).rejects.toBeInstanceOf(
      DialerOutcomeUnknownError,
    );
    const marked = await callRow(input.callId);
    expect(marked.started_at).not.toBeNull();
    expect(marked.unique_id).toBeNull();
    simulator.dialer.fault = {};

    expect(await attempt(false, 2, input)).toMatchObject({ kind: 'completed', facts: { state: 'Unknown' } });
    expect(simulator.dialer.requestsReceived).toBe(1);
    expect(await touches(input.callId)).toHaveLength(1);
  });

  test('a 500 places nothing: the next attempt asks again, one call', async () => {
    simulator.dialer.deduplicatesConversationId = false;
    simulator.dialer.fault = { failNextCalls: 1 };
    const input = await intent('+15550600003');
    await expect(attempt(false, 1, input)).rejects.toThrow('HTTP 500');
    expect((await callRow(input.callId)).started_at).toBeNull();
    expect(await attempt(false, 2, input)).toMatchObject({ kind: 'completed', facts: { state: 'Answered' } });
    expect(simulator.dialer.requestsReceived).toBe(2);
    expect(simulator.dialer.callsForConversation(input.callId)).toHaveLength(1);
  });

  test('500s until the last attempt: the slot of the call never placed is given back', async () => {
    simulator.dialer.fault = { failNextCalls: 1 };
    const input = await intent('+15550600004');
    await expect(attempt(false, DIAL_RETRY.maximumAttempts, input)).rejects.toThrow('HTTP 500');
    expect(await touches(input.callId)).toHaveLength(0);
    expect(simulator.dialer.listCalls()).toHaveLength(0);
  });
});

describe('a dialer that deduplicates ConversationId', () => {
  test('slow twice: each attempt fails retryably, the third gets the call; same ConversationId, one call', async () => {
    simulator.dialer.fault = SLOW;
    const input = await intent('+15550600005');
    await expect(attempt(true, 1, input)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
    await expect(attempt(true, 2, input)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
    simulator.dialer.fault = {};
    expect(await attempt(true, 3, input)).toMatchObject({ kind: 'completed', facts: { state: 'Answered' } });

    expect(simulator.dialer.requestsReceived).toBe(3);
    const calls = simulator.dialer.callsForConversation(input.callId);
    expect(calls).toHaveLength(1);
    expect(simulator.dialer.listCalls()).toHaveLength(1);
    expect(await callRow(input.callId)).toMatchObject({ call_state: 'Answered', unique_id: calls[0]!.uniqueId });
    expect(await touches(input.callId)).toHaveLength(1);
  });

  test('still no answer on the last attempt: Unknown, never an activity failure (a person may have answered)', async () => {
    simulator.dialer.fault = SLOW;
    const input = await intent('+15550600006');
    await expect(attempt(true, 1, input)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
    expect(await attempt(true, DIAL_RETRY.maximumAttempts, input)).toMatchObject({ kind: 'completed', facts: { state: 'Unknown' } });
    expect(simulator.dialer.listCalls()).toHaveLength(1);
    expect(await callRow(input.callId)).toMatchObject({ call_state: 'Unknown', reattempt_reason: 'Failed' });
    expect(await touches(input.callId)).toHaveLength(1);
  });

  test('an earlier request may have placed the call: a later 500 on the last attempt is Unknown, not an error', async () => {
    simulator.dialer.fault = SLOW;
    const input = await intent('+15550600007');
    await expect(attempt(true, 1, input)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
    simulator.dialer.fault = { failNextCalls: 1 };
    expect(await attempt(true, DIAL_RETRY.maximumAttempts, input)).toMatchObject({ kind: 'completed', facts: { state: 'Unknown' } });
    expect(await touches(input.callId)).toHaveLength(1);
  });
});

describe('a dialer asked to push results (ResultDestination)', () => {
  /** A destination nobody serves: the push fails, only the fallback poll can complete the call. */
  const unreachable = { urlFor: (id: string) => `http://127.0.0.1:1/v1/dialer/results/${encodeURIComponent(id)}?token=t` };

  test('a push that never arrives: the dialer is polled after pushFallbackPollMs and the result is stored as polled', async () => {
    const dialer = createHttpDialerClient(simulator.url, { resultDestination: unreachable });
    const calls = createCallActivities({ db: database.db, dialer, pollIntervalMs: 20, pushFallbackPollMs: 400 });
    const input = await intent('+15550100001');
    const result = await new MockActivityEnvironment({ attempt: 1 }).run(calls.dialNumber, input);
    expect(result).toMatchObject({
      kind: 'completed',
      facts: { state: 'Answered' },
      outcome: { result: 'LiveAnswer', reachedPerson: true },
    });
    expect(await callRow(input.callId)).toMatchObject({ result: 'LiveAnswer', result_source: 'poll' });
    const [placed] = simulator.dialer.callsTo('+15550100001');
    expect(placed!.resultDestination).toBe(unreachable.urlFor(input.callId));
    expect(placed!.resultRequests).toBeGreaterThan(0);
  });

  test('a result stored by a push completes the waiting activity, and the dialer is not asked', async () => {
    const dialer = createHttpDialerClient(simulator.url, { resultDestination: unreachable });
    const calls = createCallActivities({ db: database.db, dialer, pollIntervalMs: 20, pushFallbackPollMs: 10 * 60_000 });
    simulator.dialer.setNumber('+15550840001', { state: 'Error', ringMs: 50, sipCode: 404 });
    const input = await intent('+15550840001');
    const running = new MockActivityEnvironment({ attempt: 1 }).run(calls.dialNumber, input);
    // What the API's ResultDestination route does with a push (api/routes/resultDestination.ts).
    const row = await eventuallyPlaced(input.callId);
    expect(await storeCallResult(database.db, input.callId, { state: 'Error', sipCode: 404 }, 'push')).toBe(true);
    expect(await storeCallResult(database.db, input.callId, { state: 'Answered' }, 'poll')).toBe(false);
    expect(await running).toMatchObject({ kind: 'completed', outcome: { result: 'InvalidAddress', numberInvalid: true } });
    expect(await callRow(input.callId)).toMatchObject({
      unique_id: row.unique_id,
      result: 'InvalidAddress',
      result_source: 'push',
      sip_code: 404,
    });
    expect(simulator.dialer.callsTo('+15550840001')[0]!.resultRequests).toBe(0);
  });
});

async function eventuallyPlaced(callId: string) {
  for (;;) {
    const row = await database.db.selectFrom('calls').selectAll().where('call_id', '=', callId).executeTakeFirst();
    if (row?.unique_id) return row;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('every dialer', () => {
  const queueRow = (deliveryId: string) =>
    database.db.selectFrom('dispatch_queue').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow();
  const outcomeRow = (callId: string) =>
    database.db.selectFrom('dispatch_outcomes').selectAll().where('call_id', '=', callId).executeTakeFirst();

  test('a placed call: its UniqueId, numbers and contact on the delivery, its facts stored, pacing told once; a retry asks nothing', async () => {
    const input = await intent('+15550600011');
    const expected = { kind: 'completed', facts: { state: 'Answered', answeringMachine: false, abandoned: false, voicemailLeft: false } };
    const first = await attempt(false, 1, input);
    expect(first).toMatchObject({ ...expected, outcome: { result: 'LiveAnswer', reachedPerson: true } });
    const [placed] = simulator.dialer.callsForConversation(input.callId);
    const call = await callRow(input.callId);
    expect(call).toMatchObject({
      call_state: 'Answered',
      unique_id: placed!.uniqueId,
      answering_machine: false,
      abandoned: false,
      voicemail_left: false,
    });
    expect(call.reattempt_reason).toBeNull();
    expect(call.started_at).not.toBeNull();
    expect(call.ended_at).not.toBeNull();
    const delivery = await database.db
      .selectFrom('deliveries')
      .selectAll()
      .where('delivery_id', '=', input.deliveryId)
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({
      call_id: placed!.uniqueId,
      to_address: input.to,
      from_address: input.from,
      contact_id: input.contactId,
    });
    const outcome = await outcomeRow(input.callId);
    expect(outcome).toMatchObject({ pool_key: 'queue:order', engagement_id: 'e', live: true, abandoned: false, failed: false });
    expect(outcome!.ring_ms).toBeGreaterThanOrEqual(0);
    expect((await queueRow(input.deliveryId)).answered_at).not.toBeNull();

    // The stored outcome is the answer: no second request, no second outcome.
    expect(await attempt(false, 2, input)).toEqual(first);
    expect(simulator.dialer.requestsReceived).toBe(1);
    expect(await database.db.selectFrom('dispatch_outcomes').selectAll().where('call_id', '=', input.callId).execute()).toHaveLength(1);
  });

  test('an answering machine is not a live answer: pacing records it as neither live nor failed, and the delivery stops ringing', async () => {
    const input = await intent('+15550100005');
    expect(await attempt(true, 1, input)).toMatchObject({ kind: 'completed', facts: { state: 'Answered', answeringMachine: true } });
    expect(await callRow(input.callId)).toMatchObject({ answering_machine: true });
    expect(await outcomeRow(input.callId)).toMatchObject({ live: false, abandoned: false, failed: false });
    const queued = await queueRow(input.deliveryId);
    expect(queued.ringing_since).toBeNull();
    expect(queued.answered_at).toBeNull();
  });

  test('a call that holds no dispatch slot tells pacing nothing', async () => {
    const { poolKey: _, ...input } = await intent('+15550600012');
    expect(await attempt(true, 1, input)).toMatchObject({ kind: 'completed', facts: { state: 'Answered' } });
    expect(await outcomeRow(input.callId)).toBeUndefined();
    const queued = await queueRow(input.deliveryId);
    expect(queued.ringing_since).toBeNull();
    expect(queued.answered_at).toBeNull();
  });

  test('capped: nothing is asked, the call is NotPlaced for FrequencyCap with the time the cap frees; a retry stays capped', async () => {
    const input = await intent('+15550600013');
    const at = '2026-06-01T15:00:00.000Z';
    await reserveTouch(database.db, {
      touchId: 'earlier-touch',
      contactId: input.contactId,
      zone: input.contactZone,
      limits: input.limits,
      channel: 'sms',
      engagementId: 'e',
      deliveryId: input.deliveryId,
      at,
    });
    const capped = { ...input, at };
    // Next local midnight in New York (EDT, UTC-4).
    expect(await attempt(false, 1, capped)).toEqual({ kind: 'capped', freeAt: '2026-06-02T04:00:00.000Z' });
    expect(await callRow(input.callId)).toMatchObject({ call_state: 'NotPlaced', reattempt_reason: 'FrequencyCap', started_at: null });
    expect(await attempt(false, 2, capped)).toEqual({ kind: 'capped', freeAt: null });
    expect(simulator.dialer.requestsReceived).toBe(0);
    expect(await touches(input.callId)).toHaveLength(0);
    expect(await outcomeRow(input.callId)).toBeUndefined();
  });

  test('a refusal (4xx) of a first request: the slot is given back, the request unmarked, and the activity fails for good', async () => {
    simulator.dialer.fault = { rejectNextCalls: 1 };
    const input = await intent('+15550600014');
    const failure = await attempt(true, 1, input).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DialerRejectedCall', nonRetryable: true });
    expect(await touches(input.callId)).toHaveLength(0);
    expect(await callRow(input.callId)).toMatchObject({ started_at: null, call_state: null, unique_id: null });
    expect(simulator.dialer.listCalls()).toHaveLength(0);
  });

  test('a 500 before the last attempt, after an earlier request may have placed the call: retried, and the retry gets that call', async () => {
    simulator.dialer.fault = SLOW;
    const input = await intent('+15550600015');
    await expect(attempt(true, 1, input)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
    simulator.dialer.fault = { failNextCalls: 1 };
    await expect(attempt(true, 2, input)).rejects.toThrow('HTTP 500');
    expect((await callRow(input.callId)).started_at).not.toBeNull();
    expect(await attempt(true, 3, input)).toMatchObject({ kind: 'completed', facts: { state: 'Answered' } });
    expect(simulator.dialer.listCalls()).toHaveLength(1);
    expect(await touches(input.callId)).toHaveLength(1);
  });

  test('a refusal after an earlier request may have placed the call: Unknown, the slot kept', async () => {
    simulator.dialer.fault = SLOW;
    const input = await intent('+15550600016');
    await expect(attempt(true, 1, input)).rejects.toBeInstanceOf(DialerOutcomeUnknownError);
    simulator.dialer.fault = { rejectNextCalls: 1 };
    expect(await attempt(true, 2, input)).toMatchObject({ kind: 'completed', facts: { state: 'Unknown' } });
    expect(await callRow(input.callId)).toMatchObject({ call_state: 'Unknown', reattempt_reason: 'Failed' });
    expect(await touches(input.callId)).toHaveLength(1);
  });
});
