import type { ChildProcess } from 'node:child_process';

export interface ChildExit {
  /** Resolves once, when the process has exited (whenever that was: before or after this was created). */
  exited: Promise<void>;
  hasExited(): boolean;
  /**
   * Sends each signal in turn, moving to the next when the process has not exited within its `waitMs`;
   * resolves when it has exited or the last step's wait ran out. Never waits for an exit that already happened.
   */
  stop(steps: StopStep[]): Promise<void>;
  /** SIGKILL now, to the process group too when the child leads one (a forced stop or this process's exit). */
  kill(): void;
}

export interface StopStep {
  signal: NodeJS.Signals;
  waitMs: number;
}

/**
 * Tracks a child's exit from the moment it is spawned. An exit is an event that fires once: a stop that
 * registers its listener after the child died (Ctrl-C signals the whole group, children included) would
 * wait forever, so the exit is recorded here and every stop asks this record first.
 * With `group`, signals go to the child's process group (a `detached` child leads its own), so what it
 * spawned goes with it.
 */
export function watchChildExit(child: ChildProcess, options: { group?: boolean } = {}): ChildExit {
  let done = child.exitCode !== null || child.signalCode !== null;
  const exited = done
    ? Promise.resolve()
    : new Promise<void>((resolve) => {
        const finish = () => {
          done = true;
          resolve();
        };
        child.once('exit', finish);
        // A child that could not be spawned emits 'error' and never 'exit'.
        child.once('error', () => {
          if (child.pid === undefined) finish();
        });
      });
  const signal = (sig: NodeJS.Signals) => {
    if (done || child.pid === undefined) return;
    try {
      if (options.group) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // Already gone (ESRCH) between the check and the signal.
    }
  };
  const kill = () => signal('SIGKILL');
  // Whatever way this process ends, the child must not outlive it (a detached one would hold its ports).
  process.once('exit', kill);
  void exited.then(() => process.removeListener('exit', kill));

  return {
    exited,
    hasExited: () => done,
    kill,
    stop: async (steps) => {
      for (const step of steps) {
        if (done) return;
        signal(step.signal);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise<void>((r) => (timer = setTimeout(r, step.waitMs)))]);
        clearTimeout(timer);
      }
    },
  };
}
