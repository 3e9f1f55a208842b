/**
 * One request followed through the logs, on the real stack: the API (in this process) and the
 * product's worker in its own process, logging as it does in production (pino JSON lines on stdout
 * through the SDK's runtime logger, here at debug so the SDK's own workflow and activity lines show).
 * The request's X-Request-Id reaches the delivery workflow's and its dial activity's lines, and an
 * upload's id reaches the deliveries its scheduling workflow starts. The payload codec is on (the
 * harder case: Temporal does not pass headers through codecs, and the id must survive either way).
 */
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Headers } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../api/app';
import { createLogger } from '../../runtime/logger';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { engineClient } from '../../temporal/client';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, generatePayloadCodecKey, parsePayloadCodecKeys } from '../../temporal/payloadCodec';
import { requestIdFromHeaders } from '../../temporal/requestIdHeader';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { apiClient } from '../helpers/apiClient';
import { apiKeyWithRoles, engagementConfig, insertEngagement } from '../helpers/fixtures';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { csv, laterWindow } from '../helpers/uploads';
import { deliveryViewWhen, waitUntil } from '../helpers/waiting';
import { startWorkerProcess } from '../helpers/startWorkerProcess';

type LogLine = Record<string, unknown>;
const taskQueue = 'e2e-request-id';
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let simulator: RunningSimulator;
let worker: ChildProcess;
let server: Server;
let apiUrl: string;
let key: string;
let supervisorKey: string;
const codecKeys = generatePayloadCodecKey();
const workerLines: LogLine[] = [];
const apiLines: LogLine[] = [];

const jsonLines = (text: string, into: LogLine[]) => {
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      into.push(JSON.parse(line) as LogLine);
    } catch {
      // a line split across chunks: its halves are not JSON, and the test does not need it
    }
  }
};

