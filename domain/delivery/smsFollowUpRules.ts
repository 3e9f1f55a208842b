import { type WindowInput } from './windowInputs';
import type { ChainContact } from './deliveryPlan';
import type { EngagementConfig } from '../engagement';

/** Why no SMS follow-up can be created with this engagement; undefined when one can. */
export function smsFollowUpRefusal(
  engagementId: string,
  engagement: { config: EngagementConfig; state: string } | undefined,
): string | undefined {
  if (!engagement) return `SMS engagement "${engagementId}" does not exist`;
  if (engagement.config.channel !== 'sms') return `engagement "${engagementId}" is not an SMS engagement`;
  if (engagement.state === 'stopped') return `SMS engagement "${engagementId}" is stopped`;
  return undefined;
}

/** The chain of the follow-up: each contact's mobile numbers, contacts without one left out. */
export function smsFollowUpChain(contacts: ChainContact[]): ChainContact[] {
  return contacts.map((c) => ({ ...c, phones: c.phones.filter((p) => p.type === 'mobile') })).filter((c) => c.phones.length > 0);
}

/** The voice delivery's windows still open at `at` (none left: the default 24 hours, applied by newDeliveryPlan). */
export function smsFollowUpWindows(windows: WindowInput[], at: Date): WindowInput[] {
  return windows.filter((w) => Date.parse(w.end) > at.getTime());
}
