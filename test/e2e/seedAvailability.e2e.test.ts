/**
 * The product's representative-availability actions (seed 003) over HTTP on the real stack: answered
 * from the simulator's representative pool and queue hours, the same source the dispatcher paces on.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, engagementConfig, eventually, insertEngagement } from '../helpers/fixtures';
import { startEngineStack, type EngineStack } from '../helpers/engineStack';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
let key: string;
const ROOT = '/api/data/v9.2';
const BEFORE = `${ROOT}/CCaaS_GetRepresentativeAvailabilityBeforeConversation`;
const FOR = `${ROOT}/CCaaS_GetRepresentativeAvailabilityForConversation`;
const QUEUE = 'queue-availability';

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'e2e-seed-availability');
  await insertEngagement(
    stack.database.db,
    'workstream-1',
    engagementConfig({ routing: { queueId: QUEUE, queueDisplayNumber: '+15550109999', skills: ['billing'] } }),
  );
  key = await apiKeyWithRoles(stack.database.db, 'integration');
});

afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

const api = () => apiClient(stack.apiUrl, key);

async function simulator(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${stack.simulator.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.ok).toBe(true);
}

const productFields = [
  '@odata.context',
  'AverageWaitTime',
  'AverageWaitTimeInSeconds',
  'EndTimeOfNextOperatingHour',
  'IsAgentAvailable',
  'IsQueueAvailable',
  'NextTransitionTime',
  'NumberOfExpertsAvailableInQueue',
  'PositionInQueue',
  'QueueId',
  'StartTimeOfNextOperatingHour',
];

describe('CCaaS_GetRepresentativeAvailabilityBeforeConversation', () => {
  afterEach(async () => {
    await simulator('PUT', `/sim/queues/${QUEUE}`, { withinOperatingHours: true });
    await simulator('DELETE', '/sim/representatives');
  });

  test("answers the product's fields from the simulator's pool and the queue's hours, read at each request", async () => {
    await simulator('PUT', '/sim/representatives', { count: 3, handleMs: 60_000 });
    const open = await api().post(BEFORE, {
      ApiVersion: '1.0',
      LiveWorkStreamId: 'workstream-1',
      // The product's context, as a serialized string: accepted, and it routes nothing here.
      CustomContextItems: JSON.stringify({ Product: { value: 'Xbox', isDisplayable: true, datatype: '192350000' } }),
      ChannelEngagementContext: '{"msdyn_browser":"Edge","msdyn_city":"florida"}',
    });
    expect(open.status).toBe(200);
    expect(Object.keys(open.body).sort()).toEqual(productFields);
    expect(open.body).toMatchObject({
      QueueId: QUEUE,
      IsQueueAvailable: true,
      IsAgentAvailable: true,
      NumberOfExpertsAvailableInQueue: 3,
      PositionInQueue: 0,
      StartTimeOfNextOperatingHour: '0001-01-01T00:00:00Z',
      EndTimeOfNextOperatingHour: '0001-01-01T00:00:00Z',
      NextTransitionTime: '9999-12-31T23:59:59Z',
      // No live answer measured yet.
      AverageWaitTime: null,
      AverageWaitTimeInSeconds: null,
    });
    expect(open.body['@odata.context']).toMatch(
      /\/api\/data\/v9\.2\/\$metadata#Microsoft\.Dynamics\.CRM\.CCaaS_GetRepresentativeAvailabilityBeforeConversationResponse$/,
    );

    await simulator('PUT', `/sim/queues/${QUEUE}`, { withinOperatingHours: false });
    await simulator('PUT', '/sim/representatives', { count: 0, handleMs: 60_000 });
    const closed = await api().post(BEFORE, { ApiVersion: '1.0', LiveWorkStreamId: 'workstream-1' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      QueueId: QUEUE,
      IsQueueAvailable: false,
      IsAgentAvailable: false,
      NumberOfExpertsAvailableInQueue: 0,
    });
  });

  test.each<[string, number, string, unknown]>([
    ['no LiveWorkStreamId', 400, 'LiveWorkStreamId', { ApiVersion: '1.0' }],
    ['an unknown workstream', 404, 'LiveWorkStreamId', { ApiVersion: '1.0', LiveWorkStreamId: 'no-such' }],
    ['CustomContextItems not JSON', 400, 'CustomContextItems', { LiveWorkStreamId: 'workstream-1', CustomContextItems: '{nope' }],
    [
      'a context item of an unknown datatype',
      400,
      'CustomContextItems.P.datatype',
      { LiveWorkStreamId: 'workstream-1', CustomContextItems: { P: { value: 'x', datatype: 'Text' } } },
    ],
    [
      'ChannelEngagementContext an array',
      400,
      'ChannelEngagementContext',
      { LiveWorkStreamId: 'workstream-1', ChannelEngagementContext: '[1]' },
    ],
  ])('%s → %i naming %s', async (_name, status, field, body) => {
    const res = await api().post(BEFORE, body);
    expect(res.status).toBe(status);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  test('without a key → 401, as on the seed create endpoints', async () => {
    const res = await apiClient(stack.apiUrl, '').post(BEFORE, { LiveWorkStreamId: 'workstream-1' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

describe('CCaaS_GetRepresentativeAvailabilityForConversation', () => {
  afterEach(async () => {
    await simulator('DELETE', '/sim/representatives');
  });

  test('answers for the queue of the delivery the conversation belongs to, less the representative its call took', async () => {
    await simulator('PUT', '/sim/representatives', { count: 2, handleMs: 600_000 });
    const created = await api().post(`${ROOT}/CCaaS_CreateProactiveDelivery`, {
      ApiVersion: '1.0',
      ProactiveEngagementConfigId: 'workstream-1',
      Contacts: [{ uniqueIdentifier: 'avail-1', firstName: 'A', lastName: 'B', mobilePhoneNumber: '+15550100001' }],
    });
    expect(created.status).toBe(200);
    // Answered live and connected: one of the two representatives is in that conversation for 10 minutes.
    const delivery = await eventually(
      async () => (await api().get(`/v1/deliveries/${created.body.DeliveryId}`)).body,
      (d) => d.status === 'Complete',
    );
    expect(delivery.result).toBe('CallEnded');

    const res = await api().post(FOR, { ApiVersion: '1.0', ConversationId: delivery.conversationId });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(productFields);
    expect(res.body).toMatchObject({ QueueId: QUEUE, IsQueueAvailable: true, IsAgentAvailable: true, NumberOfExpertsAvailableInQueue: 1 });
    expect(res.body['@odata.context']).toMatch(/CCaaS_GetRepresentativeAvailabilityForConversationResponse$/);
    // The engine measured that call's wait for a representative.
    expect(res.body.AverageWaitTimeInSeconds).toEqual(expect.any(Number));

    // The ConversationId the dialer was given for the call names the same delivery.
    const dialled = (await (await fetch(`${stack.simulator.url}/sim/calls`)).json()) as {
      calls: Array<{ conversationId: string; destination: string }>;
    };
    const dialerConversationId = dialled.calls.find((c) => c.destination === '+15550100001')!.conversationId;
    const byCall = await api().post(FOR, { ConversationId: dialerConversationId });
    expect(byCall.status).toBe(200);
    expect(byCall.body).toMatchObject({ QueueId: QUEUE, NumberOfExpertsAvailableInQueue: 1 });

    // Before a conversation, the same queue has the same one free representative.
    const before = await api().post(BEFORE, { LiveWorkStreamId: 'workstream-1' });
    expect(before.body).toMatchObject({ QueueId: QUEUE, NumberOfExpertsAvailableInQueue: 1 });
  });

  test.each<[string, number, string, unknown]>([
    ['no ConversationId', 400, 'ConversationId', { ApiVersion: '1.0' }],
    ['an unknown conversation', 404, 'ConversationId', { ConversationId: '00000000-0000-4000-8000-000000000000' }],
  ])('%s → %i naming %s', async (_name, status, field, body) => {
    const res = await api().post(FOR, body);
    expect(res.status).toBe(status);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });
});