beforeAll(async () => {
  env = await createLocalEnvironment();
  database = await createTestDatabase();
  simulator = await startSimulator();
  await insertEngagement(database.db, 'trace');
  await insertEngagement(database.db, 'trace-upload', engagementConfig({ uniqueIdentifierAttribute: 'CustomerNumber' }));
  key = await apiKeyWithRoles(database.db, 'integration');
  supervisorKey = await apiKeyWithRoles(database.db, 'supervisor');

  let pending = '';
  worker = await startWorkerProcess({
    temporalAddress: env.address,
    databaseUrl: database.url,
    simulatorUrl: simulator.url,
    taskQueue,
    env: { WORKER_LOG_LEVEL: 'debug', PAYLOAD_CODEC_KEYS: codecKeys },
    onStdout: (chunk) => {
      const text = pending + chunk;
      const cut = text.lastIndexOf('\n') + 1;
      pending = text.slice(cut);
      jsonLines(text.slice(0, cut), workerLines);
    },
  });

  const sink = new Writable({
    write(chunk, _enc, done) {
      jsonLines(chunk.toString(), apiLines);
      done();
    },
  });
  const app = createApp({
    db: database.db,
    temporal: engineClient(env.connection, 'default', new AesGcmPayloadCodec(parsePayloadCodecKeys(codecKeys))),
    taskQueue,
    logger: createLogger('info', 'api', sink),
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  if (server) await new Promise((r) => server.close(() => r(undefined)));
  if (worker && worker.exitCode === null && worker.signalCode === null) {
    await new Promise((r) => {
      worker.once('exit', r);
      worker.kill('SIGKILL');
    });
  }
  await Promise.all([database?.drop(), simulator?.close()]);
  await env?.teardown();
});

const linesOf = (workflowId: string) => workerLines.filter((l) => l.workflowId === workflowId);
/** The workflow's own lines (an activity's lines name the workflow too, and their activity type). */
const workflowLinesOf = (workflowId: string) => linesOf(workflowId).filter((l) => l.activityType === undefined);
/** The SDK writes "Activity started" before any interceptor has seen the activity's headers. */
const afterStart = (l: LogLine) => l.msg !== 'Activity started';

test("a delivery's X-Request-Id is on the API's line and on every line its workflow and dial activity write", async () => {
  const res = await fetch(`${apiUrl}/v1/deliveries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'X-Request-Id': 'req-test-123' },
    body: JSON.stringify({ engagementId: 'trace', contacts: [{ contactId: 'c-1', phones: [{ type: 'mobile', number: '+15550900001' }] }] }),
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-request-id')).toBe('req-test-123');
  const { deliveryId } = (await res.json()) as { deliveryId: string };
  expect(await deliveryViewWhen(apiClient(apiUrl, key), deliveryId)).toMatchObject({ status: 'Complete' });
  const workflowId = deliveryWorkflowId(deliveryId);

  // The SDK writes "Workflow completed" after the last task: wait for it rather than for a fixed time.
  await waitUntil(
    'the workflow to log its completion',
    async () => linesOf(workflowId),
    (lines) => lines.some((l) => l.msg === 'Workflow completed'),
  );
  const lines = linesOf(workflowId);
  const workflowLines = workflowLinesOf(workflowId);
  const dialLines = lines.filter((l) => l.activityType === 'dialNumber');
  expect(workflowLines.map((l) => l.msg)).toEqual(expect.arrayContaining(['Workflow started', 'Workflow completed']));
  expect(workflowLines.filter((l) => l.requestId !== 'req-test-123')).toEqual([]);
  expect(dialLines.map((l) => l.msg)).toContain('Activity completed');
  expect(dialLines.filter((l) => afterStart(l) && l.requestId !== 'req-test-123')).toEqual([]);
  // Every activity the workflow ran carried the id.
  const activityLines = lines.filter((l) => l.activityType !== undefined && afterStart(l));
  expect(activityLines.length).toBeGreaterThan(dialLines.length);
  expect(activityLines.filter((l) => l.requestId !== 'req-test-123')).toEqual([]);

  // In history: the input encrypted by the codec, the id in a plain header beside it.
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
  expect(Buffer.from(started.input!.payloads![0]!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
  expect(requestIdFromHeaders(started.header!.fields as Headers)).toBe('req-test-123');

  expect(apiLines).toContainEqual(expect.objectContaining({ requestId: 'req-test-123', msg: 'request completed' }));
});

test('a malformed X-Request-Id is replaced by a generated one, which the workflow then carries', async () => {
  const res = await fetch(`${apiUrl}/v1/deliveries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'X-Request-Id': 'has spaces in it' },
    body: JSON.stringify({ engagementId: 'trace', contacts: [{ contactId: 'c-2', phones: [{ type: 'mobile', number: '+15550900002' }] }] }),
  });
  expect(res.status).toBe(201);
  const generated = res.headers.get('x-request-id');
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  const { deliveryId } = (await res.json()) as { deliveryId: string };
  const lines = await waitUntil(
    'the workflow to log its completion',
    async () => workflowLinesOf(deliveryWorkflowId(deliveryId)),
    (ls) => ls.some((l) => l.msg === 'Workflow completed'),
  );
  expect(lines.filter((l) => l.requestId !== generated)).toEqual([]);
});

test("an upload's X-Request-Id reaches the deliveries its scheduling workflow starts", async () => {
  const later = laterWindow();
  const res = await fetch(`${apiUrl}/v1/engagements/trace-upload/uploads`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'text/csv', 'X-Request-Id': 'req-test-upload' },
    body: csv(['UniqueIdentifier,MobilePhoneNumber,WindowStart,WindowEnd', `u-1,+15550900101,${later.start},${later.end}`]),
  });
  expect(res.status).toBe(202);
  const { uploadId } = (await res.json()) as { uploadId: string };
  const deliveryId = await waitUntil(
    'the upload to schedule its delivery',
    async () =>
      (
        await database.db
          .selectFrom('deliveries')
          .select(['delivery_id', 'workflow_started_at'])
          .where('upload_id', '=', uploadId)
          .execute()
      )[0],
    (row) => row?.workflow_started_at !== null && row?.workflow_started_at !== undefined,
  );
  const lines = await waitUntil(
    'the delivery workflow to log',
    async () => workflowLinesOf(deliveryWorkflowId(deliveryId!.delivery_id)),
    (ls) => ls.length > 0,
  );
  expect(lines.filter((l) => l.requestId !== 'req-test-upload')).toEqual([]);
  const schedulingLines = workerLines.filter(
    (l) => l.workflowType === 'uploadSchedulingWorkflow' || l.activityType === 'scheduleUploadBatch',
  );
  expect(schedulingLines.length).toBeGreaterThan(0);
  expect(schedulingLines.filter((l) => afterStart(l) && l.requestId !== 'req-test-upload')).toEqual([]);
});

