import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createDb, type Db } from '../db/connect';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { migrateToLatest } from '../db/migrator';
import { freePort } from '../runtime/freePort';
import { type RunningSimulator, startSimulator } from '../simulator/server';
import { createLocalEnvironment } from '../test/helpers/temporalEnvironments';
import { BenchStack } from './benchStack';

/**
 * What the benches of the whole engine start alike, each registered on the bench's stack as it
 * starts (so the end, an error or Ctrl-C stops it): a temporary directory, an embedded Postgres with
 * a migrated `bench` database, a local Temporal dev server and the simulator.
 */
export interface BenchServices {
  stack: BenchStack;
  /** Removed once everything has stopped. */
  workDir: string;
  pgPort: number;
  db: Db;
  temporal: TestWorkflowEnvironment;
  simulator: RunningSimulator;
  /** What a worker or API process of the product needs to reach these (worker.ts, api/main.ts). */
  productEnv(taskQueue: string): Record<string, string>;
}

export interface BenchServicesOptions {
  /** The bench's pool of Postgres connections (default 10). */
  dbConnections?: number;
}

export async function startBenchServices(name: string, options: BenchServicesOptions = {}): Promise<BenchServices> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  chmodSync(workDir, 0o755); // embedded Postgres, run as root, works as the `postgres` user
  const stack = new BenchStack(workDir);
  try {
    const pgPort = await freePort();
    const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port: pgPort });
    stack.add(() => pg.stop());
    await pg.createDatabase('bench');
    const db = createDb(pg.url('bench'), options.dbConnections ?? 10);
    stack.add(() => db.destroy());
    await migrateToLatest(db);
    const temporal = await createLocalEnvironment();
    stack.add(() => temporal.teardown());
    const simulator = await startSimulator();
    stack.add(() => simulator.close());
    return {
      stack,
      workDir,
      pgPort,
      db,
      temporal,
      simulator,
      productEnv: (taskQueue) => ({
        TEMPORAL_ADDRESS: temporal.address,
        DATABASE_URL: pg.url('bench'),
        DIALER_URL: simulator.url,
        SMS_GATEWAY_URL: simulator.url,
        AVAILABILITY_URL: simulator.url,
        TEMPORAL_TASK_QUEUE: taskQueue,
      }),
    };
  } catch (err) {
    await stack.stopAll();
    throw err;
  }
}
