import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where install scripts put the Temporal CLI and the time-skipping test server (outside the clone, reused). */
export function engineCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ENGINE_CACHE_DIR || path.join(os.homedir(), '.cache', 'engagement-engine');
}

function onPath(name: string): string | undefined {
  try {
    const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Temporal CLI (dev server): $TEMPORAL_CLI_PATH, else our cached build (scripts/install-temporal-cli.sh),
 * else `temporal` on PATH. Undefined means "let the SDK download it" (needs internet).
 */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH) {
    if (!existsSync(env.TEMPORAL_CLI_PATH)) throw new Error(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} does not exist`);
    return env.TEMPORAL_CLI_PATH;
  }
  const cached = path.join(engineCacheDir(env), 'bin', 'temporal');
  if (existsSync(cached)) return cached;
  return onPath('temporal');
}

/** The time-skipping test server wrapper: $TEMPORAL_TEST_SERVER_PATH, else our cached one (scripts/install-test-server.sh). */
export function findTestServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_TEST_SERVER_PATH) {
    if (!existsSync(env.TEMPORAL_TEST_SERVER_PATH))
      throw new Error(`TEMPORAL_TEST_SERVER_PATH=${env.TEMPORAL_TEST_SERVER_PATH} does not exist`);
    return env.TEMPORAL_TEST_SERVER_PATH;
  }
  const cached = path.join(engineCacheDir(env), 'temporal-test-server', 'temporal-test-server');
  return existsSync(cached) ? cached : undefined;
}
