/**
 * Records the histories test/workflows/historyReplay.test.ts replays, with the code of the current checkout,
 * into RECORD_HISTORIES_TO (a directory; use test/workflows/histories/<short commit>/):
 *
 *   RECORD_HISTORIES_TO=test/workflows/histories/$(git rev-parse --short HEAD) \
 *     npx jest --selectProjects integration --testMatch '<rootDir>/test/workflows/histories/recordHistories.ts'
 *
 * Not a test (its name does not end in .test.ts): run it when a release changes the workflows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { temporal as proto } from '@temporalio/proto';
const toBytes = (h: unknown) => Buffer.from(proto.api.history.v1.History.encode(h as never).finish());
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { dispatcherWorkflowId } from '../../../temporal/workflowIds';
import { apiClient } from '../../helpers/apiClient';
import { startEngineStack, type EngineStack } from '../../helpers/engineStack';
import { apiKeyWithRoles, engagementConfig, eventually, insertEngagement } from '../../helpers/fixtures';
import { createLocalEnvironment } from '../../helpers/temporalEnvironments';

let env: TestWorkflowEnvironment;
let stack: EngineStack;
const OUT = process.env.RECORD_HISTORIES_TO ?? '';

beforeAll(async () => {
  env = await createLocalEnvironment();
  stack = await startEngineStack(env, 'replay-record', { dispatcherOptions: { tickMs: 250 } });
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

test('record', async () => {
  if (!OUT) throw new Error('set RECORD_HISTORIES_TO to the directory to write the histories to');
  mkdirSync(OUT, { recursive: true });
  const db = stack.database.db;
  const admin = apiClient(stack.apiUrl, await apiKeyWithRoles(db, 'admin'));
  const integration = apiClient(stack.apiUrl, await apiKeyWithRoles(db, 'integration'));
  const engagement = async (body: Record<string, unknown>) => {
    const res = await admin.post('/v1/engagements', {
      routing: { queueId: 'q-rec', queueDisplayNumber: '+15550109999' },
      schedule: [{ type: 'mobile', quietHours: [] }],
      ...body,
    });
    expect(res.status).toBe(201);
  };
  await insertEngagement(db, 'rec-agentless', engagementConfig({ reattempts: { maxAttempts: 2, waitSeconds: 0, reasons: ['NoAnswer'] } }));
  await engagement({ engagementId: 'rec-progressive', name: 'p', dialModeSettings: { callsPerRepresentative: 1 } });
  await engagement({
    engagementId: 'rec-ai',
    name: 'ai',
    engagementType: 'ai-agent',
    dialMode: 'ai-agent',
    dialModeSettings: { maxConcurrentAiCalls: 2 },
  });
  await insertEngagement(
    db,
    'rec-sms',
    engagementConfig({
      channel: 'sms',
      schedule: [{ type: 'mobile', quietHours: [] }],
      sms: { senderNumber: '+15550319999', messageText: 'Hello {{name}}' },
    }),
  );
  stack.simulator.dialer.setRepresentatives({ count: 2, handleMs: 200 });
  stack.simulator.dialer.setNumber('+15550990001', { state: 'Answered', ringMs: 100, answeringMachine: false });
  stack.simulator.dialer.setNumber('+15550990002', { state: 'No Answer', ringMs: 100 });
  stack.simulator.dialer.setNumber('+15550990003', { state: 'Answered', ringMs: 100, answeringMachine: false });
  stack.simulator.dialer.setNumber('+15550990004', { state: 'Answered', ringMs: 100, answeringMachine: false });
  const cases: Array<[string, string, string]> = [
    ['agentless-answered', 'rec-agentless', '+15550990001'],
    ['agentless-no-answer-twice', 'rec-agentless', '+15550990002'],
    ['progressive-answered', 'rec-progressive', '+15550990003'],
    ['ai-answered', 'rec-ai', '+15550990004'],
    ['sms-sent', 'rec-sms', '+15550990005'],
  ];
  const ids: Array<[string, string]> = [];
  const deliver = async (name: string, engagementId: string, number: string) => {
    const res = await integration.post('/v1/deliveries', {
      engagementId,
      contacts: [{ contactId: `c-${name}`, phones: [{ type: 'mobile', number }] }],
    });
    expect(res.status).toBe(201);
    ids.push([name, res.body.deliveryId]);
  };
  for (const [name, engagementId, number] of cases) await deliver(name, engagementId, number);
  // A slot granted at the request: an AI delivery arriving while another of its pool rings (the dispatcher awake, room left).
  stack.simulator.dialer.setNumber('+15550990006', { state: 'Answered', ringMs: 4_000, answeringMachine: false });
  stack.simulator.dialer.setNumber('+15550990007', { state: 'Answered', ringMs: 100, answeringMachine: false });
  await eventually(
    async () =>
      (await db.selectFrom('deliveries').select('status').where('engagement_id', '=', 'rec-ai').execute()).every(
        (d) => d.status === 'Complete',
      ),
    (done) => done,
  );
  await deliver('ai-ringing', 'rec-ai', '+15550990006');
  await eventually(
    async () => stack.simulator.dialer.listCalls().some((c) => c.destination === '+15550990006'),
    (rang) => rang,
  );
  await deliver('ai-granted-at-request', 'rec-ai', '+15550990007');
  for (const [name, id] of ids) {
    const row = await eventually(
      () => db.selectFrom('deliveries').select(['status', 'workflow_id']).where('delivery_id', '=', id).executeTakeFirstOrThrow(),
      (r) => r.status === 'Complete',
      60_000,
    );
    const handle = stack.temporal.workflow.getHandle(row.workflow_id);
    await handle.result().catch(() => undefined);
    writeFileSync(`${OUT}/delivery-${name}.history.pb`, toBytes(await handle.fetchHistory()));
  }
  const pools = await db.selectFrom('dispatch_pools').select('pool_key').execute();
  for (const { pool_key } of pools) {
    const handle = stack.temporal.workflow.getHandle(dispatcherWorkflowId('replay-record', pool_key));
    writeFileSync(`${OUT}/dispatcher-${pool_key.replace(/[^a-z0-9-]/gi, '-')}.history.pb`, toBytes(await handle.fetchHistory()));
  }
  // The slot came with the request's result: no grant signal in its history.
  const atRequestId = ids.find(([name]) => name === 'ai-granted-at-request')![1];
  const atRequestRow = await db
    .selectFrom('deliveries')
    .select('workflow_id')
    .where('delivery_id', '=', atRequestId)
    .executeTakeFirstOrThrow();
  const atRequestHistory = await stack.temporal.workflow.getHandle(atRequestRow.workflow_id).fetchHistory();
  expect(atRequestHistory.events!.filter((e) => e.workflowExecutionSignaledEventAttributes)).toEqual([]);
  console.log('pools', pools);
});
