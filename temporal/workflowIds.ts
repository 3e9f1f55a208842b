/** Workflow ids are derived from domain ids, so a delivery's workflow is found from its DeliveryId alone. */
const DELIVERY_PREFIX = 'delivery-';

export function deliveryWorkflowId(deliveryId: string): string {
  return `${DELIVERY_PREFIX}${deliveryId}`;
}

export function deliveryIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith(DELIVERY_PREFIX) ? workflowId.slice(DELIVERY_PREFIX.length) : undefined;
}

/**
 * One dispatcher per pool and per task queue: two deployments sharing a Temporal namespace (or two
 * test stacks sharing a server) never drive each other's dispatchers.
 */
export function dispatcherWorkflowId(taskQueue: string, poolKey: string): string {
  return `dispatch-${taskQueue}-${poolKey}`;
}

/** One scheduling workflow per CSV upload. */
export function uploadSchedulingWorkflowId(uploadId: string): string {
  return `upload-scheduling-${uploadId}`;
}

/** One reconciler per task queue (workflows/reconciler.ts). */
export function reconcilerWorkflowId(taskQueue: string): string {
  return `reconciler-${taskQueue}`;
}
