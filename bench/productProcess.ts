/**
 * One of the product's entry points (worker.ts, api/main.ts) as its own process, as the benches run
 * them: started with the stack's addresses, ready once it logs the given line, its memory read from
 * /proc (so a figure is that process's alone), stopped with SIGTERM.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnUntilReady } from '../test/helpers/spawnUntilReady';

export interface ProductProcess {
  child: ChildProcess;
  /** Resident set now and its peak so far (bytes; NaN once the process is gone). */
  memory(): { rss: number; peakRss: number };
  stop(): Promise<void>;
}

/** `entry`: a TypeScript file (run through tsx), or node's arguments for a built bundle. */
export async function startProductProcess(
  entry: string | readonly string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<ProductProcess> {
  // The ready lines are logged at INFO.
  const script = typeof entry === 'string' ? path.join(__dirname, '..', entry) : entry;
  const child = await spawnUntilReady(script, { ...process.env, LOG_LEVEL: 'info', ...env }, (output) => ready.test(output));
  const exited = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
  return {
    child,
    memory: () => ({ rss: procStatusBytes(child.pid!, 'VmRSS'), peakRss: procStatusBytes(child.pid!, 'VmHWM') }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A memory field of /proc/<pid>/status in bytes (VmHWM: the kernel's high-water mark); NaN once the process is gone. */
export function procStatusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : NaN;
  } catch {
    return NaN;
  }
}
