/**
 * CCaaS_CreateOperation over HTTP on the real stack: Suspend holds an engagement's calls and Resume
 * releases them (the dispatcher's pause and resume updates), Cancel one delivery or every queued one.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, eventually } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let keys: { admin: string; integration: string; supervisor: string; agent: string };
const OPERATION = '/api/data/v9.2/CCaaS_CreateOperation';

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-seed-operations', { dispatcherOptions: { tickMs: 250 } });
  const db = stack.database.db;
  keys = {
    admin: await apiKeyWithRoles(db, 'admin'),
    integration: await apiKeyWithRoles(db, 'integration'),
    supervisor: await apiKeyWithRoles(db, 'supervisor'),
    agent: await apiKeyWithRoles(db, 'agent'),
  };
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const as = (role: keyof typeof keys) => apiClient(stack.apiUrl, keys[role]);
let numberSeq = 0;
const nextNumber = () => `+1555040${String(++numberSeq).padStart(4, '0')}`;

async function engagement(id: string, extra: Record<string, unknown> = {}) {
  const res = await as('admin').post('/v1/engagements', {
    engagementId: id,
    name: id,
    routing: { queueId: `q-${id}`, queueDisplayNumber: '+15550109999' },
    schedule: [{ type: 'mobile', quietHours: [] }],
    ...extra,
  });
  expect(res.status).toBe(201);
}

async function deliver(engagementId: string, windows?: Array<{ Start: string; End: string }>) {
  const number = nextNumber();
  const res = await as('integration').post('/api/data/v9.2/CCaaS_CreateProactiveDelivery', {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: engagementId,
    Contacts: JSON.stringify([{ uniqueIdentifier: `c-${number}`, firstName: 'A', lastName: 'B', mobilePhoneNumber: number }]),
    ...(windows ? { Windows: windows } : {}),
  });
  expect(res.status).toBe(200);
  return { deliveryId: res.body.DeliveryId as string, number };
}

type Dispatch = { ticks: number; idle: boolean; engagements: Array<{ engagementId: string; state: string; waiting: number }> };
const dispatch = async (id: string) => (await as('supervisor').get(`/v1/engagements/${id}/dispatch`)).body as Dispatch;
const entry = (d: Dispatch, id: string) => d.engagements.find((e) => e.engagementId === id);
const callsTo = (numbers: string[]) => stack.simulator.dialer.listCalls().filter((c) => numbers.includes(c.destination));
const status = async (deliveryId: string) =>
  (await as('integration').get(`/v1/deliveries/${deliveryId}`)).body as { status: string; result: string | null };

test('Suspend holds the engagement’s calls; Resume releases them', async () => {
  await engagement('op-suspend');
  const suspended = await as('integration').post(OPERATION, {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: 'op-suspend',
    Operation: 'Suspend',
  });
  expect(suspended.status).toBe(202);
  expect(suspended.body).toMatchObject({ Operation: 'Suspend', ProactiveEngagementConfigId: 'op-suspend', EngagementState: 'paused' });
  expect(suspended.body['@odata.context']).toMatch(/CCaaS_CreateOperationResponse$/);
  // Asking again is accepted (the product answers 202), and changes nothing.
  expect((await as('integration').post(OPERATION, { ProactiveEngagementConfigId: 'op-suspend', Operation: 'Suspend' })).status).toBe(202);

  const ds = [await deliver('op-suspend'), await deliver('op-suspend')];
  // Held: both wait in the dispatcher's backlog, and a tick after that (or its idle sleep) granted nothing.
  const seen = await eventually(
    () => dispatch('op-suspend'),
    (d) => entry(d, 'op-suspend')?.waiting === 2,
  );
  expect(entry(seen, 'op-suspend')).toMatchObject({ state: 'paused', waiting: 2 });
  const later = await eventually(
    () => dispatch('op-suspend'),
    (d) => d.idle || d.ticks >= seen.ticks + 2,
  );
  expect(later.idle || later.ticks >= seen.ticks + 2).toBe(true);
  expect(entry(later, 'op-suspend')).toMatchObject({ state: 'paused', waiting: 2 });
  expect(callsTo(ds.map((d) => d.number))).toHaveLength(0);
  for (const d of ds) expect(await status(d.deliveryId)).toMatchObject({ status: 'Pending' });

  const resumedAt = Date.now();
  const resumed = await as('integration').post(OPERATION, {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: 'op-suspend',
    Operation: 'Resume',
  });
  expect(resumed.status).toBe(202);
  expect(resumed.body).toMatchObject({ Operation: 'Resume', EngagementState: 'active' });
  for (const d of ds)
    expect(
      await eventually(
        () => status(d.deliveryId),
        (s) => s.status === 'Complete',
      ),
    ).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  const calls = callsTo(ds.map((d) => d.number));
  expect(calls).toHaveLength(2);
  for (const c of calls) expect(c.requestedAt.getTime()).toBeGreaterThanOrEqual(resumedAt);
});

test('Cancel one delivery by DeliveryId, then every queued delivery of an engagement', async () => {
  await engagement('op-cancel');
  const later = [{ Start: new Date(Date.now() + 86_400_000).toISOString(), End: new Date(Date.now() + 2 * 86_400_000).toISOString() }];
  const ds = [await deliver('op-cancel', later), await deliver('op-cancel', later), await deliver('op-cancel', later)];

  const one = await as('integration').post(OPERATION, { Operation: 'Cancel', DeliveryId: ds[0]!.deliveryId });
  expect(one.status).toBe(202);
  expect(one.body).toMatchObject({ Operation: 'Cancel', DeliveryId: ds[0]!.deliveryId, CancelledDeliveries: 1 });
  await eventually(
    () => status(ds[0]!.deliveryId),
    (s) => s.status === 'Cancelled',
  );
  expect(await status(ds[1]!.deliveryId)).toMatchObject({ status: 'Pending' });

  const all = await as('supervisor').post(OPERATION, { Operation: 'Cancel', ProactiveEngagementConfigId: 'op-cancel' });
  expect(all.status).toBe(202);
  expect(all.body).toMatchObject({ CancelledDeliveries: 2 });
  for (const d of ds.slice(1))
    expect(
      await eventually(
        () => status(d.deliveryId),
        (s) => s.status === 'Cancelled',
      ),
    ).toMatchObject({ status: 'Cancelled', result: 'Cancelled' });

  // Cancelling a delivery already final is a 409, as on the native cancel.
  expect((await as('integration').post(OPERATION, { Operation: 'Cancel', DeliveryId: ds[0]!.deliveryId })).status).toBe(409);
});

describe('refusals', () => {
  test.each([
    [{ Operation: 'Pause', ProactiveEngagementConfigId: 'op-cancel' }, 400, 'Operation'],
    [{ ProactiveEngagementConfigId: 'op-cancel' }, 400, 'Operation'],
    [{ Operation: 'Suspend' }, 400, 'ProactiveEngagementConfigId'],
    [
      { Operation: 'Resume', ProactiveEngagementConfigId: 'op-cancel', DeliveryId: '3f1c8a52-7a5e-4d7e-9a39-0c6f1d2b9e11' },
      400,
      'DeliveryId',
    ],
    [{ Operation: 'Cancel' }, 400, 'DeliveryId'],
    [{ Operation: 'Cancel', DeliveryId: 'not-a-guid' }, 400, 'DeliveryId'],
    [{ Operation: 'Suspend', ProactiveEngagementConfigId: 'nope' }, 404, 'ProactiveEngagementConfigId'],
    [{ Operation: 'Cancel', ProactiveEngagementConfigId: 'nope' }, 404, 'ProactiveEngagementConfigId'],
    [{ Operation: 'Cancel', DeliveryId: '3f1c8a52-7a5e-4d7e-9a39-0c6f1d2b9e11' }, 404, 'DeliveryId'],
  ])('%j → %i naming %s', async (body, code, field) => {
    const res = await as('integration').post(OPERATION, body);
    expect(res.status).toBe(code);
    expect((res.body.error.fields as Array<{ path: string }>).map((f) => f.path)).toContain(field);
  });

  test('an agent may not suspend an engagement; without a key, 401', async () => {
    expect((await as('agent').post(OPERATION, { Operation: 'Suspend', ProactiveEngagementConfigId: 'op-cancel' })).status).toBe(403);
    expect(
      (await apiClient(stack.apiUrl, '').post(OPERATION, { Operation: 'Suspend', ProactiveEngagementConfigId: 'op-cancel' })).status,
    ).toBe(401);
  });
});
