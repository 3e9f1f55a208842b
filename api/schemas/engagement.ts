import { z } from 'zod';
import { REATTEMPT_REASONS } from '../../domain/callState';
import { CHANNELS } from '../../domain/deliveryStatus';
import { DIAL_MODES } from '../../domain/engagement';
import { PHONE_TYPES } from '../../domain/phoneNumbers';
import { phoneNumber } from './common';

/** An engagement's settings (spec §2); later settings (caps, quiet hours, pacing) extend this object. */
export const engagementConfigSchema = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  channel: z.enum(CHANNELS).default('voice'),
  dialMode: z.enum(DIAL_MODES).default('progressive'),
  routing: z.strictObject({ queueId: z.string().min(1).max(200), queueDisplayNumber: phoneNumber }),
  phoneTypeOrder: z
    .array(z.enum(PHONE_TYPES))
    .min(1)
    .refine((a) => new Set(a).size === a.length, { message: 'phone types must not repeat' })
    .default(['mobile', 'business', 'home']),
  reattempts: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10),
      waitSeconds: z.number().int().min(0).max(7 * 24 * 3600),
      reasons: z.array(z.enum(REATTEMPT_REASONS)).default([]),
      retryDispositionCodes: z.array(z.string().min(1).max(100)).max(50).default([]),
    })
    .default({ maxAttempts: 1, waitSeconds: 0, reasons: [], retryDispositionCodes: [] }),
  dialer: z
    .strictObject({
      project: z.string().min(1).max(200),
      tenant: z.string().min(1).max(200),
      scenarioPath: z.string().min(1).max(500),
      orchestratorUrl: z.string().min(1).max(500),
    })
    .default({ project: 'proactive', tenant: 'Default', scenarioPath: '/scenarios/outbound', orchestratorUrl: 'http://orchestrator.invalid' }),
});

export const engagementCreateSchema = engagementConfigSchema.extend({ engagementId: z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/).optional() });
