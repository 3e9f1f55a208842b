import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connect';
import { deleteQueueRow, enqueueDelivery, poolHasReadyRow, setOfferAcceptedBy, withdrawWaiting } from '../../db/dispatchQueue';
import { ensurePoolRow, lockPool, setPoolIdle } from '../../db/dispatchPools';
import type { DialSlotRequest, DispatcherOptions, DispatchPool } from '../../domain/dispatch';
import { ensureDispatcher } from '../../workflowStarts/dispatcherStart';

export interface BacklogActivitiesDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** Passed to dispatchers this worker starts (tests shorten ticks and runs). */
  dispatcherOptions?: Partial<DispatcherOptions>;
}

/**
 * The backlog side of dispatch: deliveries join and leave their pool's backlog, and the pool's idle
 * flag says whether an arrival must wake its dispatcher.
 */
export function createBacklogActivities({ db, temporal, taskQueue, dispatcherOptions }: BacklogActivitiesDeps) {
  const wake = (pool: DispatchPool) => ensureDispatcher(temporal, taskQueue, pool, { wake: true, options: dispatcherOptions });

  /** When this worker last made sure each pool's dispatcher runs: one check per pool per minute, not per delivery. */
  const ensuredAt = new Map<string, number>();

  /** Starts the dispatcher if it is not running (terminated, or a namespace reset), without an event in its history if it is. */
  async function ensureRunning(pool: DispatchPool): Promise<void> {
    if (Date.now() - (ensuredAt.get(pool.poolKey) ?? -Infinity) < 60_000) return;
    ensuredAt.set(pool.poolKey, Date.now());
    await ensureDispatcher(temporal, taskQueue, pool, { options: dispatcherOptions });
  }

  /**
   * Puts a delivery in its pool's backlog (once, however often retried) and wakes the dispatcher if
   * it sleeps. The pool row is locked so a dispatcher going idle and a delivery arriving cannot miss
   * each other.
   */
  async function requestDialSlot(input: DialSlotRequest): Promise<{ state: string }> {
    const { wakeNeeded, state } = await db.transaction().execute(async (trx) => {
      const created = await ensurePoolRow(trx, input.pool.poolKey);
      const pool = await lockPool(trx, input.pool.poolKey);
      const state = await enqueueDelivery(trx, input);
      if (pool.idle) await setPoolIdle(trx, input.pool.poolKey, false);
      return { wakeNeeded: created || pool.idle, state };
    });
    if (wakeNeeded || input.forceWake) await wake(input.pool);
    else await ensureRunning(input.pool);
    return { state };
  }

  /** Takes a delivery out of the backlog; if a grant beat the withdrawal, says so (the slot is the delivery's). */
  async function withdrawDialSlot(input: { deliveryId: string }): Promise<{ withdrawn: boolean; state?: string }> {
    return withdrawWaiting(db, input.deliveryId);
  }

  /** Gives the slot back (attempt over, cancelled, or offer expired). */
  async function releaseDialSlot(input: { deliveryId: string }): Promise<void> {
    await deleteQueueRow(db, input.deliveryId);
  }

  /** Preview: the representative who accepted the offer; the offer stops counting against other representatives' offers. */
  async function recordPreviewAcceptance(input: { deliveryId: string; representativeId: string }): Promise<void> {
    await setOfferAcceptedBy(db, input.deliveryId, input.representativeId);
  }

  /**
   * Marks the pool idle (arrivals must wake its dispatcher) unless a delivery of an active engagement
   * is already waiting. Under the pool row lock requestDialSlot takes, so no arrival slips between.
   */
  async function markPoolIdle(input: { poolKey: string }): Promise<{ idle: boolean }> {
    return db.transaction().execute(async (trx) => {
      await ensurePoolRow(trx, input.poolKey);
      await lockPool(trx, input.poolKey);
      const idle = !(await poolHasReadyRow(trx, input.poolKey));
      await setPoolIdle(trx, input.poolKey, idle);
      return { idle };
    });
  }

  return { requestDialSlot, withdrawDialSlot, releaseDialSlot, recordPreviewAcceptance, markPoolIdle };
}
