import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { DeliveryPlan } from '../domain/delivery/deliveryPlan';
import { maskPhoneNumber } from '../domain/phoneMasking';
import { deliveryWorkflowId } from '../temporal/workflowIds';
import { deliveryWorkflow } from '../workflows/delivery';
import { DeliveryChannelKey, DeliveryStatusKey, EngagementIdKey, NextAttemptAtKey } from '../temporal/searchAttributes';

/**
 * Starts a delivery's workflow, whichever way the delivery arrived. Idempotent: a workflow with that
 * id, running or closed, counts as started (the id is rejected for reuse, so a retried start never
 * runs a delivery twice).
 */
export async function startDeliveryWorkflow(temporal: Client, taskQueue: string, plan: DeliveryPlan): Promise<void> {
  const masked = plan.contacts.flatMap((c) => c.phones.map((p) => `${p.type} ${maskPhoneNumber(p.number)}`)).join(', ');
  const what = plan.parentDeliveryId
    ? `SMS follow-up of ${plan.parentDeliveryId}`
    : `${plan.channel} delivery for engagement "${plan.engagement.name}"`;
  try {
    await temporal.workflow.start(deliveryWorkflow, {
      taskQueue,
      workflowId: deliveryWorkflowId(plan.deliveryId),
      args: [plan],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: DeliveryStatusKey, value: 'Pending' },
        { key: EngagementIdKey, value: plan.engagement.engagementId },
        { key: DeliveryChannelKey, value: plan.channel },
        { key: NextAttemptAtKey, value: new Date(plan.windows[0]!.start) },
      ],
      memo: { summary: `${what} to ${plan.contacts.length} contact(s): ${masked}` },
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw err;
  }
}
