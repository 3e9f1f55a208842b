import { z } from 'zod';
import { REATTEMPT_REASONS } from '../../domain/callState';
import { CHANNELS } from '../../domain/deliveryStatus';
import { CALL_ORDERS, DIAL_MODES, ENGAGEMENT_TYPES, PRIORITIES, RETRY_PRIORITIES } from '../../domain/engagement';
import { PHONE_TYPES } from '../../domain/phoneTypes';
import { isValidDailyInterval } from '../../domain/schedule';
import { phoneNumber } from './common';

const dailyInterval = z
  .strictObject({ start: z.string(), end: z.string() })
  .refine(isValidDailyInterval, { message: 'quiet hours are "HH:mm" local times (00:00..23:59); start after end crosses midnight' });

const phoneTypeSchedule = z.strictObject({
  type: z.enum(PHONE_TYPES),
  // Required for every phone type called; an explicit [] says "no quiet hours" on purpose.
  quietHours: z.array(dailyInterval).max(10),
});

const displayNumberRule = z.strictObject({
  field: z.string().min(1).max(100),
  condition: z.enum(['equals', 'notEquals', 'startsWith', 'endsWith', 'contains']),
  value: z.string().max(200),
  number: phoneNumber,
});

const displayNumbers = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('queue') }),
  z.strictObject({ mode: z.literal('automated'), numbers: z.array(phoneNumber).min(1).max(100) }),
  z.strictObject({ mode: z.literal('rules'), rules: z.array(displayNumberRule).min(1).max(5, 'at most 5 display-number rules') }),
]);

const reattempts = z.strictObject({
  maxAttempts: z.number().int().min(1).max(10),
  waitSeconds: z.number().int().min(0).max(7 * 24 * 3600),
  reasons: z.array(z.enum(REATTEMPT_REASONS)).default([]),
  retryDispositionCodes: z.array(z.string().min(1).max(100)).max(50).default([]),
  dispositionWaitSeconds: z.number().int().min(0).max(3600).default(120),
  retryPriority: z.enum(RETRY_PRIORITIES).default('same'),
});

const dialModeSettings = z.strictObject({
  previewCountdownSeconds: z.number().int().min(0).max(600).optional(),
  callsPerRepresentative: z.number().int().min(1).max(5).default(1),
  maxConcurrentAiCalls: z.number().int().min(1).max(500).default(10),
  allowOutsideQueueHours: z.boolean().default(false),
});

const pacingRules = z.strictObject({
  abandonmentCapPercent: z.number().min(0.1).max(10).default(3),
  abandonmentWindowHours: z.number().int().min(1).max(720).default(24),
  minimumLiveAnswers: z.number().int().min(1).max(10000).default(20),
  aiFailure: z
    .strictObject({ stop: z.enum(['immediately', 'at-rate']), ratePercent: z.number().min(1).max(5).default(5) })
    .default({ stop: 'at-rate', ratePercent: 5 }),
  maxAverageWaitSeconds: z.number().min(1).max(3600).optional(),
  maxQueueSharePercent: z.number().min(1).max(100).optional(),
});

const dialer = z.strictObject({
  project: z.string().min(1).max(200),
  tenant: z.string().min(1).max(200),
  scenarioPath: z.string().min(1).max(500),
  orchestratorUrl: z.string().min(1).max(500),
});

