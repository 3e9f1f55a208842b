import { rmSync } from 'node:fs';

/**
 * What a bench started (Postgres, a Temporal server, the worker and API processes, servers), stopped
 * in reverse order once: at the end of the run, on an error, or on Ctrl-C / SIGTERM, which would
 * otherwise end the bench's own process and leave the others running.
 */
export class BenchStack {
  private readonly stops: Array<() => Promise<unknown>> = [];
  private stopping: Promise<void> | undefined;

  /** `workDir` (the bench's temporary directory) is removed after everything has stopped. */
  constructor(private readonly workDir?: string) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        console.error(`\n${signal}: stopping what the bench started...`);
        void this.stopAll().then(() => process.exit(130));
      });
  }

  /** Registers how to stop something just started. */
  add(stop: () => Promise<unknown>): void {
    this.stops.push(stop);
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const stop of this.stops.reverse()) await stop().catch((err: unknown) => console.error(String(err)));
      this.stops.length = 0;
      if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
    })();
    return this.stopping;
  }
}
