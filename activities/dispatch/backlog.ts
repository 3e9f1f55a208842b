import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connect';
import {
  deleteQueueRow,
  enqueueDelivery,
  type PoolRoom,
  poolHasReadyRow,
  setOfferAcceptedBy,
  slotRequestFacts,
  withdrawWaiting,
} from '../../db/dispatchQueue';
import { lockPool, setPoolIdle } from '../../db/dispatchPools';
import {
  type DialSlotRequest,
  type DispatcherOptions,
  type DispatchPool,
  isAiAgentPool,
  requestGrantId,
  requestGrantRefusal,
} from '../../domain/dispatch';
import type { DialSlotGrant } from '../../workflows/deliveryMessages';
import { ensureDispatcher } from '../../workflowStarts/dispatcherStart';

/** The failure type of a slot request that came before its delivery's row was committed. */
export const DELIVERY_NOT_STORED = 'DeliveryNotStored';
/** Its intake's commit follows the start by milliseconds: the first attempts ask again this soon. */
const DELIVERY_NOT_STORED_RETRY_MS = 100;
const DELIVERY_NOT_STORED_QUICK_ATTEMPTS = 3;

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
   * each other, and so that a slot granted here (domain/dispatch/grantAtRequest.ts: an AI agent pool
   * with room) is counted before the next request or claim looks. `grant`: the slot is the
   * delivery's now (no signal follows); a retried request finds the same grant.
   */
  async function requestDialSlot(input: DialSlotRequest): Promise<{ state: string; grant?: DialSlotGrant }> {
    const { poolKey } = input.pool;
    const { wakeNeeded, row } = await db.transaction().execute(async (trx) => {
      const pool = await lockPool(trx, poolKey);
      // Only AI agent pools grant here, and never while their dispatcher sleeps: others need not read the room.
      const mayGrant = isAiAgentPool(poolKey) && !pool.idle;
      const facts = await slotRequestFacts(trx, input, mayGrant);
      if (!facts) throw deliveryNotStored(input.deliveryId, Context.current().info.attempt);
      const grantId = facts.room && grantAtRequest(input, pool, facts.room);
      const row = await enqueueDelivery(trx, input, grantId, facts.sort);
      if (pool.idle) await setPoolIdle(trx, poolKey, false);
      return { wakeNeeded: pool.created || pool.idle, row };
    });
    if (wakeNeeded || input.forceWake) await wake(input.pool);
    else await ensureRunning(input.pool);
    const atRequest = row.state === 'granted' && row.grantId === requestGrantId(input.deliveryId, input.attempt);
    return { state: row.state, ...(atRequest ? { grant: { grantId: row.grantId!, kind: 'dial' as const } } : {}) };
  }

  /**
   * The intake commits a delivery's rows once Temporal has accepted its start (intake/deliveryIntake.ts),
   * so its first workflow task can ask for a slot a few milliseconds before the row is there: asked
   * again shortly, not after the usual second, and said plainly in the log. Past the first attempts the
   * usual backoff applies: a commit held up (Postgres restarting) or never coming (the API died between
   * the start and the commit; the reconciler ends such workflows) keeps the retry budget of any request.
   */
  function deliveryNotStored(deliveryId: string, attempt: number): ApplicationFailure {
    return ApplicationFailure.create({
      message: `delivery ${deliveryId} is not stored yet (its intake commits after the workflow start); asking again`,
      type: DELIVERY_NOT_STORED,
      ...(attempt <= DELIVERY_NOT_STORED_QUICK_ATTEMPTS ? { nextRetryDelay: DELIVERY_NOT_STORED_RETRY_MS } : {}),
    });
  }

  /** The grant id when the pool has room for this request now (read under the pool's lock); undefined: it waits. */
  function grantAtRequest(input: DialSlotRequest, pool: { idle: boolean; queueOpen: boolean | null }, room: PoolRoom): string | undefined {
    if (!room.engagement) return undefined;
    const refusal = requestGrantRefusal({
      engagement: { ...room.engagement.config, state: room.engagement.state },
      pool,
      othersWaiting: room.activeWaiting,
      poolInFlight: room.held,
    });
    return refusal === undefined ? requestGrantId(input.deliveryId, input.attempt) : undefined;
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
      await lockPool(trx, input.poolKey);
      const idle = !(await poolHasReadyRow(trx, input.poolKey));
      await setPoolIdle(trx, input.poolKey, idle);
      return { idle };
    });
  }

  return { requestDialSlot, withdrawDialSlot, releaseDialSlot, recordPreviewAcceptance, markPoolIdle };
}
