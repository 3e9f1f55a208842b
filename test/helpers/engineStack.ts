import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../activities';
import type { DispatcherOptions } from '../../domain/dispatch';
import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { createHttpDialerClient, type HttpDialerClientOptions } from '../../activities/dialerClient';
import { resultDestination } from '../../runtime/resultDestination';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { createApp } from '../../api/app';
import { codecDataConverter } from '../../temporal/payloadCodec';
import { dispatcherTaskQueue, uploadSchedulingTaskQueue } from '../../temporal/taskQueues';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { testWorkflowBundle } from './workflowBundle';

export interface EngineStack {
  apiUrl: string;
  database: TestDatabase;
  simulator: RunningSimulator;
  worker: Worker;
  /** The client the API and activities use (with the payload codec when the stack has one). */
  temporal: Client;
  stop(): Promise<void>;
}

/** The API, a worker, a private database and the simulator around a given Temporal environment: what `npm start` runs. */
export async function startEngineStack(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  options: {
    dispatcherOptions?: Partial<DispatcherOptions>;
    payloadCodec?: PayloadCodec;
    /** Ask the dialer to push results to the API (signed with this secret); polling stays the fallback. */
    resultDestinationSecret?: string;
    /** The dialer client's AccessToken per engagement. */
    accessTokenFor?: HttpDialerClientOptions['accessTokenFor'];
    /** While results are pushed: how often the dialer is still polled. */
    pushFallbackPollMs?: number;
  } = {},
): Promise<EngineStack> {
  const namespace = env.namespace ?? 'default';
  const dataConverter = codecDataConverter(options.payloadCodec);
  const temporal = dataConverter ? new Client({ connection: env.connection, namespace, dataConverter }) : env.client;
  const database = await createTestDatabase();
  const simulator = await startSimulator();
  // The API's address is known once it listens; the dialer is given it per call, after that.
  let apiUrl = '';
  const secret = options.resultDestinationSecret;
  const activities = createActivities({
    db: database.db,
    dialer: createHttpDialerClient(simulator.url, {
      ...(secret ? { resultDestination: { urlFor: (id: string) => resultDestination(apiUrl, secret).urlFor(id) } } : {}),
      ...(options.accessTokenFor ? { accessTokenFor: options.accessTokenFor } : {}),
    }),
    ...(options.pushFallbackPollMs ? { pushFallbackPollMs: options.pushFallbackPollMs } : {}),
    sms: createHttpSmsGatewayClient(simulator.url),
    availability: createHttpAvailabilityClient(simulator.url),
    temporal,
    taskQueue,
    pollIntervalMs: 100,
    dispatcherOptions: options.dispatcherOptions,
  });
  const workerFor = (queue: string) =>
    Worker.create({
      connection: env.nativeConnection,
      namespace,
      taskQueue: queue,
      workflowBundle: testWorkflowBundle(),
      activities,
      dataConverter,
    });
  const worker = await workerFor(taskQueue);
  // CSV upload scheduling and the dispatchers have their own task queues (worker.ts).
  const uploadsWorker = await workerFor(uploadSchedulingTaskQueue(taskQueue));
  const dispatchWorker = await workerFor(dispatcherTaskQueue(taskQueue));
  const workerRun = Promise.all([worker.run(), uploadsWorker.run(), dispatchWorker.run()]);
  const app = createApp({
    db: database.db,
    temporal,
    taskQueue,
    logger: pino({ level: 'silent' }),
    temporalUi: { url: 'http://ui.test', namespace: 'default' },
    payloadCodec: options.payloadCodec && { codec: options.payloadCodec, namespace, allowedOrigins: ['http://ui.test'] },
    resultDestinationSecret: secret,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  apiUrl = `http://127.0.0.1:${port}`;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    database,
    simulator,
    worker,
    temporal,
    stop: async () => {
      await new Promise((r) => server.close(() => r(undefined)));
      for (const w of [worker, uploadsWorker, dispatchWorker]) if (w.getState() === 'RUNNING') w.shutdown();
      await workerRun;
      await Promise.all([database.drop(), simulator.close()]);
    },
  };
}
