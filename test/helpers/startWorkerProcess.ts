import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { spawnUntilReady } from './spawnUntilReady';
import { testWorkflowBundle } from './workflowBundle';

export interface WorkerProcessSettings {
  temporalAddress: string;
  databaseUrl: string;
  /** The simulator: dialer, availability and SMS gateway. */
  simulatorUrl: string;
  taskQueue: string;
  /** More of workerProcess.ts's settings (DIALER_DEDUPLICATES, WORKER_LOG_LEVEL, PAYLOAD_CODEC_KEYS …). */
  env?: Record<string, string>;
  /** Every chunk the worker writes on stdout (its log lines at WORKER_LOG_LEVEL). */
  onStdout?: (chunk: string) => void;
}

/** Starts test/helpers/workerProcess.ts in its own process and resolves once it polls. */
export function startWorkerProcess(settings: WorkerProcessSettings): Promise<ChildProcess> {
  return spawnUntilReady(
    path.join(__dirname, 'workerProcess.ts'),
    {
      ...process.env,
      TEMPORAL_ADDRESS: settings.temporalAddress,
      DATABASE_URL: settings.databaseUrl,
      DIALER_URL: settings.simulatorUrl,
      SMS_GATEWAY_URL: settings.simulatorUrl,
      TEMPORAL_TASK_QUEUE: settings.taskQueue,
      TEST_WORKFLOW_BUNDLE: testWorkflowBundle().codePath,
      ...settings.env,
    },
    (output) => output.includes('worker ready'),
    settings.onStdout,
  );
}
