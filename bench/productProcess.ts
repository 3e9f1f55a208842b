/**
 * One of the product's entry points (worker.ts, api/main.ts) as its own process, as the benches run
 * them: started with the stack's addresses, ready once it logs the given line, its memory read from
 * /proc (so a figure is that process's alone), stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface ProductProcess {
  child: ChildProcess;
  /** Resident set now and its peak so far (bytes; NaN once the process is gone). */
  memory(): { rss: number; peakRss: number };
  stop(): Promise<void>;
}

export async function startProductProcess(entry: string, env: Record<string, string>, ready: RegExp): Promise<ProductProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', entry)], {
    // The ready lines are logged at INFO.
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    const watch = (chunk: Buffer) => {
      if (ready.test(chunk.toString())) resolve();
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    void exited.then(() => reject(new Error(`${entry} exited before it was ready`)));
  });
  const statusKb = (field: string) => {
    try {
      const line = readFileSync(`/proc/${child.pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${field}:`));
      return line ? Number(line.replace(/\D+/g, '')) * 1024 : NaN;
    } catch {
      return NaN;
    }
  };
  return {
    child,
    memory: () => ({ rss: statusKb('VmRSS'), peakRss: statusKb('VmHWM') }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
