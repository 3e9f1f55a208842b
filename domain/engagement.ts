import type { ReattemptReason } from './callState';
import type { Channel } from './delivery/deliveryStatus';
import type { DisplayNumberPolicy } from './displayNumbers';
import type { PhoneType } from './phoneTypes';
import type { PacingRules } from './dispatch/pacingRules';
import type { DailyInterval, FrequencyLimits, TimeZoneMode } from './schedule';

export const DIAL_MODES = ['preview', 'progressive', 'predictive', 'ai-agent'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

export const ENGAGEMENT_TYPES = ['representative', 'ai-agent'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

export const ENGAGEMENT_STATES = ['active', 'paused', 'stopped'] as const;
export type EngagementState = (typeof ENGAGEMENT_STATES)[number];

export const PRIORITIES = ['Normal', 'High', 'Critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CALL_ORDERS = ['window-end', 'lifo', 'fifo', 'custom-asc', 'custom-desc'] as const;
export type CallOrder = (typeof CALL_ORDERS)[number];

export const RETRY_PRIORITIES = ['same', 'higher', 'lower'] as const;
export type RetryPriority = (typeof RETRY_PRIORITIES)[number];

export const TIME_ZONE_MODES = ['contact', 'utc'] as const satisfies readonly TimeZoneMode[];

export const ANSWERING_MACHINE_ACTIONS = ['hangup', 'voicemail'] as const;
export type AnsweringMachineAction = (typeof ANSWERING_MACHINE_ACTIONS)[number];

/** AI-led engagements stop at the first failed call, or once failures reach a rate. */
export const AI_FAILURE_STOPS = ['immediately', 'at-rate'] as const satisfies ReadonlyArray<PacingRules['aiFailure']['stop']>;

export interface ReattemptPolicy {
  /** Total passes over the chain, the first included (1 = no reattempt). */
  maxAttempts: number;
  /** Wait between the end of one attempt and the earliest start of the next. */
  waitSeconds: number;
  reasons: ReattemptReason[];
  /** Disposition codes a representative may post after a live call that ask for another attempt. */
  retryDispositionCodes: string[];
  /** How long, after a live call, the delivery waits for the representative's disposition codes. */
  dispositionWaitSeconds: number;
  /** Queue position of a reattempt relative to new deliveries (used by dispatch). */
  retryPriority: RetryPriority;
}

/** One phone type the engagement calls, with its quiet hours (daily, local time of the contact). */
export interface PhoneTypeSchedule {
  type: PhoneType;
  quietHours: DailyInterval[];
}

export interface DialModeSettings {
  /** Preview: seconds before an accepted preview dials by itself; absent = the representative starts it. */
  previewCountdownSeconds?: number;
  /** Progressive: calls in flight per available representative (1..5). */
  callsPerRepresentative: number;
  /** AI agent: concurrent calls at most (1..500). */
  maxConcurrentAiCalls: number;
  /** AI agent: may call outside the queue's operating hours. */
  allowOutsideQueueHours: boolean;
}

export interface AbandonmentSettings {
  /** A live answer with no representative connected within this many seconds is abandoned. */
  seconds: number;
  message: string;
}

/** Everything an engagement configures (spec §2); the API validates it (api/schemas/engagement.ts). */
export interface EngagementConfig {
  name: string;
  description?: string;
  channel: Channel;
  engagementType: EngagementType;
  routing: { queueId: string; fallbackQueueId?: string; skills: string[]; queueDisplayNumber: string };
  dialMode: DialMode;
  dialModeSettings: DialModeSettings;
  priority: Priority;
  callOrder: CallOrder;
  displayNumbers: DisplayNumberPolicy;
  reattempts: ReattemptPolicy;
  /** The SMS engagement that follows up a voice delivery nobody answered. */
  smsFollowUpEngagementId?: string;
  frequencyLimits: FrequencyLimits;
  /** The phone types called, in the preferred order, each with its quiet hours. */
  schedule: PhoneTypeSchedule[];
  timeZoneMode: TimeZoneMode;
  answeringMachine: { action: AnsweringMachineAction; voicemailMessage?: string };
  abandonment: AbandonmentSettings;
  /** When dispatch pauses or holds back the engagement (abandonment cap, AI failures, wait, queue share). */
  pacingRules: PacingRules;
  /** SMS engagements: the sender and the text (with {{attribute}} placeholders from input attributes). */
  sms?: { senderNumber: string; messageText: string };
  /** The contact attribute deliveries are upserted by (CSV intake). */
  uniqueIdentifierAttribute: string;
  /** The dialer project / scenario this engagement's calls run (seed 004). */
  dialer: { project: string; tenant: string; scenarioPath: string; orchestratorUrl: string };
}

/**
 * The settings a delivery fixes when it is accepted: changing the engagement later does not alter a
 * delivery already accepted. What acts live instead: the engagement's state (pause/stop, through
 * dispatch) and cancellations.
 */
export type EngagementSnapshot = Pick<
  EngagementConfig,
  | 'channel'
  | 'dialMode'
  | 'dialModeSettings'
  | 'routing'
  | 'displayNumbers'
  | 'reattempts'
  | 'smsFollowUpEngagementId'
  | 'frequencyLimits'
  | 'schedule'
  | 'timeZoneMode'
  | 'answeringMachine'
  | 'abandonment'
  | 'sms'
  | 'dialer'
> & { engagementId: string; name: string };

export function snapshotEngagement(engagementId: string, c: EngagementConfig): EngagementSnapshot {
  return {
    engagementId,
    name: c.name,
    channel: c.channel,
    dialMode: c.dialMode,
    dialModeSettings: c.dialModeSettings,
    routing: c.routing,
    displayNumbers: c.displayNumbers,
    reattempts: c.reattempts,
    smsFollowUpEngagementId: c.smsFollowUpEngagementId,
    frequencyLimits: c.frequencyLimits,
    schedule: c.schedule,
    timeZoneMode: c.timeZoneMode,
    answeringMachine: c.answeringMachine,
    abandonment: c.abandonment,
    sms: c.sms,
    dialer: c.dialer,
  };
}

export function phoneTypeOrder(schedule: PhoneTypeSchedule[]): PhoneType[] {
  return schedule.map((s) => s.type);
}
