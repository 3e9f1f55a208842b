/** What each channel reaches and how its deliveries end (spec §3, seed 002 results). */
import type { Channel, DeliveryResult } from './deliveryStatus';
import { type PhoneTypeSchedule, phoneTypeOrder } from '../engagement';
import type { PhoneType } from '../phoneTypes';

/**
 * The phone types a delivery tries, in order: voice calls the engagement's scheduled types in their
 * order; SMS goes to mobile numbers only, whatever the schedule lists.
 */
export function reachablePhoneTypes(channel: Channel, schedule: PhoneTypeSchedule[]): PhoneType[] {
  return channel === 'sms' ? ['mobile'] : phoneTypeOrder(schedule);
}

/** The result of a delivery that reached someone, and of one that ended without. */
export const CHANNEL_RESULTS: Record<Channel, { reached: DeliveryResult; unreached: DeliveryResult }> = {
  voice: { reached: 'CallEnded', unreached: 'CallFailed' },
  sms: { reached: 'MessageSent', unreached: 'MessageFailed' },
};

/** Only an unreached voice delivery is followed up by SMS (an SMS delivery is never followed up). */
export function followsUpBySms(channel: Channel, smsFollowUpEngagementId: string | undefined): smsFollowUpEngagementId is string {
  return channel === 'voice' && !!smsFollowUpEngagementId;
}
