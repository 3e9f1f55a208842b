import { DELIVERY_FIELD_MAX as MAX, MAX_INPUT_ATTRIBUTES } from '../../domain/delivery/deliveryLimits';
import type { ChainContact } from '../../domain/delivery/deliveryPlan';
import type { Channel } from '../../domain/delivery/deliveryStatus';
import type { WindowInput } from '../../domain/delivery/windowInputs';
import { type PhoneType, PHONE_TYPES } from '../../domain/phoneTypes';
import type { FieldError } from '../errors';

/** The product's name for each phone type, as its contact objects spell it (camelCase). */
export const PRODUCT_PHONE_FIELDS = {
  mobile: 'mobilePhoneNumber',
  business: 'businessPhoneNumber',
  home: 'homePhoneNumber',
} as const satisfies Record<PhoneType, string>;

/** One recipient of the product's newer APIs, after its fields were read (names as the product writes them). */
export interface SeedContactInput {
  uniqueIdentifier: string;
  timezone?: string;
  country?: string;
  state?: string;
  postalcode?: string;
  mobilePhoneNumber?: string;
  businessPhoneNumber?: string;
  homePhoneNumber?: string;
  inputAttributes?: Record<string, string>;
  windows?: WindowInput[];
}

export const NO_PHONE_MESSAGE = `a contact needs at least one of ${PHONE_TYPES.map((t) => PRODUCT_PHONE_FIELDS[t]).join(', ')}`;

/** The chain member a recipient becomes: its numbers by type, its location for cancellation policies. */
export function nativeContact(c: SeedContactInput): ChainContact {
  const phones = PHONE_TYPES.flatMap((type) => {
    const number = c[PRODUCT_PHONE_FIELDS[type]];
    return number === undefined ? [] : [{ type, number }];
  });
  return {
    contactId: c.uniqueIdentifier,
    ...(c.timezone !== undefined ? { timeZone: c.timezone } : {}),
    ...(c.country !== undefined ? { country: c.country } : {}),
    ...(c.state !== undefined ? { state: c.state } : {}),
    ...(c.postalcode !== undefined ? { postalCode: c.postalcode } : {}),
    phones,
  };
}

/** Where a field problem sits, relative to the request body. */
export type IssuePath = Array<string | number>;
export interface Issue {
  path: IssuePath;
  message: string;
}

/**
 * One delivery carries one set of windows for its whole chain: a contact's own windows replace the
 * request's, and the chain is accepted when every contact ends up with the same ones.
 */
export function chainWindows(
  topLevel: WindowInput[] | undefined,
  contacts: ReadonlyArray<{ windows?: WindowInput[] }>,
  contactPath: (index: number) => IssuePath,
): { windows?: WindowInput[]; issues: Issue[] } {
  const effective = contacts.map((c) => c.windows ?? topLevel);
  const first = JSON.stringify(effective[0] ?? null);
  const issues = effective.flatMap((w, i) =>
    JSON.stringify(w ?? null) === first
      ? []
      : [
          {
            path: [...contactPath(i), 'windows'],
            message: 'differs from the windows of the first contact: windows that differ between the contacts of one chain are not served',
          },
        ],
  );
  return { windows: effective[0], issues };
}

/** The request's attributes and each contact's, merged; one name given two values is refused. */
export function chainAttributes(
  topLevel: Record<string, string> | undefined,
  contacts: ReadonlyArray<{ inputAttributes?: Record<string, string> }>,
  contactPath: (index: number) => IssuePath,
): { inputAttributes?: Record<string, string>; issues: Issue[] } {
  const merged: Record<string, string> = { ...topLevel };
  const issues: Issue[] = [];
  contacts.forEach((c, i) => {
    for (const [name, value] of Object.entries(c.inputAttributes ?? {})) {
      if (name in merged && merged[name] !== value)
        issues.push({
          path: [...contactPath(i), 'inputAttributes', name],
          message: `has another value than earlier in the request: attributes that differ between the contacts of one chain are not served`,
        });
      else merged[name] = value;
    }
  });
  if (Object.keys(merged).length > MAX_INPUT_ATTRIBUTES)
    issues.push({ path: [], message: `at most ${MAX_INPUT_ATTRIBUTES} input attributes in all` });
  const any = topLevel !== undefined || contacts.some((c) => c.inputAttributes !== undefined);
  return { ...(any ? { inputAttributes: merged } : {}), issues };
}

/**
 * What the engagement's channel refuses in a chain: SMS reaches mobile numbers only, and a message
 * text applies to SMS only. Paths name the fields the client sent.
 */
export function channelIssues(
  channel: Channel,
  contacts: readonly ChainContact[],
  phonePath: (contact: number, type: PhoneType) => IssuePath,
  messagePath: IssuePath | undefined,
): Issue[] {
  if (channel === 'voice')
    return messagePath ? [{ path: messagePath, message: 'applies to SMS engagements only; this engagement places voice calls' }] : [];
  return contacts.flatMap((c, i) => {
    const others = c.phones.filter((p) => p.type !== 'mobile');
    if (others.length > 0)
      return others.map((p) => ({ path: phonePath(i, p.type), message: 'an SMS engagement sends to mobile numbers only' }));
    return c.phones.length === 0 ? [{ path: phonePath(i, 'mobile'), message: 'an SMS engagement needs a mobile number' }] : [];
  });
}

/** Issues as the API's field errors. */
export function fieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));
}

/** The text fields a contact of the product's newer APIs may carry, under their limits. */
export const CONTACT_TEXT_MAX = {
  name: MAX.identifier,
  email: MAX.identifier,
  addressLine: MAX.identifier,
  city: MAX.state,
} as const;
