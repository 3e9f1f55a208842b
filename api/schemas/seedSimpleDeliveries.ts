import { z } from 'zod';
import { chainDuplicates } from '../../domain/delivery/chainDuplicates';
import { DELIVERY_FIELD_MAX as MAX } from '../../domain/delivery/deliveryLimits';
import { phoneNumber, requiredText, text, timeZone } from './common';
import { type PhoneType, PHONE_TYPES } from '../../domain/phoneTypes';
import { CONTACT_TEXT_MAX, nativeContact } from './seedContact';
import {
  reportIssues,
  seedInputAttributes,
  seedPriority,
  seedWindows,
  smsMessage,
  type SeedDeliveryRequest,
} from './seedProactiveDelivery';
import { apiVersion } from './seedShared';

/** The Simple API's flat field for each phone type. */
export const SIMPLE_PHONE_FIELDS = {
  mobile: 'MobilePhoneNumber',
  business: 'BusinessPhoneNumber',
  home: 'HomePhoneNumber',
} as const satisfies Record<PhoneType, string>;

/**
 * POST /api/data/v9.2/CCaaS_CreateSimpleProactiveDelivery: one recipient, flat PascalCase fields,
 * Windows and InputAttributes as JSON or serialized strings.
 */
export const seedSimpleDeliverySchema = z
  .object({
    ApiVersion: apiVersion,
    ProactiveEngagementConfigId: requiredText(MAX.identifier),
    UniqueIdentifier: requiredText(MAX.identifier),
    FirstName: requiredText(CONTACT_TEXT_MAX.name),
    LastName: requiredText(CONTACT_TEXT_MAX.name),
    Email: text(CONTACT_TEXT_MAX.email).optional(),
    MobilePhoneNumber: phoneNumber.optional(),
    BusinessPhoneNumber: phoneNumber.optional(),
    HomePhoneNumber: phoneNumber.optional(),
    Country: requiredText(MAX.country).optional(),
    City: text(CONTACT_TEXT_MAX.city).optional(),
    AddressLine: text(CONTACT_TEXT_MAX.addressLine).optional(),
    PostalCode: requiredText(MAX.postalCode).optional(),
    State: requiredText(MAX.state).optional(),
    TimeZone: timeZone.optional(),
    Priority: seedPriority.optional(),
    InputAttributes: seedInputAttributes.optional(),
    Windows: seedWindows.optional(),
  })
  // The product marks MobilePhoneNumber required; a voice recipient reachable at another number is taken too.
  .refine((b) => Object.values(SIMPLE_PHONE_FIELDS).some((f) => b[f] !== undefined), {
    message: `a recipient needs at least one of ${PHONE_TYPES.map((t) => SIMPLE_PHONE_FIELDS[t]).join(', ')}`,
    path: [SIMPLE_PHONE_FIELDS.mobile],
  })
  .transform((b, ctx): SeedDeliveryRequest => {
    const contact = nativeContact({
      uniqueIdentifier: b.UniqueIdentifier,
      timezone: b.TimeZone,
      country: b.Country,
      state: b.State,
      postalcode: b.PostalCode,
      mobilePhoneNumber: b.MobilePhoneNumber,
      businessPhoneNumber: b.BusinessPhoneNumber,
      homePhoneNumber: b.HomePhoneNumber,
    });
    const duplicates = chainDuplicates([contact]).map((d) => ({
      path: [SIMPLE_PHONE_FIELDS[contact.phones[d.phone ?? 0]!.type]],
      message: d.message.replace(/ of contact 1 of the chain$/, ' of this recipient'),
    }));
    if (reportIssues(ctx, duplicates)) return z.NEVER;
    return {
      request: {
        engagementId: b.ProactiveEngagementConfigId,
        contacts: [contact],
        ...(b.Windows ? { windows: b.Windows } : {}),
        ...(b.InputAttributes ? { inputAttributes: b.InputAttributes } : {}),
        ...(b.Priority !== undefined ? { customPriority: b.Priority } : {}),
      },
    };
  });

/**
 * POST /api/data/v9.2/CCaaS_CreateProactiveSMSDelivery (first generation): one number, a required
 * Message, no windows (the next 24 hours). The number is the recipient's contact id, as none is sent.
 */
export const seedSmsDeliverySchema = z
  .object({
    ApiVersion: apiVersion,
    ProactiveEngagementConfigId: requiredText(MAX.identifier),
    DestinationPhoneNumber: phoneNumber,
    Message: smsMessage,
    InputAttributes: seedInputAttributes.optional(),
  })
  .transform((b): SeedDeliveryRequest => ({
    request: {
      engagementId: b.ProactiveEngagementConfigId,
      contacts: [{ contactId: b.DestinationPhoneNumber, phones: [{ type: 'mobile', number: b.DestinationPhoneNumber }] }],
      message: b.Message,
      ...(b.InputAttributes ? { inputAttributes: b.InputAttributes } : {}),
    },
  }));
