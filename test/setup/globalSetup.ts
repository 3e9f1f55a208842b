import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../db/embeddedPostgres';
import { freePort } from '../../runtime/freePort';
import { WORKFLOW_INTERCEPTOR_MODULES } from '../../runtime/workflowBundleCache';

declare global {
  var __TEST_POSTGRES__: EmbeddedPostgresHandle | undefined;
}

/**
 * Once per run: one Postgres server (each test file makes its own database on it) and one workflow bundle.
 * TEST_DATABASE_ADMIN_URL points the suite at an existing server instead (a role allowed to CREATE DATABASE).
 */
export default async function globalSetup(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'engine-test-'));
  chmodSync(tmp, 0o755); // embedded Postgres, run as root, works as the `postgres` user
  process.env.TEST_TMP_DIR = tmp;

  // Postgres starts while the bundle builds: the two take seconds each and share nothing.
  const postgres = process.env.TEST_DATABASE_ADMIN_URL
    ? Promise.resolve(undefined)
    : freePort().then((port) => startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port }));
  const bundle = bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      log: () => undefined,
    },
  });
  const [started, built] = await Promise.allSettled([postgres, bundle]);
  const pg = started.status === 'fulfilled' ? started.value : undefined;
  if (built.status === 'rejected' || started.status === 'rejected') {
    await pg?.stop(); // no teardown runs after a failed setup
    throw built.status === 'rejected' ? built.reason : (started as PromiseRejectedResult).reason;
  }
  const { code } = built.value;
  if (pg) {
    globalThis.__TEST_POSTGRES__ = pg;
    process.env.TEST_DATABASE_ADMIN_URL = pg.url('postgres');
  }
  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  writeFileSync(bundlePath, code);
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
}
