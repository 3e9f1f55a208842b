import { sql } from 'kysely';
import type { Db } from './connect';
import { DELIVERY_STATUSES, type DeliveryStatus, isFinalStatus } from '../domain/delivery/deliveryStatus';

/** Statuses of a delivery whose workflow should still be running. */
const OPEN_STATUSES: DeliveryStatus[] = DELIVERY_STATUSES.filter((s) => !isFinalStatus(s));

export interface OpenDeliveryRow {
  delivery_id: string;
  workflow_id: string;
}

/**
 * Open deliveries old enough that their workflow must exist (an intake's start is accepted before its
 * rows commit; a CSV upload's delivery counts once its workflow was started), in delivery_id order
 * after `after`: the reconciler walks them round-robin, a bounded batch per pass.
 */
export async function openDeliveriesOlderThan(
  db: Db,
  createdBefore: Date,
  after: string | undefined,
  limit: number,
): Promise<OpenDeliveryRow[]> {
  let query = db
    .selectFrom('deliveries')
    .select(['delivery_id', 'workflow_id'])
    .where('status', 'in', OPEN_STATUSES)
    .where('created_at', '<', createdBefore)
    .where((eb) => eb.or([eb('upload_id', 'is', null), eb('workflow_started_at', 'is not', null)]));
  if (after) query = query.where('delivery_id', '>', after);
  return query.orderBy('delivery_id').limit(limit).execute();
}

/** The delivery ids among `ids` that have a row. */
export async function existingDeliveryIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('deliveries').select('delivery_id').where('delivery_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.delivery_id));
}

export interface ReconciledEnd {
  deliveryId: string;
  status: 'Cancelled' | 'Error';
  detail: string;
}

/**
 * Ends an open delivery whose workflow can no longer record its own end: the final status with its
 * reason, one more event in its trail, its open attempt closed and its backlog place or dial slot given
 * back. Does nothing (false) when the delivery is final already: the workflow got there first.
 */
export async function endOrphanedDelivery(db: Db, end: ReconciledEnd, now = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('deliveries')
      .select('status')
      .where('delivery_id', '=', end.deliveryId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || !OPEN_STATUSES.includes(row.status as DeliveryStatus)) return false;
    const last = await trx
      .selectFrom('delivery_events')
      .select(sql<number>`coalesce(max(seq), 0)`.as('seq'))
      .where('delivery_id', '=', end.deliveryId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('delivery_events')
      .values({ delivery_id: end.deliveryId, seq: Number(last.seq) + 1, at: now, status: end.status, detail: end.detail })
      .execute();
    await trx
      .updateTable('deliveries')
      .set({
        status: end.status,
        result: end.status,
        result_date: now,
        end_date: now,
        updated_at: now,
        ...(end.status === 'Error' ? { error_reason: end.detail } : {}),
      })
      .where('delivery_id', '=', end.deliveryId)
      .execute();
    await trx
      .updateTable('attempts')
      .set({ ended_at: now, outcome: end.detail })
      .where('delivery_id', '=', end.deliveryId)
      .where('ended_at', 'is', null)
      .execute();
    await trx.deleteFrom('dispatch_queue').where('delivery_id', '=', end.deliveryId).execute();
    return true;
  });
}
