/**
 * The payload codec end to end on the real dev server: Temporal's history holds no phone number, the
 * engine (with the codec) still runs the delivery to Complete, and an admin decodes payloads through
 * /codec/decode as the Temporal UI would.
 */
import { randomBytes } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../temporal/payloadCodec';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { eventually } from '../helpers/waiting';

const PHONE = '+15550100077';
const DIGITS = '15550100077';
const SEED_PATH = '/api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let integrationKey: string;
let adminKey: string;

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-payload-codec', { payloadCodec: new AesGcmPayloadCodec([{ id: 'e2e', key: randomBytes(32) }]) });
  await insertEngagement(stack.database.db, 'cfg-codec');
  integrationKey = await apiKeyWithRoles(stack.database.db, 'integration');
  adminKey = await apiKeyWithRoles(stack.database.db, 'admin');
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

/** Every event of a workflow's history as Temporal stores it, read over gRPC with no data converter at all. */
async function rawHistory(workflowId: string): Promise<temporal.api.history.v1.IHistoryEvent[]> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await env.connection.workflowService.getWorkflowExecutionHistory({
      namespace: env.namespace ?? 'default',
      execution: { workflowId },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return events;
}

const toWire = (p: temporal.api.common.v1.IPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

test('history holds only ciphertext, the API still completes the delivery, and only an admin decodes', async () => {
  const res = await apiClient(stack.apiUrl, integrationKey).post(SEED_PATH, {
    ProactiveEngagementConfigId: 'cfg-codec',
    DestinationPhoneNumber: PHONE,
    ContactId: 'contact-codec',
    InputAttributes: { orderNumber: 'ORD-CODEC' },
  });
  expect(res.status).toBe(200);
  const deliveryId = res.body.DeliveryId as string;

  const delivery = await eventually(
    async () => (await apiClient(stack.apiUrl, integrationKey).get(`/v1/deliveries/${deliveryId}`)).body,
    (d) => d.status !== 'Pending' && d.status !== 'InProcess',
  );
  expect(delivery).toMatchObject({ status: 'Complete', result: 'CallEnded', toAddress: PHONE });
  // The engine's client decodes what it wrote (the memo included).
  const described = await stack.temporal.workflow.getHandle(deliveryWorkflowId(deliveryId)).describe();
  expect(await described.memo).toMatchObject({ summary: expect.stringContaining('+*******0077') });

  // Every workflow this delivery touched (the delivery, dispatchers, the reconciler...), read raw.
  const workflowIds: string[] = [];
  for await (const wf of stack.temporal.workflow.list()) workflowIds.push(wf.workflowId);
  expect(workflowIds).toContain(deliveryWorkflowId(deliveryId));
  for (const workflowId of workflowIds) {
    const bytes = Buffer.from(temporal.api.history.v1.History.encode({ events: await rawHistory(workflowId) }).finish());
    expect({ workflowId, found: bytes.includes(DIGITS) }).toEqual({ workflowId, found: false });
  }

  const events = await rawHistory(deliveryWorkflowId(deliveryId));
  const input = events[0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  expect(Buffer.from(input.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);

  // The codec server, as the Temporal UI calls it.
  const body = { payloads: [toWire(input)] };
  const headers = { 'X-Namespace': 'default', Origin: 'http://ui.test' };
  const asAdmin = await apiClient(stack.apiUrl, adminKey).post('/codec/decode', body, headers);
  expect(asAdmin.status).toBe(200);
  const decoded: Payload = {
    metadata: Object.fromEntries(
      Object.entries(asAdmin.body.payloads[0].metadata as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
    ),
    data: Buffer.from(asAdmin.body.payloads[0].data as string, 'base64'),
  };
  expect(Buffer.from(decoded.metadata!.encoding!).toString()).toBe('json/plain');
  expect(Buffer.from(decoded.data!).toString()).toContain(PHONE);

  // Encoding through the server gives what decodes back to the same payload.
  const reEncoded = await apiClient(stack.apiUrl, adminKey).post('/codec/encode', asAdmin.body, headers);
  expect(reEncoded.status).toBe(200);
  expect((await apiClient(stack.apiUrl, adminKey).post('/codec/decode', reEncoded.body, headers)).body).toEqual(asAdmin.body);

  expect((await apiClient(stack.apiUrl, integrationKey).post('/codec/decode', body, headers)).status).toBe(403);
  expect((await apiClient(stack.apiUrl, '').post('/codec/decode', body, headers)).status).toBe(401);
  expect((await apiClient(stack.apiUrl, adminKey).post('/codec/decode', body, { 'X-Namespace': 'other' })).status).toBe(400);
  const tampered = { payloads: [{ ...body.payloads[0]!, data: Buffer.from('x'.repeat(40)).toString('base64') }] };
  const refused = await apiClient(stack.apiUrl, adminKey).post('/codec/decode', tampered, headers);
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe('payload_not_decodable');
});

test('CORS: the UI origin passes the preflight with Authorization allowed; another origin gets no CORS grant', async () => {
  const preflight = (origin: string) =>
    fetch(`${stack.apiUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-namespace',
      },
    });
  const ui = await preflight('http://ui.test');
  expect(ui.status).toBe(204);
  expect(ui.headers.get('access-control-allow-origin')).toBe('http://ui.test');
  expect(ui.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  expect(ui.headers.get('access-control-allow-methods')).toMatch(/POST/);
  const other = await preflight('http://evil.test');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();

  // The grant is on the actual response too (401 included), or the browser hides it from the UI.
  const unauthenticated = await fetch(`${stack.apiUrl}/codec/decode`, {
    method: 'POST',
    headers: { Origin: 'http://ui.test', 'Content-Type': 'application/json' },
    body: JSON.stringify({ payloads: [] }),
  });
  expect(unauthenticated.status).toBe(401);
  expect(unauthenticated.headers.get('access-control-allow-origin')).toBe('http://ui.test');
});
