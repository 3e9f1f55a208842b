/**
 * Listing, reports, seed-shaped export, metrics and the OpenAPI document over HTTP, against the real
 * dev server, Postgres, the simulator, a worker and the API.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { eventually } from '../helpers/waiting';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let keys: { integration: string; supervisor: string; agent: string };
const ids: string[] = [];

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-reporting');
  const db = stack.database.db;
  keys = {
    integration: await apiKeyWithRoles(db, 'integration'),
    supervisor: await apiKeyWithRoles(db, 'supervisor'),
    agent: await apiKeyWithRoles(db, 'agent'),
  };
  await insertEngagement(db, 'rep');
  await insertEngagement(db, 'rep-other');
  stack.simulator.dialer.setNumber('+15550700002', { state: 'Busy', ringMs: 50 });
  const api = apiClient(stack.apiUrl, keys.integration);
  for (const [i, number] of ['+15550700001', '+15550700002', '+15550700001', '+15550700001'].entries()) {
    const res = await api.post('/v1/deliveries', {
      engagementId: 'rep',
      contacts: [{ contactId: i === 3 ? '=HYPERLINK("x")' : `c${i}`, phones: [{ type: 'mobile', number }] }],
      inputAttributes: { note: `n${i}` },
    });
    ids.push(res.body.deliveryId);
  }
  await api.post('/v1/deliveries', {
    engagementId: 'rep-other',
    contacts: [{ contactId: 'x', phones: [{ type: 'mobile', number: '+15550700001' }] }],
  });
  await eventually(
    async () => (await api.get('/v1/deliveries?engagementId=rep&status=Complete')).body.deliveries.length,
    (n) => n === 4,
    30_000,
  );
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const as = (role: keyof typeof keys) => apiClient(stack.apiUrl, keys[role]);

test('list: filters, newest first, cursor pagination without gaps or repeats', async () => {
  const all = await as('supervisor').get('/v1/deliveries?engagementId=rep');
  expect(all.body.deliveries.map((d: { deliveryId: string }) => d.deliveryId)).toEqual([...ids].reverse());
  const failed = await as('supervisor').get('/v1/deliveries?engagementId=rep&result=CallFailed');
  expect(failed.body.deliveries.map((d: { deliveryId: string }) => d.deliveryId)).toEqual([ids[1]]);

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { deliveries: Array<{ deliveryId: string }>; nextCursor: string | null } } = await as('supervisor').get(
      `/v1/deliveries?engagementId=rep&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    );
    seen.push(...page.body.deliveries.map((d) => d.deliveryId));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen).toEqual([...ids].reverse());

  const bad = await as('supervisor').get('/v1/deliveries?status=Nope&limit=0&cursor=zzz&extra=1');
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['status', 'limit']));
  expect((await as('agent').get('/v1/deliveries')).status).toBe(403);
});

test('report: totals, answer and abandonment rates', async () => {
  const report = await as('supervisor').get('/v1/engagements/rep/report');
  expect(report.status).toBe(200);
  expect(report.body).toMatchObject({
    deliveries: { total: 4, byStatus: { Complete: 4 }, byResult: { CallEnded: 3, CallFailed: 1 } },
    calls: { placed: 4, liveAnswers: 3, connected: 3, abandoned: 0, answerRate: 0.75, abandonmentRate: 0 },
    sms: { sent: 0, failed: 0 },
  });
  expect(report.body.calls.byResult).toEqual({ LiveAnswer: 3, NoAnswer: 1 });
  expect((await as('supervisor').get('/v1/engagements/nope/report')).status).toBe(404);
});

test('export in the seed-002 shape, as JSON and CSV, with formula cells kept as data', async () => {
  const asJson = await as('supervisor').get('/v1/engagements/rep/export?format=json');
  expect(asJson.body.rows).toHaveLength(4);
  expect(asJson.body.rows[0]).toMatchObject({
    msdyn_delivery_id: ids[0],
    msdyn_status: 'Complete',
    // The product's result word for the call that ended the delivery (the delivery's own result is CallEnded).
    msdyn_result: 'LiveAnswer',
    msdyn_proactive_engagement_config_id: 'rep',
    msdyn_channel: 'voice',
    msdyn_dialmode_type: 'Progressive',
    msdyn_cancellation_policy_id: null,
  });
  expect(asJson.body.rows[1]).toMatchObject({ msdyn_result: 'NoAnswer' });
  // The conversation id reported is the ConversationId the dialer received for the call.
  const received = (await stack.simulator.dialer.listCalls()).map((c) => c.conversationId);
  for (const row of asJson.body.rows) expect(received).toContain(row.msdyn_conversation_id);
  const attributes = await as('supervisor').get('/v1/engagements/rep/export?format=json&table=attributes');
  expect(attributes.body.rows).toContainEqual({
    msdyn_proactive_delivery: ids[0],
    msdyn_keyword: 'note',
    msdyn_value: 'n0',
    msdyn_type: 'input',
  });

  const res = await fetch(`${stack.apiUrl}/v1/engagements/rep/export?format=csv`, {
    headers: { Authorization: `Bearer ${keys.supervisor}` },
  });
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  const csv = await res.text();
  const [header, ...lines] = csv.trim().split('\n');
  expect(header!.split(',').slice(0, 3)).toEqual(['msdyn_delivery_id', 'msdyn_conversation_id', 'msdyn_call_id']);
  expect(lines).toHaveLength(4);
  expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
});

test('metrics: requests, deliveries by status, calls by state (supervisor key)', async () => {
  expect((await fetch(`${stack.apiUrl}/metrics`)).status).toBe(401);
  const res = await fetch(`${stack.apiUrl}/metrics`, { headers: { Authorization: `Bearer ${keys.supervisor}` } });
  const text = await res.text();
  expect(text).toMatch(/engine_deliveries\{engagement="rep",channel="voice",status="Complete",result="CallEnded",scope="database"\} 3/);
  expect(text).toMatch(/engine_calls\{state="Busy",scope="database"\} 1/);
  expect(text).toMatch(/engine_http_requests_total\{method="GET",route="\/v1\/deliveries",status="200"\} \d+/);
});

test('/openapi.json validates as OpenAPI 3.x and describes the API', async () => {
  const res = await as('agent').get('/openapi.json');
  expect(res.status).toBe(200);
  const doc = await SwaggerParser.validate(structuredClone(res.body));
  expect(doc).toBeDefined();
  expect(res.body.openapi).toMatch(/^3\./);
  expect(Object.keys(res.body.paths)).toEqual(
    expect.arrayContaining(['/v1/deliveries', '/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery', '/v1/cancellation-policies']),
  );
  expect(res.body.paths['/v1/deliveries'].post.requestBody.content['application/json'].schema.properties.contacts.maxItems).toBe(5);
});
