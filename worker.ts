/**
 * The Temporal worker: runs delivery and dispatcher workflows and their activities.
 * `npm run worker` starts it alone (TEMPORAL_ADDRESS, DATABASE_URL, DIALER_URL, SMS_GATEWAY_URL required;
 * AVAILABILITY_URL defaults to DIALER_URL);
 * `npm start` runs it in-process beside the API.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { createHttpAvailabilityClient } from './activities/availabilityClient';
import { createHttpDialerClient } from './activities/dialerClient';
import { createHttpSmsGatewayClient } from './activities/smsGatewayClient';
import { createDb } from './db/connect';
import { loadConfig } from './runtime/config';

export interface CreateWorkerOptions extends Omit<ActivityDeps, 'taskQueue'> {
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
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const db = createDb(config.databaseUrl);
  const worker = await createWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    db,
    dialer: createHttpDialerClient(config.dialerUrl),
    sms: createHttpSmsGatewayClient(config.smsGatewayUrl),
    availability: createHttpAvailabilityClient(config.availabilityUrl ?? config.dialerUrl),
    temporal: new Client({ connection: clientConnection, namespace: config.temporalNamespace }),
  });
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
