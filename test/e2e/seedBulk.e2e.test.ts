/**
 * The product's bulk create actions over HTTP on the real stack: 15,000 records in one request, the
 * bad ones named by index and field, every valid one stored in one transaction, their workflows
 * started afterwards by the batch's scheduling workflow.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { MAX_BULK_RECORDS } from '../../domain/delivery/bulkLimits';
import { apiClient } from '../helpers/apiClient';
import { bulkRecords } from '../helpers/bulkRecords';
import { deliveryRowCounts } from '../helpers/deliveryRowCounts';
import { apiKeyWithRoles, engagementConfig, eventually, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let key: string;
const ROOT = '/api/data/v9.2';

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-seed-bulk');
  await insertEngagement(stack.database.db, 'bulk-voice');
  await insertEngagement(
    stack.database.db,
    'bulk-sms',
    engagementConfig({
      channel: 'sms',
      schedule: [{ type: 'mobile', quietHours: [] }],
      sms: { senderNumber: '+15550319999', messageText: 'Hello {{name}}' },
    }),
  );
  key = await apiKeyWithRoles(stack.database.db, 'integration', 'admin');
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const api = () => apiClient(stack.apiUrl, key);

test('15,000 records with 50 bad ones: the rest are stored and scheduled, the bad indices named with their field', async () => {
  // A policy on most records' postal code: they are stored Cancelled on arrival (as from any entry
  // point), so the test schedules and dials only the 15 records outside it, not 14,950.
  const policy = await api().post('/v1/cancellation-policies', { engagementId: 'bulk-voice', postalCode: '98052', comment: 'bulk test' });
  expect(policy.status).toBe(201);
  const { records, bad } = bulkRecords(15_000, 300, { otherZip: (i) => i % 1000 === 0 });
  expect(bad).toHaveLength(50);
  const res = await api().post(`${ROOT}/CCaaS_CreateProactiveDeliveryBulkV2`, {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: 'bulk-voice',
    RequestId: 'bulk-req-1',
    // As the product's sample sends it: the records as a string holding JSON.
    ProactiveDeliveries: JSON.stringify(records),
  });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ TotalRecords: 15_000, AcceptedRecords: 14_950, RejectedRecords: 50, SuppressedRecords: 14_935 });
  expect(res.body['@odata.context']).toMatch(/CCaaS_CreateProactiveDeliveryBulkV2Response$/);
  const errors = res.body.Errors as Array<{ Index: number; Fields: Array<{ path: string; message: string }> }>;
  expect(errors.map((e) => e.Index)).toEqual(bad.map((b) => b.index));
  for (const [i, e] of errors.entries())
    expect(e.Fields.map((f) => f.path)).toContain(`ProactiveDeliveries.${bad[i]!.index}.${bad[i]!.field}`);

  const ids = res.body.DeliveryIds as Array<string | null>;
  expect(ids).toHaveLength(15_000);
  const badIndices = new Set(bad.map((b) => b.index));
  ids.forEach((id, i) => (badIndices.has(i) ? expect(id).toBeNull() : expect(id).toMatch(/^[0-9a-f-]{36}$/)));

  const stored = await stack.database.db
    .selectFrom('deliveries')
    .select(['delivery_id', 'contact_id', 'tracking_id', 'status', 'to_address', 'cancelled_by_policy_id'])
    .where('upload_id', '=', res.body.BatchId as string)
    .execute();
  expect(stored).toHaveLength(14_950);
  const byId = new Map(stored.map((d) => [d.delivery_id, d]));
  expect(byId.get(ids[1000]!)).toMatchObject({
    contact_id: 'bulk-1000',
    tracking_id: 'bulk-req-1',
    to_address: '+15551001000',
    cancelled_by_policy_id: null,
  });
  expect(byId.get(ids[14_999]!)).toMatchObject({
    contact_id: 'bulk-14999',
    status: 'Cancelled',
    cancelled_by_policy_id: policy.body.policyId,
  });
  const chain = await stack.database.db
    .selectFrom('delivery_contacts')
    .selectAll()
    .where('delivery_id', '=', ids[1]!)
    .executeTakeFirstOrThrow();
  expect(chain).toMatchObject({ contact_id: 'bulk-1', time_zone: 'America/Los_Angeles', state: 'WA', postal_code: '98052' });

  // Workflows start after the commit, through the batch's scheduling workflow (GET /v1/uploads/:id).
  const batch = await eventually(
    async () => (await api().get(`/v1/uploads/${res.body.BatchId as string}`)).body,
    (b) => b.state === 'completed',
  );
  expect(batch).toMatchObject({
    engagementId: 'bulk-voice',
    state: 'completed',
    progress: { rowsRead: 15_000, rowsAccepted: 14_950, rowsRejected: 50, deliveriesSuppressed: 14_935, deliveriesScheduled: 15 },
  });
  const called = await eventually(
    async () => (await api().get(`/v1/deliveries/${ids[1000]!}`)).body,
    (d) => d.status === 'Complete',
  );
  expect(called).toMatchObject({ status: 'Complete', result: 'CallEnded' });
});

test('the first name and the earlier V2 name answer too; an SMS engagement refuses a business number by index', async () => {
  const v1 = await api().post(`${ROOT}/CCaaS_CreateProactiveBulkDelivery`, {
    ApiVersion: '1.0',
    ProactiveEngagementConfigId: 'bulk-sms',
    ProactiveEngagements: '',
    ProactiveDeliveries: [
      { uniqueIdentifier: 's-1', firstName: 'A', lastName: 'B', mobilePhoneNumber: '+15550200001' },
      { uniqueIdentifier: 's-2', firstName: 'A', lastName: 'B', businessPhoneNumber: '+15550200002' },
    ],
  });
  expect(v1.status).toBe(200);
  expect(v1.body).toMatchObject({
    AcceptedRecords: 1,
    RejectedRecords: 1,
    Errors: [{ Index: 1, Fields: [{ path: 'ProactiveDeliveries.1.businessPhoneNumber' }] }],
  });
  const v2 = await api().post(`${ROOT}/CCaaS_CreateProactiveBulkDeliveryV2`, {
    ProactiveEngagementConfigId: 'bulk-sms',
    ProactiveDeliveries: JSON.stringify([{ uniqueIdentifier: 's-3', firstName: 'A', lastName: 'B', mobilePhoneNumber: '+15550200003' }]),
  });
  expect(v2.status).toBe(200);
  expect(v2.body['@odata.context']).toMatch(/CCaaS_CreateProactiveBulkDeliveryV2Response$/);
  const sent = await eventually(
    async () => (await api().get(`/v1/deliveries/${v2.body.DeliveryIds[0] as string}`)).body,
    (d) => d.status === 'Complete',
  );
  expect(sent).toMatchObject({ status: 'Complete', result: 'MessageSent', contactId: 's-3' });
});

describe('refusals store nothing', () => {
  const V2 = `${ROOT}/CCaaS_CreateProactiveDeliveryBulkV2`;
  const good = { uniqueIdentifier: 'r-1', firstName: 'A', lastName: 'B', mobilePhoneNumber: '+15550100001' };

  const allBad = [
    { ...good, firstName: '' },
    { ...good, mobilePhoneNumber: 'x' },
  ];
  test.each([
    ['no ProactiveEngagementConfigId', 400, 'ProactiveEngagementConfigId', { ProactiveDeliveries: [good] }],
    ['an unknown engagement', 400, 'ProactiveEngagementConfigId', { ProactiveEngagementConfigId: 'nope', ProactiveDeliveries: [good] }],
    ['no ProactiveDeliveries', 400, 'ProactiveDeliveries', { ProactiveEngagementConfigId: 'bulk-voice' }],
    ['a string of broken JSON', 400, 'ProactiveDeliveries', { ProactiveEngagementConfigId: 'bulk-voice', ProactiveDeliveries: '[{"a":' }],
    ['no records', 400, 'ProactiveDeliveries', { ProactiveEngagementConfigId: 'bulk-voice', ProactiveDeliveries: [] }],
    ['an object', 400, 'ProactiveDeliveries', { ProactiveEngagementConfigId: 'bulk-voice', ProactiveDeliveries: { a: 1 } }],
    [
      'every record bad',
      400,
      'ProactiveDeliveries.0.firstName',
      { ProactiveEngagementConfigId: 'bulk-voice', ProactiveDeliveries: allBad },
    ],
    [
      'more than MAX_BULK_RECORDS records',
      413,
      'ProactiveDeliveries',
      { ProactiveEngagementConfigId: 'bulk-voice', ProactiveDeliveries: Array.from({ length: MAX_BULK_RECORDS + 1 }, () => 0) },
    ],
  ] as const)('%s → %i naming %s', async (_label, status, path, body) => {
    const before = await deliveryRowCounts(stack.database.db);
    const res = await api().post(V2, body);
    expect(res.status).toBe(status);
    expect((res.body.error.fields as Array<{ path: string }>).map((f) => f.path)).toContain(path);
    expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
  });

  test('every failing record of an all-bad request is named', async () => {
    const res = await api().post(V2, {
      ProactiveEngagementConfigId: 'bulk-voice',
      ProactiveDeliveries: [
        { ...good, firstName: '' },
        { ...good, mobilePhoneNumber: 'x' },
      ],
    });
    expect(res.body.error.fields).toEqual([
      { path: 'ProactiveDeliveries.0.firstName', message: expect.any(String) },
      { path: 'ProactiveDeliveries.1.mobilePhoneNumber', message: expect.stringContaining('not a possible phone number') },
    ]);
    expect(res.body.error.message).toBe('none of the 2 records is valid; nothing was stored');
  });

  test('a body that is not JSON is a 415 and one that does not parse a 400', async () => {
    expect((await api().raw('POST', V2, 'a,b', { 'Content-Type': 'text/csv' })).status).toBe(415);
    const broken = await api().raw('POST', V2, '{"ProactiveEngagementConfigId":', { 'Content-Type': 'application/json' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed_json');
  });

  test('an Idempotency-Key is refused: a bulk request is not deduplicated', async () => {
    const before = await deliveryRowCounts(stack.database.db);
    const res = await api().post(
      V2,
      { ProactiveEngagementConfigId: 'bulk-voice', ProactiveDeliveries: [good] },
      { 'Idempotency-Key': 'bulk-1' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'Idempotency-Key', message: expect.stringContaining('not supported') }]);
    expect(await deliveryRowCounts(stack.database.db)).toEqual(before);
  });

  test('without a key: 401', async () => {
    expect(
      (await apiClient(stack.apiUrl, '').post(V2, { ProactiveEngagementConfigId: 'bulk-voice', ProactiveDeliveries: [good] })).status,
    ).toBe(401);
  });
});
