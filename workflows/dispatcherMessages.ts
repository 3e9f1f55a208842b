import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { PacingTickRecord } from '../db/pacingDecisions';
import type { Priority } from '../domain/engagement';

/** Work arrived for a dispatcher that may be asleep (carries nothing: the backlog is in Postgres). */
export const wakeDispatcherSignal = defineSignal('wakeDispatcher');

export interface EngagementControl {
  engagementId: string;
  /** Who asked, or which rule; kept with the state. */
  reason?: string;
}

export interface EngagementControlResult {
  engagementId: string;
  state: 'active' | 'paused';
  priority: Priority;
  reason?: string | null;
}

/** Stops granting slots to the engagement; calls in progress finish. */
export const pauseEngagementUpdate = defineUpdate<EngagementControlResult, [EngagementControl]>('pauseEngagement');
/** Grants slots again (after an operator pause or a pacing-rule pause). */
export const resumeEngagementUpdate = defineUpdate<EngagementControlResult, [EngagementControl]>('resumeEngagement');
/** Moves the engagement to another priority; the next slot already follows it. */
export const setEngagementPriorityUpdate = defineUpdate<EngagementControlResult, [EngagementControl & { priority: Priority }]>(
  'setEngagementPriority',
);

export interface DispatcherStatus {
  poolKey: string;
  run: number;
  ticks: number;
  granted: number;
  idle: boolean;
  engagements: Array<{
    engagementId: string;
    state: string;
    priority: Priority;
    waiting: number;
    inFlight: number;
    reason?: string | null;
  }>;
  answerProbability: number;
  /** The last tick's inputs and decision (availability snapshot, allowances), for the live board; absent before the first tick of a run. */
  lastTick?: PacingTickRecord;
}

export const dispatcherStatusQuery = defineQuery<DispatcherStatus>('dispatcherStatus');
