/** The order in which an attempt tries a chain's numbers (spec §3 step 4). */
import type { PhoneType } from './types';

/**
 * Contacts in chain order (the order in which each contactId first appears), and within a contact
 * by the engagement's preferred phone-type order; types missing from `preferredOrder` come last.
 * Stable: numbers that compare equal keep their input order. Returns a new array.
 */
export function orderNumbersForAttempt<T extends { contactId: string; phoneType: PhoneType }>(
  numbers: readonly T[],
  preferredOrder: readonly PhoneType[],
): T[] {
  const contactRank = new Map<string, number>();
  for (const n of numbers) if (!contactRank.has(n.contactId)) contactRank.set(n.contactId, contactRank.size);
  const typeRank = (type: PhoneType): number => {
    const i = preferredOrder.indexOf(type);
    return i < 0 ? preferredOrder.length : i;
  };
  return numbers
    .map((n, index) => ({ n, index, contact: contactRank.get(n.contactId) ?? 0, type: typeRank(n.phoneType) }))
    .sort((a, b) => a.contact - b.contact || a.type - b.type || a.index - b.index)
    .map(({ n }) => n);
}
