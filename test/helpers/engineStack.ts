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
import { createHttpDialerClient } from '../../activities/dialerClient';
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
  options: { dispatcherOptions?: Partial<DispatcherOptions>; payloadCodec?: PayloadCodec } = {},
): Promise<EngineStack> {
  const namespace = env.namespace ?? 'default';
  const dataConverter = codecDataConverter(options.payloadCodec);
  const temporal = dataConverter ? new Client({ connection: env.connection, namespace, dataConverter }) : env.client;
  const database = await createTestDatabase();
  const simulator = await startSimulator();
  const activities = createActivities({
    db: database.db,
    dialer: createHttpDialerClient(simulator.url),
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
    availability: createHttpAvailabilityClient(simulator.url),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
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
