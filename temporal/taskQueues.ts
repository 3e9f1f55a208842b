/**
 * Task queues: the deployment names the deliveries' queue (TASK_QUEUE); the other queues are derived
 * from it, so two deployments sharing a namespace never take each other's work.
 */

/** Upload scheduling runs on its own task queue beside the deliveries' (worker.ts says why). */
export function uploadSchedulingTaskQueue(deliveriesTaskQueue: string): string {
  return `${deliveriesTaskQueue}-uploads`;
}

/** Dispatchers (and their activities) run on their own task queue beside the deliveries' (worker.ts says why). */
export function dispatcherTaskQueue(deliveriesTaskQueue: string): string {
  return `${deliveriesTaskQueue}-dispatch`;
}

/**
 * Deliveries started in bulk (a CSV upload's, a bulk request's) run on their own task queue beside the
 * deliveries' queue, which keeps the ones requested one by one: thousands of first tasks queued at
 * once would otherwise hold back a single delivery asked for meanwhile (worker.ts).
 */
export function bulkDeliveriesTaskQueue(deliveriesTaskQueue: string): string {
  return `${deliveriesTaskQueue}-bulk`;
}
