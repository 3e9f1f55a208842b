/**
 * End to end over HTTP: the real Temporal dev server, Postgres, the dialer simulator, the worker and the API.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DeliveryStatusKey } from '../../temporal/searchAttributes';
import { deliveryRowCounts } from '../helpers/deliveryRowCounts';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { deliveryViewWhen, eventually } from '../helpers/waiting';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let key: string;
const SEED_PATH = '/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery';

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-first-delivery');
  await insertEngagement(stack.database.db, 'cfg-1');
  key = await apiKeyWithRoles(stack.database.db, 'integration');
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const api = () => apiClient(stack.apiUrl, key);

const waitForFinal = (deliveryId: string) => deliveryViewWhen(api(), deliveryId);

test('the seed-compatible endpoint returns a DeliveryId that reaches Complete / CallEnded', async () => {
  const res = await api().post(SEED_PATH, {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: 'cfg-1',
    DestinationPhoneNumber: '+15550100001',
    ContactId: '761e062f-c734-ef11-8e4f-00224808a166',
    InputAttributes: { orderNumber: 'ORD123456789', type: 'callback' },
  });
  expect(res.status).toBe(200);
  expect(res.body['@odata.context']).toMatch(/\$metadata#Microsoft\.Dynamics\.CRM\.CCaaS_CreateProactiveVoiceDeliveryResponse$/);
  const deliveryId = res.body.DeliveryId as string;
  expect(deliveryId).toMatch(/^[0-9a-f-]{36}$/);

  const delivery = await waitForFinal(deliveryId);
  expect(delivery).toMatchObject({
    status: 'Complete',
    result: 'CallEnded',
    toAddress: '+15550100001',
    fromAddress: '+15550109999',
    contactId: '761e062f-c734-ef11-8e4f-00224808a166',
  });
  expect(delivery.attributes).toEqual([
    { keyword: 'orderNumber', value: 'ORD123456789', type: 'input' },
    { keyword: 'type', value: 'callback', type: 'input' },
  ]);
  expect(delivery.calls).toHaveLength(1);
  expect(delivery.temporalUiUrl).toBe(`http://ui.test/namespaces/default/workflows/delivery-${deliveryId}`);
  // The default window is the next 24 hours.
  const start = Date.parse(delivery.windowStartDate as string);
  expect(Date.parse(delivery.windowEndDate as string) - start).toBe(24 * 3600 * 1000);

  // The Temporal UI can filter deliveries by status.
  const listed = await eventually(
    async () => {
      const ids: string[] = [];
      for await (const wf of env.client.workflow.list({ query: `DeliveryStatus = "Complete" AND WorkflowId = "delivery-${deliveryId}"` }))
        ids.push(wf.workflowId);
      return ids;
    },
    (ids) => ids.length === 1,
  );
  expect(listed).toEqual([`delivery-${deliveryId}`]);
  const described = await env.client.workflow.getHandle(`delivery-${deliveryId}`).describe();
  expect(described.typedSearchAttributes.get(DeliveryStatusKey)).toBe('Complete');
  expect(await described.memo).toMatchObject({ summary: expect.stringContaining('mobile +*******0001') });
});

test('Windows sent as a JSON string are accepted', async () => {
  const now = Date.now();
  const windows = JSON.stringify([{ Start: new Date(now - 1000).toISOString(), End: new Date(now + 3600_000).toISOString() }]);
  const res = await api().post(SEED_PATH, {
    ProactiveEngagementConfigId: 'cfg-1',
    DestinationPhoneNumber: '+15550100001',
    ContactId: 'c-json',
    Windows: windows,
  });
  expect(res.status).toBe(200);
  const delivery = await waitForFinal(res.body.DeliveryId as string);
  expect(delivery).toMatchObject({ status: 'Complete', result: 'CallEnded' });
});

test('the native endpoint: a busy number with no reattempts configured ends CallFailed', async () => {
  const res = await api().post('/v1/deliveries', {
    engagementId: 'cfg-1',
    contacts: [{ contactId: 'c-busy', timeZone: 'America/New_York', phones: [{ type: 'business', number: '+1 (555) 010-0002' }] }],
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ status: 'Pending', toAddress: '+15550100002' });
  const delivery = await waitForFinal(res.body.deliveryId as string);
  expect(delivery).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  expect(stack.simulator.dialer.callsTo('+15550100002')).toHaveLength(1);
});

test('the same Idempotency-Key returns the same delivery; a different body with it is a conflict', async () => {
  const body = { engagementId: 'cfg-1', contacts: [{ contactId: 'c-idem', phones: [{ type: 'mobile', number: '+15550100001' }] }] };
  const first = await api().post('/v1/deliveries', body, { 'Idempotency-Key': 'key-1' });
  const second = await api().post('/v1/deliveries', body, { 'Idempotency-Key': 'key-1' });
  expect(first.status).toBe(201);
  expect(second.status).toBe(200);
  expect(second.body.deliveryId).toBe(first.body.deliveryId);
  const conflict = await api().post('/v1/deliveries', { ...body, trackingId: 'other' }, { 'Idempotency-Key': 'key-1' });
  expect(conflict.status).toBe(409);
  expect(await waitForFinal(first.body.deliveryId as string)).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(
    stack.simulator.dialer.callsTo('+15550100001').filter((c) => c.conversationId.startsWith(first.body.deliveryId as string)),
  ).toHaveLength(1);
});

describe('bad input gets a 400 with the failing fields and stores nothing', () => {
  const cases: Array<[string, string, unknown, string[]]> = [
    ['seed: missing fields', SEED_PATH, {}, ['ProactiveEngagementConfigId', 'DestinationPhoneNumber', 'ContactId']],
    [
      'seed: bad phone',
      SEED_PATH,
      { ProactiveEngagementConfigId: 'cfg-1', DestinationPhoneNumber: '+123', ContactId: 'x' },
      ['DestinationPhoneNumber'],
    ],
    [
      'seed: Windows not JSON',
      SEED_PATH,
      { ProactiveEngagementConfigId: 'cfg-1', DestinationPhoneNumber: '+15550100001', ContactId: 'x', Windows: '[{' },
      ['Windows'],
    ],
    [
      'seed: window timestamp format',
      SEED_PATH,
      {
        ProactiveEngagementConfigId: 'cfg-1',
        DestinationPhoneNumber: '+15550100001',
        ContactId: 'x',
        Windows: [{ Start: '2025-01-30T16:32:45Z', End: '2025-01-30T18:32:45.000Z' }],
      },
      ['Windows.0.Start'],
    ],
    [
      'seed: window ends before it starts',
      SEED_PATH,
      {
        ProactiveEngagementConfigId: 'cfg-1',
        DestinationPhoneNumber: '+15550100001',
        ContactId: 'x',
        Windows: [{ Start: '2025-01-30T18:00:00.000Z', End: '2025-01-30T16:00:00.000Z' }],
      },
      ['Windows.0.End'],
    ],
    [
      'seed: unknown engagement',
      SEED_PATH,
      { ProactiveEngagementConfigId: 'nope', DestinationPhoneNumber: '+15550100001', ContactId: 'x' },
      ['ProactiveEngagementConfigId'],
    ],
    [
      'native: unknown field',
      '/v1/deliveries',
      { engagementId: 'cfg-1', contacts: [{ contactId: 'a', phones: [{ type: 'mobile', number: '+15550100001' }] }], extra: 1 },
      ['(body)'],
    ],
    [
      'native: chain of 6',
      '/v1/deliveries',
      {
        engagementId: 'cfg-1',
        contacts: Array.from({ length: 6 }, (_, i) => ({ contactId: `c${i}`, phones: [{ type: 'mobile', number: '+15550100001' }] })),
      },
      ['contacts'],
    ],
    ['native: wrong types', '/v1/deliveries', { engagementId: 5, contacts: 'x' }, ['engagementId', 'contacts']],
    [
      'native: bad zone and phone type',
      '/v1/deliveries',
      {
        engagementId: 'cfg-1',
        contacts: [{ contactId: 'a', timeZone: 'Mars/Olympus', phones: [{ type: 'pager', number: '+15550100001' }] }],
      },
      ['contacts.0.timeZone', 'contacts.0.phones.0.type'],
    ],
  ];

  test.each(cases)('%s', async (_name, path, body, fields) => {
    const before = await deliveryRowCounts(stack.database.db);
    const res = await api().post(path, body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((res.body.error.fields as Array<{ path: string }>).map((f) => f.path)).toEqual(expect.arrayContaining(fields));
    expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
  });

  test('malformed JSON', async () => {
    const before = await deliveryRowCounts(stack.database.db);
    const res = await api().raw('POST', SEED_PATH, '{"ProactiveEngagementConfigId": ', { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_json');
    expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
  });
});

test('requests without a valid key are refused with 401, with a wrong role 403', async () => {
  const noKey = await apiClient(stack.apiUrl, '').post('/v1/deliveries', {});
  expect(noKey.status).toBe(401);
  const badKey = await apiClient(stack.apiUrl, 'pe_not_a_key').post(SEED_PATH, {});
  expect(badKey.status).toBe(401);
  const agentKey = await apiKeyWithRoles(stack.database.db, 'agent');
  const wrongRole = await apiClient(stack.apiUrl, agentKey).post('/v1/deliveries', {});
  expect(wrongRole.status).toBe(403);
  const health = await fetch(`${stack.apiUrl}/healthz`);
  expect(health.status).toBe(200);
});
