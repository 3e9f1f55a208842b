/**
 * What a pending delivery waits for, recorded with every wait (delivery_events kind 'wait') and kept
 * current on the delivery, the WaitingFor search attribute and the workflow memo. Plain data.
 */
import type { ScheduleReason, ScheduleWait } from '../schedule/explain';

export const WAIT_REASONS = [
  'window',
  'quiet-hours',
  'frequency-cap',
  'paused',
  'queue-closed',
  'dial-slot',
  'preview-offer',
  'reattempt-wait',
  'disposition-wait',
] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

/** `until`: when the wait ends by itself (absent: it ends on an event, e.g. a grant). */
export interface WaitingFor {
  reason: WaitReason;
  until?: string;
  detail: { text: string } & Record<string, unknown>;
}

/** The value of the WaitingFor search attribute while nothing is awaited (attempting, or final). */
export const NOT_WAITING = 'none';

/** The schedule's wait (window, quiet hours, caps) as a delivery's waitingFor. */
export function scheduleWaitingFor(wait: ScheduleWait): WaitingFor {
  return { reason: wait.reason, ...(wait.until ? { until: wait.until } : {}), detail: { ...wait.detail } };
}

/** The reason codes the explain endpoint answers beside the schedule's own. */
export type ExplainReason =
  | ScheduleReason
  | { code: 'engagement-paused'; detail: { text: string; since?: string; reason?: string | null } }
  | { code: 'delivery-final'; detail: { text: string; status: string; result: string | null; at: string | null } };
