import { z } from 'zod';
import { PHONE_TYPES } from '../../domain/phoneNumbers';
import { inputAttributes, phoneNumber, timeZone, windowOrderCheck, windowTimestamp } from './common';

const contactPhone = z.strictObject({ type: z.enum(PHONE_TYPES), number: phoneNumber });

const chainContact = z
  .strictObject({
    contactId: z.string().min(1).max(200),
    timeZone: timeZone.optional(),
    country: z.string().min(1).max(100).optional(),
    state: z.string().min(1).max(100).optional(),
    postalCode: z.string().min(1).max(20).optional(),
    phones: z.array(contactPhone).min(1).max(PHONE_TYPES.length),
  })
  .refine((c) => new Set(c.phones.map((p) => p.type)).size === c.phones.length, { message: 'at most one number per phone type', path: ['phones'] });

const contactWindow = z.strictObject({ start: windowTimestamp, end: windowTimestamp }).refine(windowOrderCheck, { message: 'end must be after start', path: ['end'] });

/** POST /v1/deliveries: one delivery to a chain of 1..5 contacts. */
export const deliveryRequestSchema = z.strictObject({
  engagementId: z.string().min(1).max(200),
  contacts: z.array(chainContact).min(1, 'at least one contact').max(5, 'at most 5 contacts in a chain'),
  windows: z.array(contactWindow).max(100).optional(),
  inputAttributes: inputAttributes.optional(),
  trackingId: z.string().max(200).optional(),
  customPriority: z.union([z.number(), z.string().max(100)]).optional(),
});

export type DeliveryRequest = z.infer<typeof deliveryRequestSchema>;
