import { z } from 'zod';
import { DELIVERY_FIELD_MAX, MAX_CONTACT_WINDOWS } from '../../domain/delivery/deliveryLimits';
import { jsonStringOr } from './seedShared';
import { inputAttributes, phoneNumber, requiredText, text, windowOrderCheck, windowTimestamp } from './common';

const seedWindow = z
  .object({ Start: windowTimestamp, End: windowTimestamp })
  .refine((w) => windowOrderCheck({ start: w.Start, end: w.End }), { message: 'End must be after Start', path: ['End'] });

/**
 * POST /api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery, fields as in the seed's create-voice-delivery API.
 * Unknown fields are ignored (OData clients add their own), unlike the native API.
 */
export const seedVoiceDeliverySchema = z.object({
  ApiVersion: text(DELIVERY_FIELD_MAX.identifier).optional(),
  ProactiveEngagementConfigId: requiredText(DELIVERY_FIELD_MAX.identifier),
  DestinationPhoneNumber: phoneNumber,
  ContactId: requiredText(DELIVERY_FIELD_MAX.identifier),
  Windows: jsonStringOr(z.array(seedWindow).max(MAX_CONTACT_WINDOWS)).optional(),
  InputAttributes: jsonStringOr(inputAttributes).optional(),
});

export type SeedVoiceDelivery = z.infer<typeof seedVoiceDeliverySchema>;

/** Native request fields (what intake names in its refusals) as the seed client wrote them. */
const SEED_FIELDS: ReadonlyArray<[native: RegExp, seed: string]> = [
  [/^engagementId(?=\.|$)/, 'ProactiveEngagementConfigId'],
  [/^contacts\.0\.contactId(?=\.|$)/, 'ContactId'],
  [/^contacts\.0\.phones\.0\.number(?=\.|$)/, 'DestinationPhoneNumber'],
  [/^windows(?=\.|$)/, 'Windows'],
  [/^inputAttributes(?=\.|$)/, 'InputAttributes'],
];

/** A field path of the native request renamed to the seed field it came from (unchanged if none). */
export function seedFieldPath(nativePath: string): string {
  for (const [native, seed] of SEED_FIELDS) if (native.test(nativePath)) return nativePath.replace(native, seed);
  return nativePath;
}
