/**
 * Exactly-once dialing across a worker crash, on the real Temporal dev server: the worker process is
 * killed (SIGKILL) in the middle of a dial and another one takes over; the simulator sees one call.
 */
import type { ChildProcess } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDelivery } from '../../api/deliveryService';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { insertEngagement } from '../helpers/fixtures';
import { createLocalEnvironment } from '../helpers/temporalEnvironments';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { startWorkerProcess } from '../helpers/startWorkerProcess';
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

/** Starts a worker process (killed after each test) and resolves once it polls. */
async function startWorker(): Promise<ChildProcess> {
  const child = await startWorkerProcess({
    temporalAddress: env.address,
    databaseUrl: database.url,
    simulatorUrl: simulator.url,
    taskQueue,
  });
  workers.push(child);
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
  const first = await startWorker();
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
  await startWorker();
  const row = await finalRow(deliveryId);
  expect(row).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(simulator.dialer.requestsReceived).toBe(2);
  expect(simulator.dialer.callsTo('+15550400001')).toHaveLength(1);
  expect(await database.db.selectFrom('calls').selectAll().where('delivery_id', '=', deliveryId).execute()).toHaveLength(1);
});

test('killed while the call rings (UniqueId stored): the next worker resumes polling, no second request', async () => {
  simulator.reset();
  simulator.dialer.setNumber('+15550400002', { state: 'Answered', ringMs: 8000 });
  const first = await startWorker();
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

  await startWorker();
  const row = await finalRow(deliveryId);
  expect(row).toMatchObject({ status: 'Complete', result: 'CallEnded' });
  expect(simulator.dialer.requestsReceived).toBe(1);
  expect(simulator.dialer.callsTo('+15550400002')).toHaveLength(1);
});
