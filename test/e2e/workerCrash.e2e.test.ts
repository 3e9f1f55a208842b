/**
 * Exactly-once dialing across a worker crash, on the real Temporal dev server: the worker process is
 * killed (SIGKILL) in the middle of a dial and another one takes over; the simulator sees one call.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDelivery } from '../../api/deliveryService';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { insertEngagement } from '../helpers/fixtures';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { testWorkflowBundle } from '../helpers/workflowBundle';
import { eventually } from '../helpers/waiting';

const taskQueue = 'worker-crash';
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let simulator: RunningSimulator;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  env = await createLocalEnvironment();
  database = await createTestDatabase();
  simulator = await startSimulator();
  await insertEngagement(database.db, 'crash');
});
// No worker of one test may serve the next one.
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => (w.exitCode === null && w.signalCode === null ? killHard(w) : undefined)));
});
afterAll(async () => {
  await Promise.all([database?.drop(), simulator?.close()]);
  await env?.teardown();
});

/** Starts a worker process and resolves once it polls. */
async function startWorkerProcess(): Promise<ChildProcess> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child, and SIGKILL must hit the worker itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../helpers/workerProcess.ts')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      DATABASE_URL: database.url,
      DIALER_URL: simulator.url,
      SMS_GATEWAY_URL: simulator.url,
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEST_WORKFLOW_BUNDLE: testWorkflowBundle().codePath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}): ${output.slice(-2000)}`)));
  });
  return child;
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function finalRow(deliveryId: string) {
  return eventually(
    () => database.db.selectFrom('deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow(),
    (row) => row.status === 'Complete' || row.status === 'Error',
    90_000,
    250,
  );
}

test('killed while the dialer is still answering /v2/call: the next worker asks again with the same ConversationId, one call', async () => {
  simulator.reset();
  simulator.dialer.fault = { responseDelayMs: 4000 };
  const first = await startWorkerProcess();
  const { deliveryId } = await createDelivery(
    { db: database.db, temporal: env.client, taskQueue },
    { engagementId: 'crash', contacts: [{ contactId: 'k1', phones: [{ type: 'mobile', number: '+15550400001' }] }] },
  );
  await eventually(
    async () => simulator.dialer.requestsReceived,
    (n) => n >= 1,
    30_000,
    20,
  );
  await killHard(first);
  const stored = await database.db.selectFrom('calls').select('unique_id').where('delivery_id', '=', deliveryId).execute();
  expect(stored).toEqual([{ unique_id: null }]); // the crash came before the UniqueId was stored

  simulator.dialer.fault = {};
  await startWorkerProcess();
  const row = await finalRow(deliveryId);
  expect(row).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(simulator.dialer.requestsReceived).toBe(2);
  expect(simulator.dialer.callsTo('+15550400001')).toHaveLength(1);
  expect(await database.db.selectFrom('calls').selectAll().where('delivery_id', '=', deliveryId).execute()).toHaveLength(1);
});

test('killed while the call rings (UniqueId stored): the next worker resumes polling, no second request', async () => {
  simulator.reset();
  simulator.dialer.setNumber('+15550400002', { state: 'Answered', ringMs: 8000 });
  const first = await startWorkerProcess();
  const { deliveryId } = await createDelivery(
    { db: database.db, temporal: env.client, taskQueue },
    { engagementId: 'crash', contacts: [{ contactId: 'k2', phones: [{ type: 'mobile', number: '+15550400002' }] }] },
  );
  await eventually(
    () => database.db.selectFrom('calls').select('unique_id').where('delivery_id', '=', deliveryId).execute(),
    (rows) => !!rows[0]?.unique_id,
    30_000,
    20,
  );
  await killHard(first);

  await startWorkerProcess();
  const row = await finalRow(deliveryId);
  expect(row).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(simulator.dialer.requestsReceived).toBe(1);
  expect(simulator.dialer.callsTo('+15550400002')).toHaveLength(1);
});
