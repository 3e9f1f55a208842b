import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { DeliveryUpdate } from '../db/schema';
import type { DeliveryResult, DeliveryStatus } from '../domain/delivery/deliveryStatus';
import type { ScheduleSnapshot } from '../domain/delivery/scheduleSnapshot';
import type { WaitingFor } from '../domain/delivery/waitingFor';

export interface TransitionRequest {
  deliveryId: string;
  /** Increments with every transition of the delivery; makes the write idempotent. */
  seq: number;
  status: DeliveryStatus;
  /** Workflow time of the transition. */
  at: string;
  detail?: string;
  result?: DeliveryResult;
  /** Set when the first attempt starts. */
  started?: boolean;
  errorReason?: string;
  cancelledByPolicyId?: string;
  /** The attempt this transition starts or ends, with the attempt's outcome when it ends. */
  attempt?: { number: number; event: 'started' | 'ended'; outcome?: string };
  /** The attempt that held a dial slot is over: give the slot back in the same transaction. */
  releaseDialSlot?: boolean;
  /** What the delivery waits for from here (a reattempt's wait); null: nothing (attempting, or final). */
  waitingFor?: WaitingFor | null;
  /** Why this transition: e.g. the numbers an attempt may call and why the others not, the grant it used. */
  data?: Record<string, unknown>;
  /** The schedule rules the workflow runs with, sent once with its first record. */
  scheduleRules?: ScheduleSnapshot;
}

/** A wait of a delivery, with its reason: an event of kind 'wait' and the delivery's current waitingFor. */
export interface WaitRequest {
  deliveryId: string;
  /** Shares the transitions' sequence, so the trail is one ordered list. */
  seq: number;
  /** The delivery's status while it waits (unchanged by the wait). */
  status: DeliveryStatus;
  at: string;
  waitingFor: WaitingFor;
  scheduleRules?: ScheduleSnapshot;
}

/** The delivery columns a record sets beside its status: what it waits for, when it next tries, its rules. */
function waitColumns(waitingFor: WaitingFor | null | undefined, scheduleRules: ScheduleSnapshot | undefined): DeliveryUpdate {
  const update: DeliveryUpdate = {};
  if (waitingFor !== undefined) {
    update.waiting_for = waitingFor === null ? null : JSON.stringify(waitingFor);
    update.next_attempt_at = waitingFor?.until ?? null;
  }
  if (scheduleRules) update.schedule_rules = JSON.stringify(scheduleRules);
  return update;
}

/**
 * Persists a status change and appends it to the delivery's event trail, once per seq. Each record is
 * one statement (data-modifying CTEs gated on the event insert), so it costs one round trip to Postgres
 * instead of a transaction of four to six: a delivery's short steps are most of its database time.
 */
export function createTransitionActivities(db: Db) {
  return {
    async recordTransition(t: TransitionRequest): Promise<void> {
      const waiting = t.waitingFor !== undefined ? t.waitingFor : t.status === 'Pending' ? undefined : null;
      const update: DeliveryUpdate = { status: t.status, updated_at: new Date(), ...waitColumns(waiting, t.scheduleRules) };
      if (t.started) update.start_date = t.at;
      if (t.result) {
        update.result = t.result;
        update.result_date = t.at;
        update.end_date = t.at;
      }
      if (t.errorReason) update.error_reason = t.errorReason;
      if (t.cancelledByPolicyId) update.cancelled_by_policy_id = t.cancelledByPolicyId;
      let statement = db.with('event', (qc) =>
        qc
          .insertInto('delivery_events')
          .values({
            delivery_id: t.deliveryId,
            seq: t.seq,
            at: t.at,
            status: t.status,
            detail: t.detail ?? null,
            until: t.waitingFor?.until ?? null,
            data: t.data || t.waitingFor ? JSON.stringify({ ...t.data, ...(t.waitingFor ? { waitingFor: t.waitingFor } : {}) }) : null,
          })
          .onConflict((oc) => oc.columns(['delivery_id', 'seq']).doNothing())
          .returning('id'),
      );
      // The slot goes back even when the event was already recorded: a retried release must not keep it.
      if (t.releaseDialSlot) {
        statement = statement.with('slot', (qc) =>
          qc.deleteFrom('dispatch_queue').where('delivery_id', '=', t.deliveryId).returning('delivery_id'),
        ) as unknown as typeof statement;
      }
      const attempt = t.attempt;
      if (attempt?.event === 'started') {
        statement = statement.with('attempt', (qc) =>
          qc
            .insertInto('attempts')
            .columns(['delivery_id', 'attempt_number', 'started_at'])
            .expression((eb) =>
              eb
                .selectFrom('event')
                .select([
                  sql.val(t.deliveryId).as('delivery_id'),
                  sql.val(attempt.number).as('attempt_number'),
                  sql.val(t.at).as('started_at'),
                ]),
            )
            .onConflict((oc) =>
              oc.columns(['delivery_id', 'attempt_number']).doUpdateSet({ started_at: t.at, ended_at: null, outcome: null }),
            )
            .returning('attempt_number'),
        ) as unknown as typeof statement;
      } else if (attempt?.event === 'ended') {
        statement = statement.with('attempt', (qc) =>
          qc
            .updateTable('attempts')
            .set({ ended_at: t.at, outcome: attempt.outcome ?? null })
            .where('delivery_id', '=', t.deliveryId)
            .where('attempt_number', '=', attempt.number)
            .where(({ exists, selectFrom }) => exists(selectFrom('event').select('id')))
            .returning('attempt_number'),
        ) as unknown as typeof statement;
      }
      await statement
        .updateTable('deliveries')
        .set(update)
        .where('delivery_id', '=', t.deliveryId)
        .where(({ exists, selectFrom }) => exists(selectFrom('event').select('id')))
        .execute();
    },

    /** Records a wait (once per seq) and makes it the delivery's current one; answers the wait as stored. */
    async recordWait(w: WaitRequest): Promise<WaitingFor> {
      const waitingFor = w.waitingFor;
      await db
        .with('event', (qc) =>
          qc
            .insertInto('delivery_events')
            .values({
              delivery_id: w.deliveryId,
              seq: w.seq,
              at: w.at,
              status: w.status,
              kind: 'wait',
              detail: waitingFor.detail.text,
              until: waitingFor.until ?? null,
              data: JSON.stringify(waitingFor),
            })
            .onConflict((oc) => oc.columns(['delivery_id', 'seq']).doNothing())
            .returning('id'),
        )
        .updateTable('deliveries')
        .set({ updated_at: new Date(), ...waitColumns(waitingFor, w.scheduleRules) })
        .where('delivery_id', '=', w.deliveryId)
        .where(({ exists, selectFrom }) => exists(selectFrom('event').select('id')))
        .execute();
      return waitingFor;
    },
  };
}
