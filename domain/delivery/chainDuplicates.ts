/**
 * A chain calls each contact once and each number once: a contact id or a number that appears twice
 * would be dialled twice in one attempt (and a contact id twice makes the contact upsert ambiguous).
 */
export interface ChainDuplicate {
  /** Index of the later contact, and of its phone when the duplicate is a number. */
  contact: number;
  phone?: number;
  message: string;
}

export interface ChainMember {
  contactId: string;
  phones: ReadonlyArray<{ number: string }>;
}

/** Every later occurrence of a contact id or a number already seen earlier in the chain (numbers as given: E.164 after intake). */
export function chainDuplicates(contacts: readonly ChainMember[]): ChainDuplicate[] {
  const duplicates: ChainDuplicate[] = [];
  const ids = new Map<string, number>();
  const numbers = new Map<string, number>();
  contacts.forEach((contact, c) => {
    const earlier = ids.get(contact.contactId);
    if (earlier !== undefined)
      duplicates.push({
        contact: c,
        message: `contact id "${contact.contactId.slice(0, 40)}" is also contact ${earlier + 1} of the chain`,
      });
    else ids.set(contact.contactId, c);
    contact.phones.forEach((phone, p) => {
      const first = numbers.get(phone.number);
      if (first !== undefined)
        duplicates.push({ contact: c, phone: p, message: `${phone.number} is also a number of contact ${first + 1} of the chain` });
      else numbers.set(phone.number, c);
    });
  });
  return duplicates;
}
