/**
 * The product's worker (worker.ts) as its own process, as the benches run it: ready once it logs that
 * its workers are RUNNING, stopped with SIGTERM (it drains and exits).
 */
import { type ProductProcess, startProductProcess } from './productProcess';

export type WorkerProcess = ProductProcess;

export function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  // The SDK's line, as text or as the worker's pino JSON ("state":"RUNNING").
  return startProductProcess('worker.ts', env, /state\W{1,6}RUNNING/);
}
