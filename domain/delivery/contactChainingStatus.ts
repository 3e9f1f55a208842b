import type { ReattemptReason } from '../callState';
import type { PhoneType } from '../phoneTypes';
import { type ChainContact, dialTargets } from './deliveryPlan';

/**
 * The product's delivery task (CCaaS_GetDeliveryTasks) is our delivery: one chain and its reattempts.
 * What the product calls a task's deliveries are our calls, one per number dialled; `seqNo` counts them.
 */

/** The product's name for each phone type in `currentPhoneNumberTypeIdAttempted`. */
export const PRODUCT_PHONE_TYPE_IDS = {
  mobile: 'MobilePhoneNumber',
  business: 'BusinessPhoneNumber',
  home: 'HomePhoneNumber',
} as const satisfies Record<PhoneType, string>;

/** `msdyn_reattempt_rules` of the product's planner: the codes GetDeliveryTasks lists in `reattemptSettings`. */
export const PRODUCT_REATTEMPT_RULE_CODES = {
  NoAnswer: 192360000,
  Busy: 192360001,
  Failed: 192360002,
  AnsweringMachine: 192360003,
} as const satisfies Record<ReattemptReason, number>;

/** One call (or SMS) of the delivery, in the order placed. */
export interface ChainCall {
  attemptNumber: number;
  contactId: string;
  phoneType: PhoneType;
  /** Its result in the product's words (productCallResult for a call); null while in progress. */
  result: string | null;
}

export interface ContactChainingStatus {
  currentLoopNumber: number;
  currentContactIndexAttempted: number | null;
  currentContactIdAttempted: string | null;
  currentPhoneIndexAttempted: number | null;
  currentPhoneNumberTypeIdAttempted: string | null;
  totalContactsInChain: number;
  totalPhonesInCurrentContact: number;
  totalPhonesInChain: number;
  totalEligiblePhonesInChain: number;
  totalEligiblePhonesInCurrentContact: number;
  areLoopsExhausted: boolean;
  isChainExhausted: boolean;
  seqNo: number;
  lastDeliveryResult: string | null;
}

/**
 * A call's result in the product's words, as far as the dialer's state tells it (busy is NoAnswer in
 * the product's latest vocabulary); null while the call is in progress.
 */
export function productCallResult(call: { callState: string | null; answeringMachine: boolean | null }): string | null {
  switch (call.callState) {
    case null:
      return null;
    case 'Answered':
      return call.answeringMachine ? 'AnsweringMachine' : 'LiveAnswer';
    case 'Busy':
    case 'No Answer':
    case 'Rejected':
      return 'NoAnswer';
    case 'Invalid Number':
      return 'InvalidAddress';
    case 'Error':
    case 'Temporarily Unavailable':
      return 'CallFailed';
    default:
      return 'Unknown';
  }
}

/**
 * Where the chain stands after the calls placed so far: the contact and number last tried (in the
 * dial order of the engagement's phone types), the pass over the chain, and whether that pass (and
 * every pass the engagement allows) has tried every number.
 */
export function contactChainingStatus(input: {
  contacts: ChainContact[];
  /** The phone types the delivery's channel and engagement call, in order. */
  phoneTypes: PhoneType[];
  calls: ChainCall[];
  maxAttempts: number;
}): ContactChainingStatus {
  const { contacts, calls } = input;
  const targets = dialTargets(contacts, input.phoneTypes);
  const last = calls.at(-1);
  const contactIndex = last ? contacts.findIndex((c) => c.contactId === last.contactId) : -1;
  const current = contacts[Math.max(contactIndex, 0)];
  const currentTargets = targets.filter((t) => t.contactIndex === Math.max(contactIndex, 0));
  const phoneIndex = last ? currentTargets.findIndex((t) => t.phoneType === last.phoneType) : -1;
  const loop = last?.attemptNumber ?? 0;
  const callsThisLoop = calls.filter((c) => c.attemptNumber === loop).length;
  const isChainExhausted = last !== undefined && callsThisLoop >= targets.length && last.result !== null;
  return {
    currentLoopNumber: loop,
    currentContactIndexAttempted: contactIndex >= 0 ? contactIndex : null,
    currentContactIdAttempted: last?.contactId ?? null,
    currentPhoneIndexAttempted: phoneIndex >= 0 ? phoneIndex : null,
    currentPhoneNumberTypeIdAttempted: last ? PRODUCT_PHONE_TYPE_IDS[last.phoneType] : null,
    totalContactsInChain: contacts.length,
    totalPhonesInCurrentContact: current?.phones.length ?? 0,
    totalPhonesInChain: contacts.reduce((n, c) => n + c.phones.length, 0),
    totalEligiblePhonesInChain: targets.length,
    totalEligiblePhonesInCurrentContact: currentTargets.length,
    areLoopsExhausted: isChainExhausted && loop >= input.maxAttempts,
    isChainExhausted,
    seqNo: calls.length,
    lastDeliveryResult: last?.result ?? null,
  };
}
