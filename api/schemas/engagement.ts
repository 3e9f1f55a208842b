import { z } from 'zod';
import { REATTEMPT_REASONS } from '../../domain/callState';
import { CHANNELS } from '../../domain/delivery/deliveryStatus';
import {
  DISPLAY_NUMBER_CONDITIONS,
  DISPLAY_NUMBER_RULE_TEXT_MAX,
  MAX_AUTOMATED_DISPLAY_NUMBERS,
  MAX_DISPLAY_NUMBER_RULES,
} from '../../domain/displayNumbers/types';
import {
  AI_FAILURE_STOPS,
  ANSWERING_MACHINE_ACTIONS,
  CALL_ORDERS,
  DIAL_MODES,
  ENGAGEMENT_TYPES,
  PRIORITIES,
  RETRY_PRIORITIES,
  TIME_ZONE_MODES,
} from '../../domain/engagement';
import { DEFAULT_ENGAGEMENT_SETTINGS as DEFAULTS } from '../../domain/engagementDefaults';
import {
  ABANDONMENT_SECONDS,
  DIAL_MODE_LIMITS,
  ENGAGEMENT_LIST_MAX,
  ENGAGEMENT_TEXT_MAX as TEXT,
  FREQUENCY_LIMITS,
  PACING_LIMITS as PACING,
  REATTEMPT_LIMITS,
} from '../../domain/engagementLimits';
import { PHONE_TYPES } from '../../domain/phoneTypes';
import { isValidDailyInterval } from '../../domain/schedule';
import { intIn, numberIn, phoneNumber, requiredText, storableText, text } from './common';

/** A fresh copy of a domain default for each parse, so no parsed engagement shares (or mutates) the constant. */
const fresh =
  <T>(value: T) =>
  (): T =>
    structuredClone(value);

const dailyInterval = z
  .strictObject({ start: storableText, end: storableText })
  .refine(isValidDailyInterval, { message: 'quiet hours are "HH:mm" local times (00:00..23:59); start after end crosses midnight' });

const phoneTypeSchedule = z.strictObject({
  type: z.enum(PHONE_TYPES),
  // Required for every phone type called; an explicit [] says "no quiet hours" on purpose.
  quietHours: z.array(dailyInterval).max(ENGAGEMENT_LIST_MAX.quietHoursPerPhoneType),
});

const displayNumberRule = z.strictObject({
  field: requiredText(DISPLAY_NUMBER_RULE_TEXT_MAX.field),
  condition: z.enum(DISPLAY_NUMBER_CONDITIONS),
  value: text(DISPLAY_NUMBER_RULE_TEXT_MAX.value),
  number: phoneNumber,
});

const displayNumbers = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('queue') }),
  z.strictObject({ mode: z.literal('automated'), numbers: z.array(phoneNumber).min(1).max(MAX_AUTOMATED_DISPLAY_NUMBERS) }),
  z.strictObject({
    mode: z.literal('rules'),
    rules: z.array(displayNumberRule).min(1).max(MAX_DISPLAY_NUMBER_RULES, `at most ${MAX_DISPLAY_NUMBER_RULES} display-number rules`),
  }),
]);

const reattemptDefaults = DEFAULTS.reattempts;
const reattempts = z.strictObject({
  maxAttempts: intIn(REATTEMPT_LIMITS.maxAttempts),
  waitSeconds: intIn(REATTEMPT_LIMITS.waitSeconds),
  reasons: z.array(z.enum(REATTEMPT_REASONS)).default(fresh(reattemptDefaults.reasons)),
  retryDispositionCodes: z
    .array(requiredText(TEXT.dispositionCode))
    .max(REATTEMPT_LIMITS.retryDispositionCodes)
    .default(fresh(reattemptDefaults.retryDispositionCodes)),
  dispositionWaitSeconds: intIn(REATTEMPT_LIMITS.dispositionWaitSeconds).default(reattemptDefaults.dispositionWaitSeconds),
  retryPriority: z.enum(RETRY_PRIORITIES).default(reattemptDefaults.retryPriority),
});

const dialModeDefaults = DEFAULTS.dialModeSettings;
const dialModeSettings = z.strictObject({
  previewCountdownSeconds: intIn(DIAL_MODE_LIMITS.previewCountdownSeconds).optional(),
  callsPerRepresentative: intIn(DIAL_MODE_LIMITS.callsPerRepresentative).default(dialModeDefaults.callsPerRepresentative),
  maxConcurrentAiCalls: intIn(DIAL_MODE_LIMITS.maxConcurrentAiCalls).default(dialModeDefaults.maxConcurrentAiCalls),
  allowOutsideQueueHours: z.boolean().default(dialModeDefaults.allowOutsideQueueHours),
});

const pacingDefaults = DEFAULTS.pacingRules;
const pacingRules = z.strictObject({
  abandonmentCapPercent: numberIn(PACING.abandonmentCapPercent).default(pacingDefaults.abandonmentCapPercent),
  abandonmentWindowHours: intIn(PACING.abandonmentWindowHours).default(pacingDefaults.abandonmentWindowHours),
  minimumLiveAnswers: intIn(PACING.minimumLiveAnswers).default(pacingDefaults.minimumLiveAnswers),
  aiFailure: z
    .strictObject({
      stop: z.enum(AI_FAILURE_STOPS),
      ratePercent: numberIn(PACING.aiFailureRatePercent).default(pacingDefaults.aiFailure.ratePercent),
    })
    .default(fresh(pacingDefaults.aiFailure)),
  maxAverageWaitSeconds: numberIn(PACING.maxAverageWaitSeconds).optional(),
  maxQueueSharePercent: numberIn(PACING.maxQueueSharePercent).optional(),
});

