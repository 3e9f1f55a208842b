/**
 * The delivery workflow on the time-skipping server, with its real activities against a real Postgres
 * and the HTTP dialer simulator: days of waiting pass in seconds.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createHttpDialerClient } from '../../activities/dialerClient';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { createDelivery, type NewDeliveryRequest } from '../../api/deliveryService';
import { deliveryWorkflowId } from '../../domain/workflowIds';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { cancelDeliverySignal, type DeliveryOutcome } from '../../workflows/deliveryMessages';
import { engagementConfig, insertEngagement } from '../helpers/fixtures';
import { createTimeSkippingEnvironment } from '../helpers/temporalEnvironments';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { testWorkflowBundle } from '../helpers/workflowBundle';

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let simulator: RunningSimulator;
let worker: Worker;
let workerRun: Promise<void>;
const taskQueue = 'delivery-workflow-test';

beforeAll(async () => {
  database = await createTestDatabase();
  simulator = await startSimulator();
  env = await createTimeSkippingEnvironment();
  await insertEngagement(database.db, 'single-attempt');
  await insertEngagement(
    database.db,
    'retry-on-busy',
    engagementConfig({ reattempts: { maxAttempts: 3, waitSeconds: 6 * 3600, reasons: ['Busy', 'NoAnswer'] } }),
  );
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: testWorkflowBundle(),
    activities: createActivities({ db: database.db, dialer: createHttpDialerClient(simulator.url), sms: createHttpSmsGatewayClient(simulator.url), pollIntervalMs: 50 }),
  });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await Promise.all([env?.teardown(), database?.drop(), simulator?.close()]);
});

beforeEach(() => simulator.dialer.reset());

/** Windows relative to the test server's clock, which runs ahead of real time once a test has skipped. */
async function windowFromServerNow(offsetMs: number, durationMs = DAY): Promise<NonNullable<NewDeliveryRequest['windows']>> {
  const now = await env.currentTimeMs();
  return [{ start: iso(now + offsetMs), end: iso(now + offsetMs + durationMs) }];
}

async function voiceRequest(engagementId: string, number: string, windows?: NewDeliveryRequest['windows']): Promise<NewDeliveryRequest> {
  return { engagementId, contacts: [{ contactId: `contact-${number}`, phones: [{ type: 'mobile', number }] }], windows: windows ?? (await windowFromServerNow(0)) };
}

async function runToEnd(request: NewDeliveryRequest): Promise<{ outcome: DeliveryOutcome; deliveryId: string }> {
  const { deliveryId } = await createDelivery({ db: database.db, temporal: env.client, taskQueue }, request);
  const outcome = await env.client.workflow.getHandle(deliveryWorkflowId(deliveryId)).result();
  return { outcome, deliveryId };
}

async function storedDelivery(deliveryId: string) {
  return database.db.selectFrom('deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow();
}

test('a delivery whose window opens in 3 days waits for it, then completes, without waiting 3 days', async () => {
  const startedAt = await env.currentTimeMs();
  const opens = startedAt + 3 * DAY;
  const { outcome, deliveryId } = await runToEnd(await voiceRequest('single-attempt', '+15550100001', [{ start: iso(opens), end: iso(opens + 3600_000) }]));

  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect((await env.currentTimeMs()) - startedAt).toBeGreaterThanOrEqual(3 * DAY - 60_000);
  const row = await storedDelivery(deliveryId);
  expect(row.status).toBe('Complete');
  expect(row.result).toBe('CallEnded');
  // The call was placed inside the window, in workflow time.
  expect(row.start_date!.getTime()).toBeGreaterThanOrEqual(opens);
  const calls = simulator.dialer.callsTo('+15550100001');
  expect(calls).toHaveLength(1);
  expect(calls[0]!.displayNumber).toBe('+15550109999');
});

test('a busy number with no reattempts configured ends CallFailed after one call', async () => {
  const { outcome, deliveryId } = await runToEnd(await voiceRequest('single-attempt', '+15550100002'));
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  expect(simulator.dialer.callsTo('+15550100002')).toHaveLength(1);
  const calls = await database.db.selectFrom('calls').selectAll().where('delivery_id', '=', deliveryId).execute();
  expect(calls.map((c) => [c.call_state, c.reattempt_reason])).toEqual([['Busy', 'Busy']]);
});

test('busy, then a reattempt after the configured wait is answered', async () => {
  simulator.dialer.setNumber('+15550177001', [{ state: 'Busy' }, { state: 'Answered' }]);
  const { outcome, deliveryId } = await runToEnd(await voiceRequest('retry-on-busy', '+15550177001'));
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  const attempts = await database.db.selectFrom('attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt_number').execute();
  expect(attempts).toHaveLength(2);
  expect(attempts[1]!.started_at.getTime() - attempts[0]!.ended_at!.getTime()).toBeGreaterThanOrEqual(6 * 3600_000);
});

test('windows that have all closed end the delivery Expired without a call', async () => {
  const { outcome, deliveryId } = await runToEnd(await voiceRequest('single-attempt', '+15550177002', await windowFromServerNow(-DAY, 3600_000)));
  expect(outcome).toMatchObject({ status: 'Expired', result: 'Expired' });
  expect(simulator.dialer.callsTo('+15550177002')).toHaveLength(0);
  expect((await storedDelivery(deliveryId)).status).toBe('Expired');
});

test('a window that closes while waiting between attempts ends Expired', async () => {
  simulator.dialer.setNumber('+15550177003', { state: 'No Answer' });
  const { outcome } = await runToEnd(await voiceRequest('retry-on-busy', '+15550177003', await windowFromServerNow(0, 3600_000)));
  expect(outcome).toMatchObject({ status: 'Expired', result: 'Expired' });
  expect(simulator.dialer.callsTo('+15550177003')).toHaveLength(1);
});

test('a cancellation while waiting for the window ends the delivery Cancelled and places no call', async () => {
  const { deliveryId } = await createDelivery(
    { db: database.db, temporal: env.client, taskQueue },
    await voiceRequest('single-attempt', '+15550177004', await windowFromServerNow(2 * DAY, 3600_000)),
  );
  const handle = env.client.workflow.getHandle(deliveryWorkflowId(deliveryId));
  await handle.signal(cancelDeliverySignal, { reason: 'customer asked', policyId: 'policy-7' });
  expect(await handle.result()).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });
  expect(simulator.dialer.callsTo('+15550177004')).toHaveLength(0);
  const events = await database.db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', deliveryId).orderBy('seq').execute();
  expect(events.at(-1)).toMatchObject({ status: 'Cancelled', detail: 'customer asked by policy policy-7' });
});

test('a chain tries the next contact when the first does not answer', async () => {
  const { outcome, deliveryId } = await runToEnd({
    engagementId: 'single-attempt',
    contacts: [
      { contactId: 'first', phones: [{ type: 'mobile', number: '+15550100003' }] },
      { contactId: 'second', phones: [{ type: 'home', number: '+15550177005' }, { type: 'mobile', number: '+15550100004' }] },
    ],
    windows: await windowFromServerNow(0),
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  const calls = await database.db.selectFrom('calls').select(['to_address', 'call_state']).where('delivery_id', '=', deliveryId).orderBy('call_id').execute();
  // Mobile before home for the second contact (the engagement's phone-type order).
  expect(calls).toEqual([
    { to_address: '+15550100003', call_state: 'No Answer' },
    { to_address: '+15550100004', call_state: 'Invalid Number' },
    { to_address: '+15550177005', call_state: 'Answered' },
  ]);
});
