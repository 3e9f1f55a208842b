import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { ALL_SEARCH_ATTRIBUTES } from '../temporal/searchAttributes';
import { watchChildExit } from './childExit';

export interface DevServerOptions {
  cliPath: string;
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** The UI's remote codec endpoint (the API's /codec), when payloads are encrypted. */
  codecEndpoint?: string;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  /** SIGTERM to its process group, SIGKILL after `graceMs` (5 s by default); returns at once if it already exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to its process group now (a forced stop). */
  kill(): void;
}

/**
 * Starts `temporal server start-dev` with a SQLite file under dataDir (workflows survive restarts) and
 * our search attributes, in its own process group so shutdown is ours to order. Logs go to dataDir.
 * It never outlives this process (SIGKILL to its group on exit).
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'temporal.log');
  const log = openSync(logFile, 'a');
  const logStart = statSync(logFile).size;
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(options.dataDir, 'temporal.sqlite'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ...ALL_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${TypedSearchAttributes.toMetadataType(k.type)}`]),
  ];
  const child = spawn(options.cliPath, args, { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  // Its own process group: a Ctrl-C to ours does not reach it, so it stops last, after the worker has drained.
  const exit = watchChildExit(child, { group: true });
  const exited = exit.exited.then(() => child.exitCode ?? child.signalCode);
  const address = `127.0.0.1:${options.port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 250))]);
    if (early !== 'running')
      throw new Error(`temporal dev server exited with code ${early}: ${lastLines(logFile, logStart)} (log: ${logFile})`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        exit.kill();
        throw new Error(`temporal dev server did not answer on ${address} within 60 s: ${(err as Error).message}`);
      }
    }
  }

  return {
    address,
    uiUrl: `http://127.0.0.1:${options.uiPort}`,
    process: child,
    stop: (graceMs = 5_000) =>
      exit.stop([
        { signal: 'SIGTERM', waitMs: graceMs },
        { signal: 'SIGKILL', waitMs: 5_000 },
      ]),
    kill: exit.kill,
  };
}

/** What the server wrote to its log since `from`, its last lines: why it exited (a port taken, a locked file). */
function lastLines(logFile: string, from: number): string {
  const written = readFileSync(logFile).subarray(from).toString('utf8');
  const lines = written
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(-3).join(' | ').slice(-1500) || 'it wrote nothing';
}
