/**
 * The limits of a delivery request, one set for every way in (native API, seed API, CSV rows):
 * the zod schemas and the CSV row reader are built from these, so a value one path accepts the
 * other accepts too.
 */

/** A chain has 1 to 5 contacts (seed 001, "Configure multiparty (account) engagements"). */
export const MIN_CHAIN_CONTACTS = 1;
export const MAX_CHAIN_CONTACTS = 5;

/** Most characters of each text field of a delivery and its contacts. */
export const DELIVERY_FIELD_MAX = {
  /** engagementId, contactId (CSV UniqueIdentifier), trackingId (CSV ID), first and last names. */
  identifier: 200,
  country: 100,
  state: 100,
  postalCode: 20,
  /** A custom priority given as text (CSV Priority). */
  customPriority: 100,
  attributeName: 100,
  attributeValue: 4000,
} as const;

export type DeliveryField = keyof typeof DELIVERY_FIELD_MAX;

/** A delivery takes at most this many input attributes (a CSV's pass-through columns and Priority). */
export const MAX_INPUT_ATTRIBUTES = 100;

/** At most this many contact windows in one request. */
export const MAX_CONTACT_WINDOWS = 100;

/** The refusal of a text over its limit, worded the same on every path. */
export function tooLongMessage(max: number): string {
  return `has more than ${max} characters`;
}

export function chainTooLongMessage(): string {
  return `at most ${MAX_CHAIN_CONTACTS} contacts in a chain`;
}
