import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import type { DispatcherOptions } from '../../domain/dispatch';
import { createHttpAvailabilityClient } from '../../activities/availabilityClient';
import { createHttpDialerClient, type HttpDialerClientOptions } from '../../activities/dialerClient';
import { resultDestination } from '../../runtime/resultDestination';
import { createHttpSmsGatewayClient } from '../../activities/smsGatewayClient';
import { createApp } from '../../api/app';
import { engineClient } from '../../temporal/client';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { createWorker, type EngineWorker } from '../../worker';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { testWorkflowBundle } from './workflowBundle';

export interface EngineStack {
  apiUrl: string;
  database: TestDatabase;
  simulator: RunningSimulator;
  worker: EngineWorker;
  /** The client the API and activities use (with the payload codec when the stack has one). */
  temporal: Client;
  stop(): Promise<void>;
}

export interface EngineStackOptions {
  dispatcherOptions?: Partial<DispatcherOptions>;
  payloadCodec?: PayloadCodec;
  /** The client the API starts workflows with, made from the stack's (e.g. one whose starts fail on demand). */
  apiTemporal?: (temporal: Client) => Client;
  /** Ask the dialer to push results to the API (signed with this secret); polling stays the fallback. */
  resultDestinationSecret?: string;
  /** The dialer client's AccessToken per engagement. */
  accessTokenFor?: HttpDialerClientOptions['accessTokenFor'];
  /** While results are pushed: how often the dialer is still polled. */
  pushFallbackPollMs?: number;
  /** The console build the API serves (browser tests build their own: console/dist may be rebuilt meanwhile). */
  consoleDist?: string;
}

/** The API, a worker, a private database and the simulator around a given Temporal environment: what `npm start` runs. */
export async function startEngineStack(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  options: EngineStackOptions = {},
): Promise<EngineStack> {
  const namespace = env.namespace ?? 'default';
  // The product's client (codec, request-id interceptor), as the API and the activities build it.
  const temporal = engineClient(env.connection, namespace, options.payloadCodec);
  const database = await createTestDatabase();
  const simulator = await startSimulator();
  // The API's address is known once it listens; the dialer is given it per call, after that.
  let apiUrl = '';
  const secret = options.resultDestinationSecret;
  // The product's own worker set (worker.ts): the same activities, queues and data converter as `npm start`.
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace,
    taskQueue,
    workflowBundle: testWorkflowBundle(),
    payloadCodec: options.payloadCodec,
    db: database.db,
    dialer: createHttpDialerClient(simulator.url, {
      ...(secret ? { resultDestination: { urlFor: (id: string) => resultDestination(apiUrl, secret).urlFor(id) } } : {}),
      ...(options.accessTokenFor ? { accessTokenFor: options.accessTokenFor } : {}),
    }),
    ...(options.pushFallbackPollMs ? { pushFallbackPollMs: options.pushFallbackPollMs } : {}),
    sms: createHttpSmsGatewayClient(simulator.url),
    availability: createHttpAvailabilityClient(simulator.url),
    temporal,
    pollIntervalMs: 100,
    dispatcherOptions: options.dispatcherOptions,
  });
  const workerRun = worker.run();
  const app = createApp({
    db: database.db,
    temporal: options.apiTemporal?.(temporal) ?? temporal,
    taskQueue,
    logger: pino({ level: 'silent' }),
    temporalUi: { url: 'http://ui.test', namespace: 'default' },
    payloadCodec: options.payloadCodec && { codec: options.payloadCodec, namespace, allowedOrigins: ['http://ui.test'] },
    availability: createHttpAvailabilityClient(simulator.url),
    resultDestinationSecret: secret,
    consoleDist: options.consoleDist,
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
      worker.shutdown();
      await workerRun;
      await Promise.all([database.drop(), simulator.close()]);
    },
  };
}
