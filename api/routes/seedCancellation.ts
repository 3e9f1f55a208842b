import { WorkflowNotFoundError } from '@temporalio/client';
import { queuedDeliveriesMatching } from '../../db/cancellationPolicyStore';
import { isFinalStatus, type DeliveryStatus } from '../../domain/delivery/deliveryStatus';
import { deliveryWorkflowId } from '../../temporal/workflowIds';
import { cancelDeliverySignal } from '../../workflows/deliveryMessages';
import type { AppDeps } from '../appDeps';
import { ApiError } from '../errors';

/** Cancellation signals in flight at once when a whole engagement's queue is cancelled. */
const SIGNAL_CONCURRENCY = 16;

/**
 * The product's cancel actions reach a delivery the way POST /v1/deliveries/:id/cancel does: the
 * cancel signal to its workflow, honoured while queued (a call in progress finishes first). 404 for
 * an unknown id (`field` names the client's parameter), 409 for a delivery already final.
 */
export async function requestDeliveryCancel(deps: AppDeps, deliveryId: string, reason: string, field: string): Promise<{ status: string }> {
  const row = await deps.db
    .selectFrom('deliveries')
    .select(['delivery_id', 'status'])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found', `no delivery "${deliveryId}"`, [{ path: field, message: 'names no delivery' }]);
  if (isFinalStatus(row.status as DeliveryStatus)) throw new ApiError(409, 'already_final', `the delivery is already ${row.status}`);
  try {
    await deps.temporal.workflow.getHandle(deliveryWorkflowId(row.delivery_id)).signal(cancelDeliverySignal, { reason });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new ApiError(409, 'already_final', 'the delivery has already finished');
    throw err;
  }
  return { status: row.status };
}

/**
 * Every queued delivery of an engagement (Pending, or InProcess: its call finishes first), signalled
 * like one cancel each. Returns how many were signalled (those that finished meanwhile are skipped).
 * A batch's delivery whose workflow its scheduling workflow has not started yet is not reached.
 */
export async function cancelQueuedDeliveries(deps: AppDeps, engagementId: string, reason: string): Promise<number> {
  const queue = await queuedDeliveriesMatching(deps.db, { engagementId });
  let cancelled = 0;
  await Promise.all(
    Array.from({ length: SIGNAL_CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await deps.temporal.workflow.getHandle(deliveryWorkflowId(next)).signal(cancelDeliverySignal, { reason });
          cancelled += 1;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }
    }),
  );
  return cancelled;
}
