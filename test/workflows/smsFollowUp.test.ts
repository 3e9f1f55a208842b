/**
 * The SMS follow-up of an unreached voice delivery goes through intake like any delivery: an active
 * cancellation policy suppresses it on arrival (stored Cancelled with the policy id, for reporting,
 * linked both ways) and its workflow never starts.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { insertPolicy } from '../../db/cancellationPolicyStore';
import { single, useTimeSkippingHarness } from '../helpers/timeSkippingHarness';

const h = useTimeSkippingHarness('sms-follow-up');

test('an SMS follow-up for a contact an active policy suppresses is stored Cancelled and never scheduled', async () => {
  const smsEngagement = await h.engagement({
    channel: 'sms',
    schedule: [{ type: 'mobile', quietHours: [] }],
    sms: { senderNumber: '+15550319999', messageText: 'We tried to call you.' },
  });
  const voiceEngagement = await h.engagement({
    reattempts: { maxAttempts: 1, waitSeconds: 60, reasons: ['Busy'] },
    smsFollowUpEngagementId: smsEngagement,
  });
  // Scoped to the SMS engagement: the voice delivery itself is not suppressed.
  const policyId = randomUUID();
  await insertPolicy(h.db, { policyId, engagementId: smsEngagement, state: 'il', comment: 'no texts to Illinois' });
  h.simulator.dialer.setNumber('+15550310001', { state: 'Busy' });

  const { deliveryId, outcome } = await h.run({
    engagementId: voiceEngagement,
    contacts: [{ ...single('suppressed-follow-up', '+15550310001'), state: 'IL' }],
  });
  expect(outcome).toMatchObject({ status: 'Complete', result: 'CallFailed' });
  const sms = outcome.followUpDeliveryId!;
  expect(sms).toBeDefined();

  expect((await h.delivery(deliveryId)).follow_up_delivery_id).toBe(sms);
  expect(await h.delivery(sms)).toMatchObject({
    channel: 'sms',
    parent_delivery_id: deliveryId,
    status: 'Cancelled',
    result: 'Cancelled',
    cancelled_by_policy_id: policyId,
    workflow_started_at: null,
  });
  const events = await h.db.selectFrom('delivery_events').select(['seq', 'status', 'detail']).where('delivery_id', '=', sms).execute();
  expect(events).toEqual([{ seq: 0, status: 'Cancelled', detail: `cancelled on arrival by policy ${policyId}: no texts to Illinois` }]);
  await expect(h.handle(sms).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  expect(h.simulator.sms.messagesTo('+15550310001')).toHaveLength(0);
  const policy = await h.db
    .selectFrom('cancellation_policies')
    .select('cancelled_count')
    .where('policy_id', '=', policyId)
    .executeTakeFirstOrThrow();
  expect(policy.cancelled_count).toBe(1);
});

test('without a matching policy the follow-up is created and its workflow started by the activity', async () => {
  const smsEngagement = await h.engagement({
    channel: 'sms',
    schedule: [{ type: 'mobile', quietHours: [] }],
    sms: { senderNumber: '+15550319998', messageText: 'We tried to call you.' },
  });
  const voiceEngagement = await h.engagement({
    reattempts: { maxAttempts: 1, waitSeconds: 60, reasons: ['Busy'] },
    smsFollowUpEngagementId: smsEngagement,
  });
  await insertPolicy(h.db, { policyId: randomUUID(), engagementId: smsEngagement, state: 'NY', comment: 'another state' });
  h.simulator.dialer.setNumber('+15550310002', { state: 'Busy' });

  const { deliveryId, outcome } = await h.run({
    engagementId: voiceEngagement,
    contacts: [{ ...single('sent-follow-up', '+15550310002'), state: 'IL' }],
  });
  const sms = outcome.followUpDeliveryId!;
  expect(await h.result(sms)).toMatchObject({ status: 'Complete', result: 'MessageSent' });
  expect(await h.delivery(sms)).toMatchObject({ parent_delivery_id: deliveryId, cancelled_by_policy_id: null });
  expect((await h.delivery(sms)).workflow_started_at).not.toBeNull();
  expect(h.simulator.sms.messagesTo('+15550310002')).toHaveLength(1);
});
