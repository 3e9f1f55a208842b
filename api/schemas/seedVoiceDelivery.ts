import { z } from 'zod';
import { inputAttributes, phoneNumber, windowOrderCheck, windowTimestamp } from './common';

const seedWindow = z.object({ Start: windowTimestamp, End: windowTimestamp }).refine((w) => windowOrderCheck({ start: w.Start, end: w.End }), { message: 'End must be after Start', path: ['End'] });

/** Some clients send Windows (and InputAttributes) as a JSON string; both forms are accepted. */
function jsonStringOr<T extends z.ZodType>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is a string but not valid JSON' });
      return z.NEVER;
    }
  }, schema);
}

/**
 * POST /api/data/v9.2/CCaaS_CreateProactiveVoiceDelivery, fields as in the seed's create-voice-delivery API.
 * Unknown fields are ignored (OData clients add their own), unlike the native API.
 */
export const seedVoiceDeliverySchema = z.object({
  ApiVersion: z.string().optional(),
  ProactiveEngagementConfigId: z.string().min(1).max(200),
  DestinationPhoneNumber: phoneNumber,
  ContactId: z.string().min(1).max(200),
  Windows: jsonStringOr(z.array(seedWindow).max(100)).optional(),
  InputAttributes: jsonStringOr(inputAttributes).optional(),
});

export type SeedVoiceDelivery = z.infer<typeof seedVoiceDeliverySchema>;
