/**
 * What an engagement gets for each setting it leaves out. The API's engagement schema takes its
 * defaults from here (a test parses a minimal engagement and compares).
 */
import type { DialModeSettings, EngagementConfig, ReattemptPolicy } from './engagement';
import { DEFAULT_PACING_RULES, type PacingRules } from './dispatch/pacingRules';

export const DEFAULT_DIAL_MODE_SETTINGS: Readonly<DialModeSettings> = {
  callsPerRepresentative: 1,
  maxConcurrentAiCalls: 10,
  allowOutsideQueueHours: false,
};

/** One attempt, no reattempt; when reattempts are configured, these fill what is left out. */
export const DEFAULT_REATTEMPTS: Readonly<ReattemptPolicy> = {
  maxAttempts: 1,
  waitSeconds: 0,
  reasons: [],
  retryDispositionCodes: [],
  dispositionWaitSeconds: 120,
  retryPriority: 'same',
};

export const DEFAULT_AI_FAILURE: Readonly<PacingRules['aiFailure']> = DEFAULT_PACING_RULES.aiFailure;

export const DEFAULT_ABANDONMENT: Readonly<EngagementConfig['abandonment']> = {
  seconds: 2,
  message: 'Sorry, all our representatives are busy. We will call you back.',
};

/** Until an engagement names its dialer project and scenario (seed 004). */
export const DEFAULT_DIALER: Readonly<EngagementConfig['dialer']> = {
  project: 'proactive',
  tenant: 'Default',
  scenarioPath: '/scenarios/outbound',
  orchestratorUrl: 'http://orchestrator.invalid',
};

/** Every setting an engagement may leave out, with its default. */
export type EngagementDefaults = Pick<
  EngagementConfig,
  | 'channel'
  | 'engagementType'
  | 'dialMode'
  | 'dialModeSettings'
  | 'priority'
  | 'callOrder'
  | 'displayNumbers'
  | 'reattempts'
  | 'frequencyLimits'
  | 'timeZoneMode'
  | 'answeringMachine'
  | 'abandonment'
  | 'pacingRules'
  | 'uniqueIdentifierAttribute'
  | 'dialer'
> & { routing: Pick<EngagementConfig['routing'], 'skills'> };

export const DEFAULT_ENGAGEMENT_SETTINGS: Readonly<EngagementDefaults> = {
  channel: 'voice',
  engagementType: 'representative',
  dialMode: 'progressive',
  dialModeSettings: DEFAULT_DIAL_MODE_SETTINGS,
  priority: 'Normal',
  callOrder: 'fifo',
  displayNumbers: { mode: 'queue' },
  reattempts: DEFAULT_REATTEMPTS,
  frequencyLimits: {},
  timeZoneMode: 'contact',
  answeringMachine: { action: 'hangup' },
  abandonment: DEFAULT_ABANDONMENT,
  pacingRules: DEFAULT_PACING_RULES,
  uniqueIdentifierAttribute: 'ContactId',
  dialer: DEFAULT_DIALER,
  routing: { skills: [] },
};
