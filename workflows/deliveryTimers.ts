import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import type { DeliveryState } from './deliveryMessages';
import { NextAttemptAtKey } from '../temporal/searchAttributes';

/** The delivery's timers, each visible to queries (state.timerUntil) so tests and operators see what it waits on. */
export function deliveryTimers(state: DeliveryState, cancelRequested: () => boolean) {
  /** Waits until `until` or until `done()` holds. */
  async function waitOnTimer(until: Date, done: () => boolean): Promise<void> {
    const ms = until.getTime() - Date.now();
    if (ms <= 0) return;
    state.timerUntil = until.toISOString();
    try {
      await condition(done, ms);
    } finally {
      state.timerUntil = undefined;
    }
  }

  /** Sleeps until the next attempt may start at `at`, unless a cancellation arrives first; true when cancelled. */
  async function sleepUntil(at: Date): Promise<boolean> {
    state.nextAttemptAt = at.toISOString();
    upsertSearchAttributes([{ key: NextAttemptAtKey, value: at }]);
    await waitOnTimer(at, cancelRequested);
    return cancelRequested();
  }

  return { waitOnTimer, sleepUntil };
}
