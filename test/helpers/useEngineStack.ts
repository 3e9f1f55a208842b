import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { roleKeys, type RoleKeys } from './engineApi';
import { type EngineStack, type EngineStackOptions, startEngineStack } from './engineStack';
import { createLocalEnvironment } from './temporalEnvironments';

export interface EngineStackContext {
  env: TestWorkflowEnvironment;
  stack: EngineStack;
  keys: RoleKeys;
}

/**
 * Registers the jest hooks of an e2e file: a Temporal dev server, the engine's stack around it (API,
 * worker, database, simulator) and a key per role, for the whole file; `setup` then seeds what the
 * file needs. The returned object is filled in before the first test.
 */
export function useEngineStack(
  taskQueue: string,
  options: EngineStackOptions = {},
  setup?: (context: EngineStackContext) => Promise<void>,
): EngineStackContext {
  const context = {} as EngineStackContext;
  beforeAll(async () => {
    context.env = await createLocalEnvironment();
    context.stack = await startEngineStack(context.env, taskQueue, options);
    context.keys = await roleKeys(context.stack.database.db);
    await setup?.(context);
  }, 120_000);
  afterAll(async () => {
    await context.stack?.stop();
    await context.env?.teardown();
  });
  return context;
}
