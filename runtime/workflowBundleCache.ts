import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

const ROOT = path.resolve(__dirname, '..');
/**
 * The workflow interceptor modules, built into every bundle (the worker always runs a prebuilt bundle,
 * and the SDK ignores WorkerOptions.interceptors.workflowModules then): the request id's.
 */
export const WORKFLOW_INTERCEPTOR_MODULES = [require.resolve('../workflows/requestIdInterceptors')];
/** Everything workflow code may import (workflows import domain rules and temporal ids), and the locked dependencies. */
const SOURCE_DIRS = ['workflows', 'domain', 'temporal', 'activities'];
const LOCK_FILES = ['package-lock.json', 'tsconfig.json'];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
    });
}

/** A hash of the workflow sources and what they are built with: a changed file means a new bundle. */
export function workflowSourcesHash(root = ROOT): string {
  const hash = createHash('sha256');
  const files = [...SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(root, d))), ...LOCK_FILES.map((f) => path.join(root, f))];
  for (const file of files) {
    if (!existsSync(file)) continue;
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The workflow bundle, built once per version of the sources and kept on disk: a restarted worker reads
 * it (milliseconds) instead of bundling again (5-14 s). WORKFLOW_BUNDLE_DIR moves the cache (default:
 * the system temp dir).
 */
export async function cachedWorkflowBundle(
  dir = process.env.WORKFLOW_BUNDLE_DIR || path.join(os.tmpdir(), 'engagement-engine-bundles'),
): Promise<{ codePath: string }> {
  const codePath = path.join(dir, `workflows-${workflowSourcesHash()}.js`);
  if (existsSync(codePath)) return { codePath };
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: quietLogger,
  });
  mkdirSync(dir, { recursive: true });
  // Written aside, then renamed: two workers starting at once never read half a file.
  const partial = `${codePath}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, codePath);
  return { codePath };
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