/** An engagement's settings (spec §2), with the limits of the seed's configuration page. */
export const engagementConfigSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    channel: z.enum(CHANNELS).default('voice'),
    engagementType: z.enum(ENGAGEMENT_TYPES).default('representative'),
    routing: z.strictObject({
      queueId: z.string().min(1).max(200),
      fallbackQueueId: z.string().min(1).max(200).optional(),
      skills: z.array(z.string().min(1).max(100)).max(20).default([]),
      queueDisplayNumber: phoneNumber,
    }),
    dialMode: z.enum(DIAL_MODES).default('progressive'),
    dialModeSettings: dialModeSettings.default({ callsPerRepresentative: 1, maxConcurrentAiCalls: 10, allowOutsideQueueHours: false }),
    priority: z.enum(PRIORITIES).default('Normal'),
    callOrder: z.enum(CALL_ORDERS).default('fifo'),
    displayNumbers: displayNumbers.default({ mode: 'queue' }),
    reattempts: reattempts.default({ maxAttempts: 1, waitSeconds: 0, reasons: [], retryDispositionCodes: [], dispositionWaitSeconds: 120, retryPriority: 'same' }),
    smsFollowUpEngagementId: z.string().min(1).max(200).optional(),
    frequencyLimits: z
      .strictObject({ perDay: z.number().int().min(1).max(100).optional(), perWeek: z.number().int().min(1).max(500).optional() })
      .default({}),
    schedule: z
      .array(phoneTypeSchedule)
      .min(1, 'select at least one phone type')
      .refine((a) => new Set(a.map((s) => s.type)).size === a.length, { message: 'a phone type appears once' }),
    timeZoneMode: z.enum(['contact', 'utc']).default('contact'),
    answeringMachine: z
      .strictObject({ action: z.enum(['hangup', 'voicemail']), voicemailMessage: z.string().max(2000).optional() })
      .refine((a) => a.action !== 'voicemail' || !!a.voicemailMessage, { message: 'a voicemail message is required with action "voicemail"', path: ['voicemailMessage'] })
      .default({ action: 'hangup' }),
    abandonment: z.strictObject({ seconds: z.number().int().min(1).max(60), message: z.string().max(2000) }).default({ seconds: 2, message: 'Sorry, all our representatives are busy. We will call you back.' }),
    pacingRules: pacingRules.default({ abandonmentCapPercent: 3, abandonmentWindowHours: 24, minimumLiveAnswers: 20, aiFailure: { stop: 'at-rate', ratePercent: 5 } }),
    sms: z.strictObject({ senderNumber: phoneNumber, messageText: z.string().min(1).max(1600) }).optional(),
    uniqueIdentifierAttribute: z.string().min(1).max(100).default('ContactId'),
    dialer: dialer.default({ project: 'proactive', tenant: 'Default', scenarioPath: '/scenarios/outbound', orchestratorUrl: 'http://orchestrator.invalid' }),
  })
  .superRefine((e, ctx) => {
    if (e.channel === 'sms' && !e.sms) ctx.addIssue({ code: 'custom', path: ['sms'], message: 'an SMS engagement needs a sender number and a message text' });
    if (e.channel === 'sms' && e.schedule.some((s) => s.type !== 'mobile')) ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'SMS is sent to mobile numbers only' });
    if (e.channel === 'sms' && e.smsFollowUpEngagementId) ctx.addIssue({ code: 'custom', path: ['smsFollowUpEngagementId'], message: 'only voice engagements have an SMS follow-up' });
    if (e.engagementType === 'ai-agent' && e.dialMode !== 'ai-agent') ctx.addIssue({ code: 'custom', path: ['dialMode'], message: 'an AI-led engagement uses the "ai-agent" dial mode' });
  });

export const engagementIdSchema = z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** POST /v1/engagements: the settings plus an optional engagementId (generated when absent). */
export function parseEngagementCreate(body: unknown) {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const { engagementId, ...config } = isObject ? (body as Record<string, unknown>) : { engagementId: undefined };
  const id = engagementId === undefined ? { success: true as const, data: undefined } : engagementIdSchema.safeParse(engagementId);
  const parsed = engagementConfigSchema.safeParse(isObject ? config : body);
  if (!id.success || !parsed.success) {
    const issues = [...(id.success ? [] : id.error.issues.map((i) => ({ ...i, path: ['engagementId', ...i.path] }))), ...(parsed.success ? [] : parsed.error.issues)];
    return { success: false as const, error: new z.ZodError(issues) };
  }
  return { success: true as const, data: { engagementId: id.data, config: parsed.data } };
}
