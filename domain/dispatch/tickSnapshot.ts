import type { CallOrder, DialMode, DialModeSettings, Priority, RetryPriority } from '../engagement';
import type { AgentSnapshot } from '../pacing';
import type { CampaignFigures, PacingRules } from './pacingRules';

/** One engagement of a pool as a dispatch tick sees it: live settings, state and its queue counts. */
export interface EngagementAtTick {
  engagementId: string;
  state: string;
  reason: string | null;
  priority: Priority;
  callOrder: CallOrder;
  retryPriority: RetryPriority;
  dialMode: DialMode;
  dialModeSettings: DialModeSettings;
  abandonmentSeconds: number;
  pacingRules: PacingRules;
  waiting: number;
  offered: number;
  inFlight: number;
  figures: CampaignFigures;
}

/** A call outcome pacing learns from, in the order the pool recorded them. */
export interface PacingOutcomeRow {
  id: string;
  atMs: number;
  ringMs: number;
  live: boolean;
  /** Null when the dialer did not say whether the live answer was abandoned. */
  abandoned: boolean | null;
  /** The engagement that placed the call (absent in snapshots recorded before it was read). */
  engagementId?: string;
  /** How long a connected live answer waited for a representative, when the dialer said. */
  waitMs?: number | null;
}

/** Everything one dispatch tick reads, in one activity: availability, the pool's calls, its engagements, new outcomes. */
export interface DispatchSnapshot {
  nowMs: number;
  withinOperatingHours: boolean;
  agents: AgentSnapshot[];
  /** Representatives offline or away (not staffed); absent when the availability service does not list them. */
  offline?: number;
  averageHandleMs?: number;
  /** Elapsed ring time of each call placed and not yet answered or released, pool-wide. */
  ringingMs: number[];
  /** Dial slots granted whose call does not ring yet (not dialled, awaiting the dialer's acknowledgement, between numbers). */
  placing: number;
  offers: number;
  inFlight: number;
  engagements: EngagementAtTick[];
  /**
   * The dialer reports a live answer only at its connect or abandon (the seed's contract), so answers
   * waiting for a representative look like ringing calls (`PacingState.answersReportedAtConnect`).
   * Absent in snapshots recorded before it was read, which replay as they were decided.
   */
  answersReportedAtConnect?: boolean;
  /** Outcomes after the caller's cursor, oldest first (at most a page). */
  outcomes: PacingOutcomeRow[];
  availabilityError?: string;
}