const dialer = z.strictObject({
  project: requiredText(TEXT.identifier),
  tenant: requiredText(TEXT.identifier),
  scenarioPath: requiredText(TEXT.url),
  orchestratorUrl: requiredText(TEXT.url),
});

/** An engagement's settings (spec §2), with the limits of the seed's configuration page. */
export const engagementConfigSchema = z
  .strictObject({
    name: requiredText(TEXT.identifier),
    description: text(TEXT.description).optional(),
    channel: z.enum(CHANNELS).default(DEFAULTS.channel),
    engagementType: z.enum(ENGAGEMENT_TYPES).default(DEFAULTS.engagementType),
    routing: z.strictObject({
      queueId: requiredText(TEXT.identifier),
      fallbackQueueId: requiredText(TEXT.identifier).optional(),
      skills: z.array(requiredText(TEXT.skill)).max(ENGAGEMENT_LIST_MAX.skills).default(fresh(DEFAULTS.routing.skills)),
      queueDisplayNumber: phoneNumber,
    }),
    dialMode: z.enum(DIAL_MODES).default(DEFAULTS.dialMode),
    dialModeSettings: dialModeSettings.default(fresh(DEFAULTS.dialModeSettings)),
    priority: z.enum(PRIORITIES).default(DEFAULTS.priority),
    callOrder: z.enum(CALL_ORDERS).default(DEFAULTS.callOrder),
    displayNumbers: displayNumbers.default(fresh(DEFAULTS.displayNumbers)),
    reattempts: reattempts.default(fresh(DEFAULTS.reattempts)),
    smsFollowUpEngagementId: requiredText(TEXT.identifier).optional(),
    frequencyLimits: z
      .strictObject({ perDay: intIn(FREQUENCY_LIMITS.perDay).optional(), perWeek: intIn(FREQUENCY_LIMITS.perWeek).optional() })
      .default(fresh(DEFAULTS.frequencyLimits)),
    schedule: z
      .array(phoneTypeSchedule)
      .min(1, 'select at least one phone type')
      .refine((a) => new Set(a.map((s) => s.type)).size === a.length, { message: 'a phone type appears once' }),
    timeZoneMode: z.enum(TIME_ZONE_MODES).default(DEFAULTS.timeZoneMode),
    answeringMachine: z
      .strictObject({ action: z.enum(ANSWERING_MACHINE_ACTIONS), voicemailMessage: text(TEXT.message).optional() })
      .refine((a) => a.action !== 'voicemail' || !!a.voicemailMessage, {
        message: 'a voicemail message is required with action "voicemail"',
        path: ['voicemailMessage'],
      })
      .default(fresh(DEFAULTS.answeringMachine)),
    abandonment: z.strictObject({ seconds: intIn(ABANDONMENT_SECONDS), message: text(TEXT.message) }).default(fresh(DEFAULTS.abandonment)),
    pacingRules: pacingRules.default(fresh(DEFAULTS.pacingRules)),
    sms: z.strictObject({ senderNumber: phoneNumber, messageText: requiredText(TEXT.smsText) }).optional(),
    uniqueIdentifierAttribute: requiredText(TEXT.attributeName).default(DEFAULTS.uniqueIdentifierAttribute),
    dialer: dialer.default(fresh(DEFAULTS.dialer)),
  })
  .superRefine((e, ctx) => {
    if (e.channel === 'sms' && !e.sms)
      ctx.addIssue({ code: 'custom', path: ['sms'], message: 'an SMS engagement needs a sender number and a message text' });
    if (e.channel === 'sms' && e.schedule.some((s) => s.type !== 'mobile'))
      ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'SMS is sent to mobile numbers only' });
    if (e.channel === 'sms' && e.smsFollowUpEngagementId)
      ctx.addIssue({ code: 'custom', path: ['smsFollowUpEngagementId'], message: 'only voice engagements have an SMS follow-up' });
    if (e.engagementType === 'ai-agent' && e.dialMode !== 'ai-agent')
      ctx.addIssue({ code: 'custom', path: ['dialMode'], message: 'an AI-led engagement uses the "ai-agent" dial mode' });
  });

export const engagementIdSchema = requiredText(TEXT.identifier).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

/** POST /v1/engagements: the settings plus an optional engagementId (generated when absent). */
export function parseEngagementCreate(body: unknown) {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const { engagementId, ...config } = isObject ? (body as Record<string, unknown>) : { engagementId: undefined };
  const id = engagementId === undefined ? { success: true as const, data: undefined } : engagementIdSchema.safeParse(engagementId);
  const parsed = engagementConfigSchema.safeParse(isObject ? config : body);
  if (!id.success || !parsed.success) {
    const issues = [
      ...(id.success ? [] : id.error.issues.map((i) => ({ ...i, path: ['engagementId', ...i.path] }))),
      ...(parsed.success ? [] : parsed.error.issues),
    ];
    return { success: false as const, error: new z.ZodError(issues) };
  }
  return { success: true as const, data: { engagementId: id.data, config: parsed.data } };
}
