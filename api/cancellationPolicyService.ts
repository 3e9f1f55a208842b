import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../db/connect';
import { countPolicyCancellations, insertPolicy, type PolicyRow, queuedDeliveriesMatching } from '../db/cancellationPolicyStore';
import { policyActive, type PolicyFilter } from '../domain/cancellationPolicy';
import { deliveryWorkflowId } from '../temporal/workflowIds';
import { cancelDeliverySignal } from '../workflows/deliveryMessages';

export type { PolicyRow };

export interface NewPolicy extends PolicyFilter {
  until?: string;
  comment: string;
}

/** How many cancellation signals are in flight at once when a policy is created. */
const SIGNAL_CONCURRENCY = 16;

/**
 * Stores a policy and cancels every matching delivery still queued (Pending, or InProcess: its call in
 * progress finishes first) by signalling its workflow with the policy id.
 */
export async function createCancellationPolicy(
  deps: { db: Db; temporal: Client },
  policy: NewPolicy,
): Promise<{ policy: PolicyRow; cancelledDeliveries: number }> {
  const row = await insertPolicy(deps.db, { ...policy, policyId: randomUUID() });
  const queue = await queuedDeliveriesMatching(deps.db, policy);

  let cancelled = 0;
  const reason = `cancellation policy: ${policy.comment}`;
  await Promise.all(
    Array.from({ length: SIGNAL_CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await deps.temporal.workflow
            .getHandle(deliveryWorkflowId(next))
            .signal(cancelDeliverySignal, { reason, policyId: row.policy_id });
          cancelled += 1;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err; // finished meanwhile
        }
      }
    }),
  );
  const updated = await countPolicyCancellations(deps.db, row.policy_id, cancelled);
  return { policy: updated, cancelledDeliveries: cancelled };
}

export function policyView(p: PolicyRow) {
  return {
    policyId: p.policy_id,
    engagementId: p.engagement_id,
    country: p.country,
    state: p.state,
    postalCode: p.postal_code,
    until: p.until,
    comment: p.comment,
    createdAt: p.created_at,
    endedAt: p.ended_at,
    active: policyActive({ until: p.until, endedAt: p.ended_at }, new Date()),
    cancelledCount: p.cancelled_count,
  };
}
