import type { WindowInput } from './contactWindows';
import type { Channel } from './deliveryStatus';
import type { EngagementSnapshot } from './engagement';
import type { PhoneType } from './phoneNumbers';

export interface ContactPhone {
  type: PhoneType;
  number: string;
}

export interface ChainContact {
  contactId: string;
  timeZone?: string | null;
  phones: ContactPhone[];
}

/** Everything a delivery workflow needs, fixed at acceptance: its input never grows. */
export interface DeliveryPlan {
  deliveryId: string;
  conversationId: string;
  channel: Channel;
  windows: WindowInput[];
  contacts: ChainContact[];
  engagement: EngagementSnapshot;
}

/** One number to dial, in the order the attempt tries them. */
export interface DialTarget {
  contactId: string;
  phoneType: PhoneType;
  number: string;
}

/** Contacts in chain order; each contact's numbers in the engagement's phone-type order. */
export function dialTargets(contacts: ChainContact[], phoneTypeOrder: PhoneType[]): DialTarget[] {
  const rank = (t: PhoneType) => {
    const i = phoneTypeOrder.indexOf(t);
    return i === -1 ? phoneTypeOrder.length : i;
  };
  return contacts.flatMap((c) =>
    c.phones
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p.type) - rank(b.p.type) || a.i - b.i)
      .map(({ p }) => ({ contactId: c.contactId, phoneType: p.type, number: p.number })),
  );
}

/** The intent id of one call: stable across activity retries and worker restarts. */
export function callIntentId(deliveryId: string, attemptNumber: number, targetIndex: number): string {
  return `${deliveryId}:a${attemptNumber}:n${targetIndex}`;
}
