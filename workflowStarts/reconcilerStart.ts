import type { Client } from '@temporalio/client';
import { dispatcherTaskQueue } from '../temporal/taskQueues';
import { reconcilerWorkflowId } from '../temporal/workflowIds';
import { type ReconcilerInput, reconcilerWorkflow } from '../workflows/reconciler';

/**
 * Makes sure the deployment's reconciler runs (started by the worker at start; a running one is kept).
 * It runs on the dispatch queue, beside other long-lived workflows, not behind a campaign's deliveries.
 */
export async function ensureReconciler(temporal: Client, deliveriesTaskQueue: string, input: ReconcilerInput = {}): Promise<void> {
  await temporal.workflow.start(reconcilerWorkflow, {
    workflowId: reconcilerWorkflowId(deliveriesTaskQueue),
    taskQueue: dispatcherTaskQueue(deliveriesTaskQueue),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    memo: { summary: 'reconciles deliveries with their workflows' },
  });
}
