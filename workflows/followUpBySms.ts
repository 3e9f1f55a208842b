import { ParentClosePolicy, proxyActivities, startChild, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryPlan } from '../domain/deliveryPlan';
import { maskPhoneNumber } from '../domain/phoneMasking';
import type { DeliveryOutcome } from './deliveryMessages';
import { deliveryWorkflowId } from '../domain/workflowIds';
import { DeliveryChannelKey, DeliveryStatusKey, EngagementIdKey } from './searchAttributes';

const { createSmsFollowUp } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

/**
 * Step 6 (spec §3): the SMS follow-up of an unreached voice delivery, started as an independent child.
 * The delivery workflow is passed in (not imported) so this module does not import its caller.
 */
export async function followUpBySms(
  plan: DeliveryPlan,
  smsEngagementId: string,
  deliveryWorkflow: (plan: DeliveryPlan) => Promise<DeliveryOutcome>,
): Promise<{ deliveryId?: string; note: string }> {
  const created = await createSmsFollowUp({
    voiceDeliveryId: plan.deliveryId,
    smsDeliveryId: uuid4(),
    conversationId: uuid4(),
    smsEngagementId,
    contacts: plan.contacts,
    windows: plan.windows,
    inputAttributes: plan.inputAttributes,
    at: new Date().toISOString(),
  });
  if (!created.created) return { note: `; no SMS follow-up: ${created.reason}` };
  const sms = created.plan;
  const maskedNumbers = sms.contacts.flatMap((c) => c.phones.map((p) => maskPhoneNumber(p.number)));
  await startChild(deliveryWorkflow, {
    workflowId: deliveryWorkflowId(sms.deliveryId),
    args: [sms],
    taskQueue: workflowInfo().taskQueue,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: [
      { key: DeliveryStatusKey, value: 'Pending' },
      { key: EngagementIdKey, value: sms.engagement.engagementId },
      { key: DeliveryChannelKey, value: 'sms' },
    ],
    memo: { summary: `SMS follow-up of ${plan.deliveryId} to ${maskedNumbers.join(', ')}` },
  });
  return { deliveryId: sms.deliveryId, note: `; SMS follow-up ${sms.deliveryId}` };
}
