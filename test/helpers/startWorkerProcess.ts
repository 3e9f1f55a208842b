import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
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

/**
 * Starts test/helpers/workerProcess.ts in its own process and resolves once it polls; rejects with the
 * end of its output if it exits first. `node --import tsx`, not the tsx CLI: the CLI runs the script in
 * a child, and a test's SIGKILL must hit the worker itself.
 */
export async function startWorkerProcess(settings: WorkerProcessSettings): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'workerProcess.ts')], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: settings.temporalAddress,
      DATABASE_URL: settings.databaseUrl,
      DIALER_URL: settings.simulatorUrl,
      SMS_GATEWAY_URL: settings.simulatorUrl,
      TEMPORAL_TASK_QUEUE: settings.taskQueue,
      TEST_WORKFLOW_BUNDLE: testWorkflowBundle().codePath,
      ...settings.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      settings.onStdout?.(chunk.toString());
      output += chunk.toString();
      if (output.includes('worker ready')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`worker process exited (${code}): ${output.slice(-2000)}`)));
  });
  return child;
}
