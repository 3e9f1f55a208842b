import type { Client, WorkflowHandle } from '@temporalio/client';
import type { DispatcherInput, DispatcherOptions, DispatchPool } from '../domain/dispatch';
import { dispatcherTaskQueue } from '../temporal/taskQueues';
import { dispatcherWorkflowId } from '../temporal/workflowIds';
import { dispatcherWorkflow } from '../workflows/dispatcher';
import { wakeDispatcherSignal } from '../workflows/dispatcherMessages';

/**
 * Makes sure the pool's dispatcher runs, starting it if it does not (first delivery, terminated, a
 * namespace reset). `wake` also signals it out of an idle sleep; without it, a running dispatcher's
 * history gets no event. Returns a handle to the workflow id, not to one run: it continues-as-new.
 */
export async function ensureDispatcher(
  temporal: Client,
  deliveriesTaskQueue: string,
  pool: DispatchPool,
  o: { wake?: boolean; options?: Partial<DispatcherOptions> } = {},
): Promise<WorkflowHandle> {
  const input: DispatcherInput = { pool, ...(o.options ? { options: o.options } : {}) };
  const start = {
    workflowId: dispatcherWorkflowId(deliveriesTaskQueue, pool.poolKey),
    taskQueue: dispatcherTaskQueue(deliveriesTaskQueue),
    args: [input] as [DispatcherInput],
    memo: { summary: `dispatcher of ${pool.poolKey}` },
  };
  if (o.wake) await temporal.workflow.signalWithStart(dispatcherWorkflow, { ...start, signal: wakeDispatcherSignal, signalArgs: [] });
  else await temporal.workflow.start(dispatcherWorkflow, { ...start, workflowIdConflictPolicy: 'USE_EXISTING' });
  return temporal.workflow.getHandle(start.workflowId);
}
