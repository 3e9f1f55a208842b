/**
 * The fields a display-number rule sees for one call (spec §5, README "Engagements"): the contact's
 * named fields (state, postal code, country, time zone), the number's (phone type, destination), the
 * contact id, and the delivery's input attributes.
 *
 * Precedence: a named field with a value wins over an input attribute of the same name, compared as
 * rules compare names (ignoring case and surrounding blanks), so "State": "CA" sent as an attribute
 * cannot make a contact of New York look like one of California. A named field the contact lacks
 * leaves a same-named attribute visible, as deliveries that send their location as attributes rely on.
 */
import type { ChainContact, DialTarget } from './deliveryPlan';

const canonicalName = (name: string) => name.normalize('NFC').trim().toLowerCase();
const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';

export function displayNumberFields(
  contact: Pick<ChainContact, 'state' | 'postalCode' | 'country' | 'timeZone'> | undefined,
  target: Pick<DialTarget, 'contactId' | 'phoneType' | 'number'>,
  inputAttributes: Record<string, string>,
): Record<string, string> {
  const candidates: Record<string, string | null | undefined> = {
    state: contact?.state,
    postalCode: contact?.postalCode,
    country: contact?.country,
    timeZone: contact?.timeZone,
    contactId: target.contactId,
    phoneType: target.phoneType,
    destination: target.number,
  };
  const named = Object.fromEntries(Object.entries(candidates).filter((e): e is [string, string] => present(e[1])));
  const shadowed = new Set(Object.keys(named).map(canonicalName));
  const attributes = Object.entries(inputAttributes).filter(([key]) => !shadowed.has(canonicalName(key)));
  return { ...Object.fromEntries(attributes), ...named };
}