test("a cancel's X-Request-Id is on what the delivery does about it, from the signal on", async () => {
  const created = await fetch(`${apiUrl}/v1/deliveries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'X-Request-Id': 'req-test-created' },
    body: JSON.stringify({
      engagementId: 'trace',
      contacts: [{ contactId: 'c-3', phones: [{ type: 'mobile', number: '+15550900003' }] }],
      windows: [laterWindow()],
    }),
  });
  expect(created.status).toBe(201);
  const { deliveryId } = (await created.json()) as { deliveryId: string };
  const workflowId = deliveryWorkflowId(deliveryId);
  await waitUntil(
    'the delivery to wait for its window',
    async () =>
      (await database.db.selectFrom('deliveries').select('waiting_for').where('delivery_id', '=', deliveryId).executeTakeFirst())
        ?.waiting_for,
    (waiting) => waiting !== null && waiting !== undefined,
  );
  const cancelled = await fetch(`${apiUrl}/v1/deliveries/${deliveryId}/cancel`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${supervisorKey}`, 'Content-Type': 'application/json', 'X-Request-Id': 'req-test-cancel' },
    body: JSON.stringify({ reason: 'tracing' }),
  });
  expect(cancelled.status).toBe(202);
  const lines = await waitUntil(
    'the cancelled workflow to end',
    async () => linesOf(workflowId),
    (ls) => ls.some((l) => l.activityType === undefined && /^Workflow completed/.test(String(l.msg))),
  );
  const cancelAt = lines.findIndex((l) => l.requestId === 'req-test-cancel');
  expect(cancelAt).toBeGreaterThan(0);
  expect(lines.slice(0, cancelAt).filter((l) => afterStart(l) && l.requestId !== 'req-test-created')).toEqual([]);
  const afterCancel = lines.slice(cancelAt).filter(afterStart);
  expect(afterCancel.filter((l) => l.requestId !== 'req-test-cancel')).toEqual([]);
  // The cancellation's bookkeeping (an activity) and the run's end are under the cancel's id.
  expect(afterCancel.some((l) => l.activityType !== undefined)).toBe(true);
  expect(afterCancel.some((l) => l.activityType === undefined && /^Workflow completed/.test(String(l.msg)))).toBe(true);
});

test("a pause's X-Request-Id is on its update's activity lines; the shared dispatcher's own lines carry no request's id", async () => {
  const control = (action: string, requestId: string) =>
    fetch(`${apiUrl}/v1/engagements/trace/${action}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${supervisorKey}`, 'Content-Type': 'application/json', 'X-Request-Id': requestId },
      body: JSON.stringify({ reason: 'tracing' }),
    });
  expect((await control('pause', 'req-test-pause')).status).toBe(200);
  const controlLines = await waitUntil(
    'the pause to be stored',
    async () => workerLines.filter((l) => l.activityType === 'setEngagementControl' && afterStart(l)),
    (ls) => ls.some((l) => l.msg === 'Activity completed'),
  );
  expect(controlLines.filter((l) => l.requestId !== 'req-test-pause')).toEqual([]);
  // The dispatcher was started by the first delivery's activity: it must not wear that request's id.
  const dispatcherLines = workerLines.filter((l) => l.workflowType === 'dispatcherWorkflow' && l.activityType === undefined);
  expect(dispatcherLines.map((l) => l.msg)).toContain('Workflow started');
  expect(dispatcherLines.filter((l) => l.requestId !== undefined)).toEqual([]);
  expect((await control('resume', 'req-test-resume')).status).toBe(200);
});
