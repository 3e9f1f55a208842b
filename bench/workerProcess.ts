/**
 * The product's worker (worker.ts) as its own process, as the benches run it: started with the stack's
 * addresses, ready once it logs that its workers are RUNNING, stopped with SIGTERM (it drains and exits).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export interface WorkerProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../worker.ts')], {
    // Its 'Worker state changed … RUNNING' line is logged at INFO.
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    const watch = (chunk: Buffer) => {
      // The SDK's line, as text or as the worker's pino JSON ("state":"RUNNING").
      if (/state\W{1,6}RUNNING/.test(chunk.toString())) resolve();
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    void exited.then(() => reject(new Error('the worker exited before it was ready')));
  });
  return {
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
