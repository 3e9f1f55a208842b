/**
 * The Temporal worker: runs delivery and dispatcher workflows and their activities.
 * `npm run worker` starts it alone (TEMPORAL_ADDRESS, DATABASE_URL, DIALER_URL, SMS_GATEWAY_URL required;
 * AVAILABILITY_URL defaults to DIALER_URL);
 * `npm start` runs it in-process beside the API.
 */
import type { PayloadCodec } from '@temporalio/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { createHttpAvailabilityClient } from './activities/availabilityClient';
import { requestIdActivityInterceptors } from './activities/requestIdInterceptors';
import { createHttpDialerClient } from './activities/dialerClient';
import { createHttpSmsGatewayClient } from './activities/smsGatewayClient';
import { createDb } from './db/connect';
import { bulkDeliveriesTaskQueue, dispatcherTaskQueue, uploadSchedulingTaskQueue } from './temporal/taskQueues';
import { dialerClientOptions, loadConfig } from './runtime/config';
import { cachedWorkflowBundle } from './runtime/workflowBundleCache';
import { createLogger } from './runtime/logger';
import { createWorkerMetrics, serveWorkerMetrics, type WorkerMetrics } from './runtime/workerMetrics';
import { installWorkerRuntime } from './runtime/workerRuntime';
import { connectTemporalClient } from './temporal/client';
import { AesGcmPayloadCodec, codecDataConverter } from './temporal/payloadCodec';
import { ensureReconciler } from './workflowStarts/reconcilerStart';

export interface CreateWorkerOptions extends Omit<ActivityDeps, 'taskQueue'> {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests build it once per run); otherwise the cached bundle of these sources (built once). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Encrypts what the workflows send to Temporal (PAYLOAD_CODEC_KEYS); the clients must use the same keys. */
  payloadCodec?: PayloadCodec;
  /** Per-engagement call counters (runtime/workerMetrics.ts), counted by an activity interceptor. */
  metrics?: WorkerMetrics;
  /** Delivery workflows kept in memory between tasks (WORKER_MAX_CACHED_WORKFLOWS); the SDK's heap-based default otherwise. */
  maxCachedWorkflows?: number;
}

/**
 * The upload-scheduling and dispatcher queues run one workflow per upload or pool: a small cache
 * keeps them all, so the memory goes to the deliveries' cache.
 */
const SMALL_QUEUE_CACHE = 50;

/**
 * Four workers on one connection: the task queue of deliveries requested one by one, its `-bulk`
 * queue for the deliveries of CSV uploads and bulk requests, its `-uploads` queue for the upload
 * scheduling workflows and its `-dispatch` queue for the dispatchers. A large intake starts
 * deliveries faster than they take their first step; on one shared queue, a single delivery asked
 * for meanwhile, a scheduler's or a dispatcher's next task would wait behind all of them (measured:
 * minutes behind a 16,000-delivery upload on two cores).
 */
export interface EngineWorker {
  run(): Promise<void>;
  shutdown(): void;
  getState(): ReturnType<Worker['getState']>;
}

export async function createWorker(options: CreateWorkerOptions): Promise<EngineWorker> {
  const { connection, namespace, taskQueue, workflowBundle, payloadCodec, metrics, maxCachedWorkflows, ...deps } = options;
  // Activities start workflows on the deliveries' queue, whichever queue runs them.
  const activities = createActivities({ ...deps, taskQueue });
  const bundle = workflowBundle ?? (await cachedWorkflowBundle());
  const deliveryQueues = [taskQueue, bulkDeliveriesTaskQueue(taskQueue)];
  const queues = [...deliveryQueues, uploadSchedulingTaskQueue(taskQueue), dispatcherTaskQueue(taskQueue)];
  const workers = await Promise.all(
    queues.map((queue) =>
      Worker.create({
        connection,
        namespace,
        taskQueue: queue,
        activities,
        workflowBundle: bundle,
        dataConverter: codecDataConverter(payloadCodec),
        // The workflow interceptors (request id) are built into the bundle (runtime/workflowBundleCache.ts).
        interceptors: { activity: [requestIdActivityInterceptors, ...(metrics ? [metrics.interceptor] : [])] },
        ...(deliveryQueues.includes(queue)
          ? maxCachedWorkflows !== undefined && { maxCachedWorkflows }
          : maxCachedWorkflows !== undefined && { maxCachedWorkflows: Math.min(SMALL_QUEUE_CACHE, maxCachedWorkflows) }),
      }),
    ),
  );
  return {
    run: async () => {
      await Promise.all(workers.map((w) => w.run()));
    },
    shutdown: () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown()),
    getState: () => workers[0]!.getState(),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.temporalAddress || !config.databaseUrl || !config.dialerUrl || !config.smsGatewayUrl) {
    throw new Error('TEMPORAL_ADDRESS, DATABASE_URL, DIALER_URL and SMS_GATEWAY_URL must be set (or use `npm start`)');
  }
  // Before the first connection: the SDK's logs as pino JSON, its worker metrics for Prometheus.
  // `off` turns either metrics endpoint off (e.g. a second worker on the same host).
  const sdkMetrics = process.env.TEMPORAL_METRICS_ADDRESS ?? '0.0.0.0:9465';
  installWorkerRuntime({ logger: createLogger(), metricsBindAddress: sdkMetrics === 'off' ? undefined : sdkMetrics });
  const metrics = createWorkerMetrics();
  const metricsPort = process.env.WORKER_METRICS_PORT ?? '9464';
  const metricsServer = metricsPort === 'off' ? undefined : await serveWorkerMetrics(metrics.registry, Number(metricsPort));
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const payloadCodec = config.payloadCodecKeys ? new AesGcmPayloadCodec(config.payloadCodecKeys) : undefined;
  // A client for activities that start or signal workflows (dispatch, CSV uploads' deliveries).
  const { client: temporal, connection: clientConnection } = await connectTemporalClient(
    config.temporalAddress,
    config.temporalNamespace,
    payloadCodec,
  );
  const db = createDb(config.databaseUrl);
  const worker = await createWorker({
    connection,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    db,
    pushFallbackPollMs: config.pushFallbackPollMs,
    dialer: createHttpDialerClient(config.dialerUrl, dialerClientOptions(config)),
    sms: createHttpSmsGatewayClient(config.smsGatewayUrl),
    availability: createHttpAvailabilityClient(config.availabilityUrl ?? config.dialerUrl),
    temporal,
    payloadCodec,
    metrics,
    maxCachedWorkflows: config.workerMaxCachedWorkflows,
  });
  const run = worker.run();
  // Every worker makes sure the one reconciler runs; a running one is kept.
  await ensureReconciler(temporal, config.taskQueue);
  await run;
  await db.destroy();
  await metricsServer?.close();
  await clientConnection.close();
  await connection.close();
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
