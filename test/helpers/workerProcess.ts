/**
 * A worker in its own process, so a test can kill it (SIGKILL) in the middle of a dial.
 * Configured by env: TEMPORAL_ADDRESS, DATABASE_URL, DIALER_URL, SMS_GATEWAY_URL, TEMPORAL_TASK_QUEUE, TEST_WORKFLOW_BUNDLE;
 * optionally DIALER_DEDUPLICATES and DIALER_TIMEOUT_MS (runtime/config.ts).
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { createHttpDialerClient } from '../../activities/dialerClient';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { createDb } from '../../db/connect';
import { dialerClientOptions, loadConfig } from '../../runtime/config';
import { createWorker } from '../../worker';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    workflowBundle: { codePath: env('TEST_WORKFLOW_BUNDLE') },
    db: createDb(env('DATABASE_URL'), 3),
    dialer: createHttpDialerClient(env('DIALER_URL'), dialerClientOptions(loadConfig())),
    sms: createHttpSmsGatewayClient(env('SMS_GATEWAY_URL')),
    availability: createHttpAvailabilityClient(env('DIALER_URL')),
    temporal: new Client({ connection: await Connection.connect({ address: env('TEMPORAL_ADDRESS') }) }),
    pollIntervalMs: 100,
  });
  console.log('worker ready');
  await worker.run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
