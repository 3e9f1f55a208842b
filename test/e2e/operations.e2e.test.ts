/**
 * Engagement settings, cancellation and disposition codes over HTTP, against the real dev server,
 * Postgres, the simulator, a worker and the API.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { deliveryViewWhen, eventually } from '../helpers/waiting';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let keys: { admin: string; integration: string; supervisor: string; agent: string };

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-operations');
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
const engagement = (id: string, extra: Record<string, unknown> = {}) => ({
  engagementId: id,
  name: `Engagement ${id}`,
  routing: { queueId: 'q1', queueDisplayNumber: '+15550109999' },
  schedule: [{ type: 'mobile', quietHours: [] }],
  ...extra,
});

const waitForStatus = (deliveryId: string, done: (s: string) => boolean) =>
  deliveryViewWhen(as('integration'), deliveryId, (d) => done(d.status));

test('engagements: create with defaults, read, replace, and field-level errors', async () => {
  const created = await as('admin').post(
    '/v1/engagements',
    engagement('ops-1', { reattempts: { maxAttempts: 3, waitSeconds: 600, reasons: ['Busy'] } }),
  );
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    engagementId: 'ops-1',
    state: 'active',
    dialMode: 'progressive',
    priority: 'Normal',
    reattempts: { maxAttempts: 3, retryPriority: 'same' },
  });
  expect((await as('admin').post('/v1/engagements', engagement('ops-1'))).status).toBe(409);
  expect((await as('integration').get('/v1/engagements/ops-1')).body.name).toBe('Engagement ops-1');
  expect((await as('supervisor').get('/v1/engagements')).body.engagements.map((e: { engagementId: string }) => e.engagementId)).toContain(
    'ops-1',
  );

  const { engagementId: _id, ...config } = engagement('ops-1', { priority: 'High' });
  const replaced = await apiClient(stack.apiUrl, keys.admin).raw('PUT', '/v1/engagements/ops-1', JSON.stringify(config), {
    'Content-Type': 'application/json',
  });
  expect(replaced.status).toBe(200);
  expect(replaced.body.priority).toBe('High');

  const bad = await as('admin').post(
    '/v1/engagements',
    engagement('ops-bad', { dialModeSettings: { callsPerRepresentative: 9 }, schedule: [{ type: 'mobile' }] }),
  );
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(
    expect.arrayContaining(['dialModeSettings.callsPerRepresentative', 'schedule.0.quietHours']),
  );
  expect((await as('integration').post('/v1/engagements', engagement('ops-2'))).status).toBe(403);
});

test('an operator cancels a delivery waiting for its window', async () => {
  await as('admin').post('/v1/engagements', engagement('ops-cancel'));
  const start = new Date(Date.now() + 3600_000).toISOString();
  const end = new Date(Date.now() + 7200_000).toISOString();
  const created = await as('integration').post('/v1/deliveries', {
    engagementId: 'ops-cancel',
    contacts: [{ contactId: 'c1', phones: [{ type: 'mobile', number: '+15550500001' }] }],
    windows: [{ start, end }],
  });
  expect(created.status).toBe(201);
  const id = created.body.deliveryId as string;
  expect((await as('integration').post(`/v1/deliveries/${id}/cancel`, {})).status).toBe(403);
  const cancel = await as('supervisor').post(`/v1/deliveries/${id}/cancel`, { reason: 'customer opted out' });
  expect(cancel.status).toBe(202);
  const final = await waitForStatus(id, (s) => s === 'Cancelled');
  expect(final).toMatchObject({ status: 'Cancelled', result: 'Cancelled', calls: [] });
  expect(final.events.at(-1).detail).toBe('customer opted out');
  expect((await as('supervisor').post(`/v1/deliveries/${id}/cancel`, {})).status).toBe(409);
});

test('a representative posts a retry disposition code: the delivery is attempted again; codes are kept in the seed format', async () => {
  await as('admin').post(
    '/v1/engagements',
    engagement('ops-dispo', {
      reattempts: { maxAttempts: 2, waitSeconds: 1, reasons: [], retryDispositionCodes: ['CallBack'], dispositionWaitSeconds: 30 },
    }),
  );
  stack.simulator.dialer.setNumber('+15550500002', { state: 'Answered', ringMs: 100 });
  const created = await as('integration').post('/v1/deliveries', {
    engagementId: 'ops-dispo',
    contacts: [{ contactId: 'c2', phones: [{ type: 'mobile', number: '+15550500002' }] }],
  });
  const id = created.body.deliveryId as string;
  const answered = await eventually(
    async () => (await as('agent').get(`/v1/deliveries/${id}`)).body,
    (d) => d.calls[0]?.callState === 'Answered',
  );
  const posted = await as('agent').post(`/v1/deliveries/${id}/dispositions`, {
    callId: answered.calls[0].callId,
    codes: ['SpokeToCustomer', 'CallBack'],
  });
  expect(posted.status).toBe(200);
  expect(posted.body).toMatchObject({ dispositionCodes: '"SpokeToCustomer","CallBack"', deliveredToWorkflow: true });
  // The second call is answered and given a final code quickly.
  const second = await eventually(
    async () => (await as('agent').get(`/v1/deliveries/${id}`)).body,
    (d) => d.calls[1]?.callState === 'Answered',
  );
  await as('agent').post(`/v1/deliveries/${id}/dispositions`, { callId: second.calls[1].callId, codes: ['PromiseToPay'] });
  const final = await waitForStatus(id, (s) => s === 'Complete');
  expect(final).toMatchObject({ result: 'CallEnded', dispositionCodes: '"PromiseToPay"' });
  expect(final.attempts).toHaveLength(2);
  expect(final.attributes.filter((a: { type: string }) => a.type === 'result').map((a: { value: string }) => a.value)).toEqual([
    'SpokeToCustomer',
    'CallBack',
    'PromiseToPay',
  ]);
  expect((await as('agent').post(`/v1/deliveries/${id}/dispositions`, { codes: ['bad,code'] })).status).toBe(400);
});

test('a policy created while deliveries are queued cancels exactly the matching ones, and suppresses arrivals until ended', async () => {
  await as('admin').post('/v1/engagements', engagement('ops-policy'));
  await as('admin').post('/v1/engagements', engagement('ops-policy-other'));
  const later = [{ start: new Date(Date.now() + 3600_000).toISOString(), end: new Date(Date.now() + 7200_000).toISOString() }];
  const deliver = async (engagementId: string, contactId: string, location: Record<string, string>) => {
    const res = await as('integration').post('/v1/deliveries', {
      engagementId,
      contacts: [{ contactId, phones: [{ type: 'mobile', number: '+15550600001' }], ...location }],
      windows: later,
    });
    expect(res.status).toBe(201);
    return res.body as { deliveryId: string; status: string; [k: string]: unknown };
  };
  const nyc = await deliver('ops-policy', 'p1', { country: 'US', state: 'NY', postalCode: '10001' });
  const nycOtherZip = await deliver('ops-policy', 'p2', { country: 'US', state: 'NY', postalCode: '10002' });
  const nycOtherEngagement = await deliver('ops-policy-other', 'p3', { country: 'US', state: 'NY', postalCode: '10001' });
  const noLocation = await deliver('ops-policy', 'p4', {});

  expect((await as('admin').post('/v1/cancellation-policies', { comment: 'empty filter' })).status).toBe(400);
  const created = await as('admin').post('/v1/cancellation-policies', {
    engagementId: 'ops-policy',
    state: 'ny',
    postalCode: '10001',
    comment: 'storm in 10001',
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ active: true, cancelledDeliveries: 1 });
  const policyId = created.body.policyId as string;

  const cancelled = await waitForStatus(nyc.deliveryId, (s) => s === 'Cancelled');
  expect(cancelled).toMatchObject({ result: 'Cancelled', cancelledByPolicyId: policyId });
  for (const d of [nycOtherZip, nycOtherEngagement, noLocation]) {
    expect((await as('integration').get(`/v1/deliveries/${d.deliveryId}`)).body.status).toBe('Pending');
  }

  // A new matching delivery is cancelled on arrival, without a workflow.
  const arrival = await deliver('ops-policy', 'p5', { country: 'US', state: 'NY', postalCode: '10001' });
  expect(arrival).toMatchObject({ status: 'Cancelled', result: 'Cancelled', cancelledByPolicyId: policyId });
  const listed = await as('supervisor').get('/v1/cancellation-policies');
  expect(listed.body.policies.find((p: { policyId: string }) => p.policyId === policyId)).toMatchObject({
    cancelledCount: 2,
    active: true,
  });

  expect((await as('admin').post(`/v1/cancellation-policies/${policyId}/end`, {})).body.active).toBe(false);
  expect((await deliver('ops-policy', 'p6', { country: 'US', state: 'NY', postalCode: '10001' })).status).toBe('Pending');
});
