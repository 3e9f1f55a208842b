import type { WindowInput } from './windowInputs';
import type { Channel } from './deliveryStatus';
import type { EngagementSnapshot } from '../engagement';
import type { PhoneType } from '../phoneTypes';
import { orderNumbersForAttempt } from '../schedule';

export interface ContactPhone {
  type: PhoneType;
  number: string;
}

export interface ChainContact {
  contactId: string;
  timeZone?: string | null;
  phones: ContactPhone[];
  /** Location, as cancellation policies filter on it. */
  country?: string;
  state?: string;
  postalCode?: string;
}

/** Everything a delivery workflow needs, fixed at acceptance: its input never grows. */
export interface DeliveryPlan {
  deliveryId: string;
  conversationId: string;
  channel: Channel;
  windows: WindowInput[];
  contacts: ChainContact[];
  engagement: EngagementSnapshot;
  /** Passed to the dialer as scenario inputs and to SMS text placeholders. */
  inputAttributes: Record<string, string>;
  /** Set on an SMS follow-up: the voice delivery it follows up. */
  parentDeliveryId?: string;
}

/** One number to dial, in the order the attempt tries them. */
export interface DialTarget {
  /** Unique inside the delivery (the same number may belong to two contacts of a chain). */
  numberId: string;
  contactId: string;
  contactIndex: number;
  contactZone: string | null;
  phoneType: PhoneType;
  number: string;
}

/**
 * Contacts in chain order; each contact's numbers in the engagement's phone-type order.
 * Phone types the engagement does not call are left out.
 */
export function dialTargets(contacts: ChainContact[], phoneTypeOrder: PhoneType[]): DialTarget[] {
  const targets = contacts.flatMap((c, contactIndex) =>
    c.phones
      .filter((p) => phoneTypeOrder.includes(p.type))
      .map((p) => ({
        numberId: `${contactIndex}:${p.type}`,
        contactId: c.contactId,
        contactIndex,
        contactZone: c.timeZone ?? null,
        phoneType: p.type,
        number: p.number,
      })),
  );
  return orderNumbersForAttempt(targets, phoneTypeOrder);
}

/**
 * The intent id of one call or message: stable across activity retries and worker restarts, new for
 * every pass over the chain (a pass that placed nothing, e.g. capped, does not count as an attempt
 * but still used its ids).
 */
export function callIntentId(deliveryId: string, pass: number, targetIndex: number): string {
  return `${deliveryId}:p${pass}:n${targetIndex}`;
}
