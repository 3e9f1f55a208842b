/**
 * The bounds of an engagement's settings (spec §2, as on the seed's configuration page). The API's
 * engagement schema is built from these; nothing else re-declares them.
 */

/** An inclusive range. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

export const REATTEMPT_LIMITS = {
  /** Total passes over the chain, the first included. */
  maxAttempts: { min: 1, max: 10 },
  waitSeconds: { min: 0, max: 7 * 24 * 3600 },
  dispositionWaitSeconds: { min: 0, max: 3600 },
  /** How many disposition codes may ask for a reattempt. */
  retryDispositionCodes: 50,
} as const satisfies Record<string, Range | number>;

export const DIAL_MODE_LIMITS = {
  previewCountdownSeconds: { min: 0, max: 600 },
  callsPerRepresentative: { min: 1, max: 5 },
  maxConcurrentAiCalls: { min: 1, max: 500 },
} as const satisfies Record<string, Range>;

/** Bounds of the pacing rules (domain/dispatch/pacingRules.ts). */
export const PACING_LIMITS = {
  abandonmentCapPercent: { min: 0.1, max: 10 },
  /** 24 h: UK practice; 720 h: US 30 days. */
  abandonmentWindowHours: { min: 1, max: 720 },
  minimumLiveAnswers: { min: 1, max: 10_000 },
  aiFailureRatePercent: { min: 1, max: 5 },
  maxAverageWaitSeconds: { min: 1, max: 3600 },
  maxQueueSharePercent: { min: 1, max: 100 },
} as const satisfies Record<string, Range>;

export const FREQUENCY_LIMITS = {
  perDay: { min: 1, max: 100 },
  perWeek: { min: 1, max: 500 },
} as const satisfies Record<string, Range>;

/** Seconds without a representative after which a live answer is abandoned. */
export const ABANDONMENT_SECONDS: Range = { min: 1, max: 60 };

/** Counts of an engagement's lists. */
export const ENGAGEMENT_LIST_MAX = {
  quietHoursPerPhoneType: 10,
  skills: 20,
} as const;

/** Most characters of an engagement's text fields. */
export const ENGAGEMENT_TEXT_MAX = {
  /** Names and ids: name, queue ids, the SMS follow-up's engagement id, dialer project and tenant. */
  identifier: 200,
  description: 2000,
  skill: 100,
  dispositionCode: 100,
  url: 500,
  /** Voicemail and abandonment messages. */
  message: 2000,
  /** One SMS: ten concatenated segments. */
  smsText: 1600,
  attributeName: 100,
} as const;
