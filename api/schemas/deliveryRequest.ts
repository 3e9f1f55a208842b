import { z } from 'zod';
import { chainDuplicates } from '../../domain/delivery/chainDuplicates';
import {
  DELIVERY_FIELD_MAX as MAX,
  MAX_CHAIN_CONTACTS,
  MAX_CONTACT_WINDOWS,
  MIN_CHAIN_CONTACTS,
  chainTooLongMessage,
} from '../../domain/delivery/deliveryLimits';
import { PHONE_TYPES } from '../../domain/phoneNumbers';
import { inputAttributes, phoneNumber, requiredText, text, timeZone, windowOrderCheck, windowTimestamp } from './common';

const contactPhone = z.strictObject({ type: z.enum(PHONE_TYPES), number: phoneNumber });

const chainContact = z
  .strictObject({
    contactId: requiredText(MAX.identifier),
    timeZone: timeZone.optional(),
    country: requiredText(MAX.country).optional(),
    state: requiredText(MAX.state).optional(),
    postalCode: requiredText(MAX.postalCode).optional(),
    phones: z.array(contactPhone).min(1).max(PHONE_TYPES.length),
  })
  .refine((c) => new Set(c.phones.map((p) => p.type)).size === c.phones.length, {
    message: 'at most one number per phone type',
    path: ['phones'],
  });

const contactWindow = z
  .strictObject({ start: windowTimestamp, end: windowTimestamp })
  .refine(windowOrderCheck, { message: 'end must be after start', path: ['end'] });

/** POST /v1/deliveries: one delivery to a chain of 1..5 contacts. */
export const deliveryRequestSchema = z.strictObject({
  engagementId: requiredText(MAX.identifier),
  contacts: z
    .array(chainContact)
    .min(MIN_CHAIN_CONTACTS, 'at least one contact')
    .max(MAX_CHAIN_CONTACTS, chainTooLongMessage())
    .superRefine((contacts, ctx) => {
      for (const d of chainDuplicates(contacts)) {
        const path = d.phone === undefined ? [d.contact, 'contactId'] : [d.contact, 'phones', d.phone, 'number'];
        ctx.addIssue({ code: 'custom', path, message: d.message });
      }
    }),
  windows: z.array(contactWindow).max(MAX_CONTACT_WINDOWS).optional(),
  inputAttributes: inputAttributes.optional(),
  trackingId: text(MAX.identifier).optional(),
  customPriority: z.union([z.number(), text(MAX.customPriority)]).optional(),
});

export type DeliveryRequest = z.infer<typeof deliveryRequestSchema>;
