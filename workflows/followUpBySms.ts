import { proxyActivities, uuid4 } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryPlan } from '../domain/delivery/deliveryPlan';

const { createSmsFollowUp } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

/**
 * Step 6 (spec §3): the SMS follow-up of an unreached voice delivery. The activity creates it through
 * the one intake service (so an active policy suppresses it like any other delivery) and starts its
 * workflow; the ids are chosen here, deterministically, so a retried activity creates the same one.
 */
export async function followUpBySms(plan: DeliveryPlan, smsEngagementId: string): Promise<{ deliveryId?: string; note: string }> {
  const followUp = await createSmsFollowUp({
    voiceDeliveryId: plan.deliveryId,
    smsDeliveryId: uuid4(),
    conversationId: uuid4(),
    smsEngagementId,
    contacts: plan.contacts,
    windows: plan.windows,
    inputAttributes: plan.inputAttributes,
    at: new Date().toISOString(),
  });
  if (followUp.kind === 'skipped') return { note: `; no SMS follow-up: ${followUp.reason}` };
  if (followUp.kind === 'suppressed') {
    return {
      deliveryId: followUp.deliveryId,
      note: `; SMS follow-up ${followUp.deliveryId} cancelled on arrival by policy ${followUp.policyId}`,
    };
  }
  return { deliveryId: followUp.deliveryId, note: `; SMS follow-up ${followUp.deliveryId}` };
}
