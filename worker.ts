/**
 * The Temporal worker: runs delivery workflows and their activities.
 * `npm run worker` starts it alone (TEMPORAL_ADDRESS, DATABASE_URL and DIALER_URL required);
 * `npm start` runs it in-process beside the API.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { createHttpDialerClient } from './activities/dialerClient';
import { createHttpSmsGatewayClient } from './activities/smsGatewayClient';
import { createDb } from './db/connect';
import { loadConfig } from './runtime/config';

export interface CreateWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests build it once per run); otherwise workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export async function createWorker(options: CreateWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue, workflowBundle, ...deps } = options;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    activities: createActivities({ ...deps, taskQueue }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: require.resolve('./workflows') }),
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress || !config.databaseUrl || !config.dialerUrl || !config.smsGatewayUrl) {
    throw new Error('TEMPORAL_ADDRESS, DATABASE_URL, DIALER_URL and SMS_GATEWAY_URL must be set (or use `npm start`)');
  }
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  // A client for activities that start workflows (CSV uploads' delivery workflows).
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({ connection: clientConnection, namespace: config.temporalNamespace });
  const db = createDb(config.databaseUrl);
  const worker = await createWorker({ connection, namespace: config.temporalNamespace, taskQueue: config.taskQueue, db, dialer: createHttpDialerClient(config.dialerUrl), sms: createHttpSmsGatewayClient(config.smsGatewayUrl), temporal });
  await worker.run();
  await db.destroy();
  await clientConnection.close();
  await connection.close();
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
