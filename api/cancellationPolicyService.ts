import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { activePolicies, matchingPolicy, type PolicyRow } from '../db/activePolicies';
import { policyActive, type PolicyFilter, type PolicyTarget } from '../domain/cancellationPolicy';
import { deliveryWorkflowId } from '../domain/workflowIds';
import { cancelDeliverySignal } from '../workflows/deliveryMessages';

export { activePolicies, matchingPolicy, type PolicyRow };

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
export async function createCancellationPolicy(deps: { db: Db; temporal: Client }, policy: NewPolicy): Promise<{ policy: PolicyRow; cancelledDeliveries: number }> {
  const row = await deps.db
    .insertInto('cancellation_policies')
    .values({
      policy_id: randomUUID(),
      engagement_id: policy.engagementId ?? null,
      country: policy.country ?? null,
      state: policy.state ?? null,
      postal_code: policy.postalCode ?? null,
      until: policy.until ?? null,
      comment: policy.comment,
      ended_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const lower = (column: 'c.country' | 'c.state' | 'c.postal_code', value: string) => sql<boolean>`lower(trim(${sql.ref(column)})) = ${value.trim().toLowerCase()}`;
  const matching = await deps.db
    .selectFrom('deliveries as d')
    .innerJoin('delivery_contacts as c', 'c.delivery_id', 'd.delivery_id')
    .select('d.delivery_id')
    .distinct()
    .where('d.status', 'in', ['Pending', 'InProcess'])
    .$if(!!policy.engagementId, (q) => q.where('d.engagement_id', '=', policy.engagementId!))
    .$if(!!policy.country, (q) => q.where(lower('c.country', policy.country!)))
    .$if(!!policy.state, (q) => q.where(lower('c.state', policy.state!)))
    .$if(!!policy.postalCode, (q) => q.where(lower('c.postal_code', policy.postalCode!)))
    .execute();

  let cancelled = 0;
  const queue = [...matching];
  const reason = `cancellation policy: ${policy.comment}`;
  await Promise.all(
    Array.from({ length: SIGNAL_CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await deps.temporal.workflow.getHandle(deliveryWorkflowId(next.delivery_id)).signal(cancelDeliverySignal, { reason, policyId: row.policy_id });
          cancelled += 1;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err; // finished meanwhile
        }
      }
    }),
  );
  const updated = await deps.db
    .updateTable('cancellation_policies')
    .set((eb) => ({ cancelled_count: eb('cancelled_count', '+', cancelled) }))
    .where('policy_id', '=', row.policy_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { policy: updated, cancelledDeliveries: cancelled };
}

/** The active policy (if any) that suppresses a delivery arriving now. */
export async function suppressingPolicy(db: Db, target: PolicyTarget, now: Date): Promise<PolicyRow | undefined> {
  return matchingPolicy(await activePolicies(db, target.engagementId, now), target, now);
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
