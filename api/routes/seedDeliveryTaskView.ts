import type { Db } from '../../db/connect';
import { reachablePhoneTypes } from '../../domain/delivery/channelRules';
import {
  PRODUCT_REATTEMPT_RULE_CODES,
  contactChainingStatus,
  productCallResult,
  type ChainCall,
} from '../../domain/delivery/contactChainingStatus';
import type { ChainContact, ContactPhone } from '../../domain/delivery/deliveryPlan';
import type { Channel } from '../../domain/delivery/deliveryStatus';
import type { EngagementConfig } from '../../domain/engagement';
import type { PhoneType } from '../../domain/phoneTypes';
import type { DeliveryTask } from '../schemas/seedDeliveryTasks';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * One delivery as the product's delivery task: its chain's progress, passes and reattempt settings
 * (from the engagement as it is now), and its calls (or SMS) as the task's deliveries, in order.
 */
export async function loadDeliveryTask(db: Db, deliveryId: string): Promise<DeliveryTask | undefined> {
  const row = await db.selectFrom('deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
  if (!row) return undefined;
  const channel = row.channel as Channel;
  const [contacts, attempts, calls, messages, engagement] = await Promise.all([
    db.selectFrom('delivery_contacts').selectAll().where('delivery_id', '=', deliveryId).orderBy('position').execute(),
    db.selectFrom('attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt_number').execute(),
    db.selectFrom('calls').selectAll().where('delivery_id', '=', deliveryId).orderBy('requested_at').orderBy('call_id').execute(),
    db.selectFrom('messages').selectAll().where('delivery_id', '=', deliveryId).orderBy('requested_at').execute(),
    db.selectFrom('engagements').select('config').where('engagement_id', '=', row.engagement_id).executeTakeFirst(),
  ]);
  const config = engagement?.config as EngagementConfig | undefined;
  const chain: ChainContact[] = contacts.map((c) => ({ contactId: c.contact_id, phones: c.phones as ContactPhone[] }));
  const tried: Array<ChainCall & { id: string; ended: boolean }> =
    channel === 'voice'
      ? calls.map((c) => ({
          id: c.call_id,
          attemptNumber: c.attempt_number,
          contactId: c.contact_id,
          phoneType: c.phone_type as PhoneType,
          result: productCallResult({ callState: c.call_state, answeringMachine: c.answering_machine }),
          ended: c.call_state !== null,
        }))
      : messages.map((m) => ({
          id: m.message_id,
          attemptNumber: m.attempt_number,
          contactId: m.contact_id,
          phoneType: 'mobile' as const,
          result: m.status === 'Sent' ? 'MessageSent' : m.status === 'Failed' ? 'MessageFailed' : null,
          ended: m.status === 'Sent' || m.status === 'Failed',
        }));
  const maxAttempts = config?.reattempts.maxAttempts ?? 1;
  const lastAttempt = attempts.at(-1);
  return {
    deliveryTaskId: row.delivery_id,
    // The product's tenant: one engine is one organisation, which has no id of its own.
    organizationId: null,
    status: row.status,
    retryCount: Math.max(0, attempts.length - 1),
    maxRetryCount: maxAttempts - 1,
    whenCreated: iso(row.created_at)!,
    nextScheduledTime: row.status === 'Pending' ? iso(row.next_attempt_at) : null,
    lastAttemptedTime: iso(lastAttempt?.started_at),
    fallbackAttempted: row.follow_up_delivery_id !== null,
    channelType: channel === 'voice' ? 'Voice' : 'SMS',
    proactiveEngagementConfigId: row.engagement_id,
    expirationDate: iso(row.window_end_date)!,
    // Minutes, the unit of the product's planner setting.
    reattemptDelay: Math.round((config?.reattempts.waitSeconds ?? 0) / 60),
    reattemptSettings: (config?.reattempts.reasons ?? []).map((r) => PRODUCT_REATTEMPT_RULE_CODES[r]),
    contactIds: chain.map((c) => c.contactId),
    requestId: row.tracking_id,
    customerReached: tried.some((t) => t.result === 'LiveAnswer' || t.result === 'MessageSent'),
    // The engine has no callbacks: a representative's callback is never scheduled into a task.
    callbackAttemptCount: 0,
    contactChainingStatus: contactChainingStatus({
      contacts: chain,
      phoneTypes: reachablePhoneTypes(channel, config?.schedule ?? []),
      calls: tried,
      maxAttempts,
    }),
    deliveries: tried.map((t, i) => ({ id: t.id, status: t.ended ? 'Complete' : 'InProcess', result: t.result, seqNo: i + 1 })),
  };
}
