/**
 * A worker in its own process, so a test can kill it (SIGKILL) in the middle of a dial.
 * Configured by env: TEMPORAL_ADDRESS, DATABASE_URL, DIALER_URL, SMS_GATEWAY_URL, TEMPORAL_TASK_QUEUE, TEST_WORKFLOW_BUNDLE;
 * optionally DIALER_DEDUPLICATES, DIALER_TIMEOUT_MS and PAYLOAD_CODEC_KEYS (runtime/config.ts), and WORKER_LOG_LEVEL: the
 * product's worker log stream (pino JSON lines on stdout through the SDK's runtime logger) at that level.
 */
import { NativeConnection } from '@temporalio/worker';
import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { createHttpDialerClient } from '../../activities/dialerClient';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { createDb } from '../../db/connect';
import { dialerClientOptions, loadConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';
import { installWorkerRuntime } from '../../runtime/workerRuntime';
import { connectTemporalClient } from '../../temporal/client';
import { AesGcmPayloadCodec } from '../../temporal/payloadCodec';
import { createWorker } from '../../worker';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const logLevel = process.env.WORKER_LOG_LEVEL;
  if (logLevel) installWorkerRuntime({ logger: createLogger(logLevel) });
  const config = loadConfig();
  const payloadCodec = config.payloadCodecKeys ? new AesGcmPayloadCodec(config.payloadCodecKeys) : undefined;
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: env('TEMPORAL_TASK_QUEUE'),
    workflowBundle: { codePath: env('TEST_WORKFLOW_BUNDLE') },
    db: createDb(env('DATABASE_URL'), 3),
    payloadCodec,
    dialer: createHttpDialerClient(env('DIALER_URL'), dialerClientOptions(config)),
    sms: createHttpSmsGatewayClient(env('SMS_GATEWAY_URL')),
    availability: createHttpAvailabilityClient(env('DIALER_URL')),
    temporal: (await connectTemporalClient(env('TEMPORAL_ADDRESS'), 'default', payloadCodec)).client,
    pollIntervalMs: 100,
  });
  console.log('worker ready');
  await worker.run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
