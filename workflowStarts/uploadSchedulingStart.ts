import type { Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { uploadSchedulingTaskQueue } from '../temporal/taskQueues';
import { uploadSchedulingWorkflowId } from '../temporal/workflowIds';
import { uploadSchedulingWorkflow } from '../workflows/uploadScheduling';

/** Starts the scheduling workflow of one stored upload; its id is derived from the upload's, so it runs once. */
export async function startUploadScheduling(temporal: Client, deliveriesTaskQueue: string, uploadId: string): Promise<void> {
  await temporal.workflow.start(uploadSchedulingWorkflow, {
    taskQueue: uploadSchedulingTaskQueue(deliveriesTaskQueue),
    workflowId: uploadSchedulingWorkflowId(uploadId),
    args: [{ uploadId }],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
}
