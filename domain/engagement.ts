import type { ReattemptReason } from './callState';
import type { Channel } from './deliveryStatus';
import type { PhoneType } from './phoneNumbers';

export const DIAL_MODES = ['preview', 'progressive', 'predictive', 'ai-agent'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

export const ENGAGEMENT_STATES = ['active', 'paused', 'stopped'] as const;
export type EngagementState = (typeof ENGAGEMENT_STATES)[number];

export interface ReattemptPolicy {
  /** Total passes over the chain, the first included (1 = no reattempt). */
  maxAttempts: number;
  /** Wait between two attempts. */
  waitSeconds: number;
  reasons: ReattemptReason[];
  /** Disposition codes a representative may post that ask for another attempt. */
  retryDispositionCodes: string[];
}

/** The engagement settings a delivery needs; the API validates them (api/schemas/engagement.ts). */
export interface EngagementConfig {
  name: string;
  description?: string;
  channel: Channel;
  dialMode: DialMode;
  routing: { queueId: string; queueDisplayNumber: string };
  /** Numbers of each contact are tried in this order of phone type. */
  phoneTypeOrder: PhoneType[];
  reattempts: ReattemptPolicy;
  /** The dialer project / scenario this engagement's calls run (seed 004). */
  dialer: { project: string; tenant: string; scenarioPath: string; orchestratorUrl: string };
}

/** Settings fixed for a delivery when it is accepted (changing the engagement later does not alter it). */
export type EngagementSnapshot = Pick<EngagementConfig, 'channel' | 'dialMode' | 'routing' | 'phoneTypeOrder' | 'reattempts' | 'dialer'> & {
  engagementId: string;
};

export function snapshotEngagement(engagementId: string, config: EngagementConfig): EngagementSnapshot {
  const { channel, dialMode, routing, phoneTypeOrder, reattempts, dialer } = config;
  return { engagementId, channel, dialMode, routing, phoneTypeOrder, reattempts, dialer };
}
