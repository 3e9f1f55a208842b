import type { Db } from '../db/connect';
import type { DeliveryUpdate } from '../db/schema';
import type { DeliveryResult, DeliveryStatus } from '../domain/delivery/deliveryStatus';

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
}

/** Persists a status change and appends it to the delivery's event trail, once per seq. */
export function createTransitionActivities(db: Db) {
  return {
    async recordTransition(t: TransitionRequest): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('delivery_events')
          .values({ delivery_id: t.deliveryId, seq: t.seq, at: t.at, status: t.status, detail: t.detail ?? null })
          .onConflict((oc) => oc.columns(['delivery_id', 'seq']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (t.releaseDialSlot) await trx.deleteFrom('dispatch_queue').where('delivery_id', '=', t.deliveryId).execute();
        if (!inserted) return;
        const update: DeliveryUpdate = { status: t.status, updated_at: new Date() };
        if (t.started) update.start_date = t.at;
        if (t.result) {
          update.result = t.result;
          update.result_date = t.at;
          update.end_date = t.at;
        }
        if (t.errorReason) update.error_reason = t.errorReason;
        if (t.cancelledByPolicyId) update.cancelled_by_policy_id = t.cancelledByPolicyId;
        await trx.updateTable('deliveries').set(update).where('delivery_id', '=', t.deliveryId).execute();
        if (t.attempt?.event === 'started') {
          await trx
            .insertInto('attempts')
            .values({ delivery_id: t.deliveryId, attempt_number: t.attempt.number, started_at: t.at })
            .onConflict((oc) =>
              oc.columns(['delivery_id', 'attempt_number']).doUpdateSet({ started_at: t.at, ended_at: null, outcome: null }),
            )
            .execute();
        } else if (t.attempt?.event === 'ended') {
          await trx
            .updateTable('attempts')
            .set({ ended_at: t.at, outcome: t.attempt.outcome ?? null })
            .where('delivery_id', '=', t.deliveryId)
            .where('attempt_number', '=', t.attempt.number)
            .execute();
        }
      });
    },
  };
}
