/**
 * A Pending delivery survives a stop/start of Temporal (the dev server on its SQLite file, as `npm start`
 * runs it) and of the worker, then completes with exactly one call.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { createHttpDialerClient } from '../../activities/dialerClient';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { createDelivery } from '../../api/deliveryService';
import { startTemporalDevServer } from '../../runtime/temporalDevServer';
import { findTemporalCli } from '../../runtime/temporalExecutables';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { insertEngagement } from '../helpers/fixtures';
import { freePort } from '../../runtime/freePort';
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase';
import { testWorkflowBundle } from '../helpers/workflowBundle';
import { createWorker } from '../../worker';
import { eventually } from '../helpers/waiting';

// A missing prerequisite fails the run: a skipped restart test would hide the behaviour it guards.
const cli = findTemporalCli();
if (!cli) throw new Error('the Temporal CLI is missing: run `bash scripts/install-temporal-cli.sh` (npm test runs it as pretest)');
const taskQueue = 'restart-test';

let database: TestDatabase;
let simulator: RunningSimulator;

beforeAll(async () => {
  database = await createTestDatabase();
  simulator = await startSimulator();
  await insertEngagement(database.db, 'cfg-restart');
});
afterAll(async () => {
  await database?.drop();
  await simulator?.close();
});

async function startTemporalAndWorker(dataDir: string, port: number, uiPort: number) {
  const server = await startTemporalDevServer({ cliPath: cli!, dataDir, port, uiPort, namespace: 'default' });
  const connection = await Connection.connect({ address: server.address });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const client = new Client({ connection });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: testWorkflowBundle(),
    db: database.db,
    dialer: createHttpDialerClient(simulator.url),
    sms: createHttpSmsGatewayClient(simulator.url),
    availability: createHttpAvailabilityClient(simulator.url),
    temporal: client,
    pollIntervalMs: 100,
  });
  const run = worker.run();
  return {
    server,
    client,
    stop: async () => {
      worker.shutdown();
      await run;
      await nativeConnection.close();
      await connection.close();
      await server.stop();
    },
  };
}

test('a delivery Pending before a full restart completes after it, with one call', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'engine-restart-'));
  const [port, uiPort] = [await freePort(), await freePort()];
  let running: Awaited<ReturnType<typeof startTemporalAndWorker>> | undefined = await startTemporalAndWorker(dataDir, port, uiPort);
  try {
    const opens = Date.now() + 12_000;
    const { deliveryId } = await createDelivery(
      { db: database.db, temporal: running.client, taskQueue },
      {
        engagementId: 'cfg-restart',
        contacts: [{ contactId: 'c1', phones: [{ type: 'mobile', number: '+15550100001' }] }],
        windows: [{ start: new Date(opens).toISOString(), end: new Date(opens + 3600_000).toISOString() }],
      },
    );
    await running.stop();
    running = undefined;
    const whileDown = await database.db
      .selectFrom('deliveries')
      .select('status')
      .where('delivery_id', '=', deliveryId)
      .executeTakeFirstOrThrow();
    expect(whileDown.status).toBe('Pending');

    running = await startTemporalAndWorker(dataDir, port, uiPort);
    const row = await eventually(
      () => database.db.selectFrom('deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirstOrThrow(),
      (r) => r.status === 'Complete',
      60_000,
    );
    expect(row.result).toBe('CallEnded');
    expect(row.start_date!.getTime()).toBeGreaterThanOrEqual(opens);
    expect(simulator.dialer.callsTo('+15550100001')).toHaveLength(1);
  } finally {
    await running?.stop();
  }
});
