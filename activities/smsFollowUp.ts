import type { Db } from '../db/connect';
import { insertDeliveryRows } from '../db/deliveryRows';
import { deliveryWorkflowId } from '../domain/workflowIds';
import { windowBounds, windowsOrDefault, type WindowInput } from '../domain/contactWindows';
import type { ChainContact, DeliveryPlan } from '../domain/deliveryPlan';
import { type EngagementConfig, snapshotEngagement } from '../domain/engagement';

export interface SmsFollowUpInput {
  voiceDeliveryId: string;
  /** Chosen by the workflow (deterministically), so a retried activity creates the same delivery. */
  smsDeliveryId: string;
  conversationId: string;
  smsEngagementId: string;
  contacts: ChainContact[];
  /** Windows of the voice delivery still open; a 24-hour window from `at` when none is. */
  windows: WindowInput[];
  inputAttributes: Record<string, string>;
  at: string;
}

export type SmsFollowUpResult = { created: true; plan: DeliveryPlan } | { created: false; reason: string };

/**
 * Creates the SMS delivery that follows up an unreached voice delivery, linked both ways:
 * the chain's mobile numbers, the SMS engagement's own settings. Idempotent per smsDeliveryId.
 */
export function createSmsFollowUpActivities(db: Db) {
  return {
    async createSmsFollowUp(input: SmsFollowUpInput): Promise<SmsFollowUpResult> {
      const engagement = await db.selectFrom('engagements').selectAll().where('engagement_id', '=', input.smsEngagementId).executeTakeFirst();
      if (!engagement) return { created: false, reason: `SMS engagement "${input.smsEngagementId}" does not exist` };
      const config = engagement.config as EngagementConfig;
      if (config.channel !== 'sms') return { created: false, reason: `engagement "${input.smsEngagementId}" is not an SMS engagement` };
      if (engagement.state === 'stopped') return { created: false, reason: `SMS engagement "${input.smsEngagementId}" is stopped` };
      const contacts = input.contacts
        .map((c) => ({ ...c, phones: c.phones.filter((p) => p.type === 'mobile') }))
        .filter((c) => c.phones.length > 0);
      if (contacts.length === 0) return { created: false, reason: 'the chain has no mobile number' };

      const at = new Date(input.at);
      const windows = windowsOrDefault(input.windows.filter((w) => Date.parse(w.end) > at.getTime()), at);
      const bounds = windowBounds(windows);
      const plan: DeliveryPlan = {
        deliveryId: input.smsDeliveryId,
        conversationId: input.conversationId,
        channel: 'sms',
        windows,
        contacts,
        engagement: snapshotEngagement(engagement.engagement_id, config),
        inputAttributes: input.inputAttributes,
        parentDeliveryId: input.voiceDeliveryId,
      };
      await db.transaction().execute(async (trx) => {
        const inserted = await insertDeliveryRows(trx, {
          delivery: {
            delivery_id: plan.deliveryId,
            conversation_id: plan.conversationId,
            engagement_id: engagement.engagement_id,
            contact_id: contacts[0]!.contactId,
            channel: 'sms',
            status: 'Pending',
            queue_id: config.routing.queueId,
            to_address: contacts[0]!.phones[0]!.number,
            from_address: config.sms?.senderNumber ?? null,
            window_start_date: bounds.start,
            window_end_date: bounds.end,
            windows: JSON.stringify(windows),
            workflow_id: deliveryWorkflowId(plan.deliveryId),
            parent_delivery_id: input.voiceDeliveryId,
            created_at: at,
            updated_at: at,
          },
          contacts,
          inputAttributes: input.inputAttributes,
          firstEvent: { status: 'Pending', detail: `SMS follow-up of voice delivery ${input.voiceDeliveryId}` },
        });
        if (inserted) await trx.updateTable('deliveries').set({ follow_up_delivery_id: plan.deliveryId, updated_at: at }).where('delivery_id', '=', input.voiceDeliveryId).execute();
      });
      return { created: true, plan };
    },
  };
}
