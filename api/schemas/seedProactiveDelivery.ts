import { z } from 'zod';
import { chainDuplicates } from '../../domain/delivery/chainDuplicates';
import {
  DELIVERY_FIELD_MAX as MAX,
  MAX_CHAIN_CONTACTS,
  MAX_CONTACT_WINDOWS,
  MIN_CHAIN_CONTACTS,
  chainTooLongMessage,
} from '../../domain/delivery/deliveryLimits';
import type { NewDeliveryRequest } from '../../domain/delivery/newDelivery';
import { ENGAGEMENT_TEXT_MAX } from '../../domain/engagementLimits';
import { inputAttributes, phoneNumber, requiredText, text, timeZone } from './common';
import {
  CONTACT_TEXT_MAX,
  NO_PHONE_MESSAGE,
  PRODUCT_PHONE_FIELDS,
  chainAttributes,
  chainWindows,
  nativeContact,
  type Issue,
} from './seedContact';
import { anyCaseWindow, apiVersion, jsonStringOr, requestId } from './seedShared';

export const seedWindows = jsonStringOr(z.array(anyCaseWindow).max(MAX_CONTACT_WINDOWS));
export const seedInputAttributes = jsonStringOr(inputAttributes);
/** The product sends Priority as a string; a number is taken too. Either feeds the custom call order. */
export const seedPriority = z.union([z.number(), text(MAX.customPriority)]);
export const smsMessage = requiredText(ENGAGEMENT_TEXT_MAX.smsText);

/** A contact of CCaaS_CreateProactiveDelivery: camelCase keys, unknown keys ignored as on the other seed endpoints. */
const seedContact = z
  .object({
    uniqueIdentifier: requiredText(MAX.identifier),
    firstName: requiredText(CONTACT_TEXT_MAX.name),
    lastName: requiredText(CONTACT_TEXT_MAX.name),
    mobilePhoneNumber: phoneNumber.optional(),
    businessPhoneNumber: phoneNumber.optional(),
    homePhoneNumber: phoneNumber.optional(),
    email: text(CONTACT_TEXT_MAX.email).optional(),
    postalcode: requiredText(MAX.postalCode).optional(),
    state: requiredText(MAX.state).optional(),
    country: requiredText(MAX.country).optional(),
    addressline: text(CONTACT_TEXT_MAX.addressLine).optional(),
    city: text(CONTACT_TEXT_MAX.city).optional(),
    timezone: timeZone.optional(),
    inputAttributes: seedInputAttributes.optional(),
    windows: seedWindows.optional(),
  })
  .refine((c) => Object.values(PRODUCT_PHONE_FIELDS).some((f) => c[f] !== undefined), {
    message: NO_PHONE_MESSAGE,
    path: [PRODUCT_PHONE_FIELDS.mobile],
  });

/** A delivery request read from one of the product's APIs: the native request, and the RequestId to deduplicate on. */
export interface SeedDeliveryRequest {
  request: NewDeliveryRequest;
  requestId?: string;
}

/** Adds each issue to the zod context, so the refusal names the client's fields. */
export function reportIssues(ctx: z.core.$RefinementCtx, issues: readonly Issue[]): boolean {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return issues.length > 0;
}

/**
 * POST /api/data/v9.2/CCaaS_CreateProactiveDelivery: a chain of 1..5 contacts, windows at the top
 * level or per contact, Priority, RequestId and (for SMS) Message. PascalCase at the top, camelCase inside.
 */
export const seedProactiveDeliverySchema = z
  .object({
    ApiVersion: apiVersion,
    ProactiveEngagementConfigId: requiredText(MAX.identifier),
    RequestId: requestId.optional(),
    Priority: seedPriority.optional(),
    Contacts: jsonStringOr(
      z.array(seedContact).min(MIN_CHAIN_CONTACTS, 'at least one contact').max(MAX_CHAIN_CONTACTS, chainTooLongMessage()),
    ),
    Windows: seedWindows.optional(),
    // Not in the product's table (its attributes are per contact), taken for clients that send them once.
    InputAttributes: seedInputAttributes.optional(),
    Message: smsMessage.optional(),
  })
  .transform((body, ctx): SeedDeliveryRequest => {
    const contacts = body.Contacts.map(nativeContact);
    const contactPath = (i: number) => ['Contacts', i];
    const duplicates = chainDuplicates(contacts).map((d) => ({
      path: [
        ...contactPath(d.contact),
        d.phone === undefined ? 'uniqueIdentifier' : PRODUCT_PHONE_FIELDS[contacts[d.contact]!.phones[d.phone]!.type],
      ],
      message: d.message,
    }));
    const windows = chainWindows(body.Windows, body.Contacts, contactPath);
    const attributes = chainAttributes(body.InputAttributes, body.Contacts, contactPath);
    if (reportIssues(ctx, [...duplicates, ...windows.issues, ...attributes.issues])) return z.NEVER;
    return {
      request: {
        engagementId: body.ProactiveEngagementConfigId,
        contacts,
        ...(windows.windows ? { windows: windows.windows } : {}),
        ...(attributes.inputAttributes ? { inputAttributes: attributes.inputAttributes } : {}),
        ...(body.RequestId !== undefined ? { trackingId: body.RequestId } : {}),
        ...(body.Priority !== undefined ? { customPriority: body.Priority } : {}),
        ...(body.Message !== undefined ? { message: body.Message } : {}),
      },
      ...(body.RequestId !== undefined ? { requestId: body.RequestId } : {}),
    };
  });
