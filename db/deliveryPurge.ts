import { sql } from 'kysely';
import type { Db } from './connect';
import { DELIVERY_STATUSES, isFinalStatus } from '../domain/delivery/deliveryStatus';

const FINAL_STATUSES = DELIVERY_STATUSES.filter(isFinalStatus);

/**
 * Deletes closed deliveries that ended before `endedBefore`, with their child rows (contacts, attributes,
 * attempts, calls, events, messages: ON DELETE CASCADE), `batchSize` deliveries per transaction so a
 * large purge never holds long locks. A voice delivery and its SMS follow-up go together, and only when
 * both are closed and old enough (they reference each other). Returns how many were deleted.
 */
export async function purgeClosedDeliveries(
  db: Db,
  o: { endedBefore: Date; batchSize?: number; onBatch?: (deleted: number) => void },
): Promise<number> {
  const batchSize = o.batchSize ?? 1000;
  let total = 0;
  for (;;) {
    const deleted = await db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: number }>`
        with roots as (
          select d.delivery_id, d.follow_up_delivery_id
          from deliveries d
          where d.parent_delivery_id is null
            and d.status in (${sql.join(FINAL_STATUSES)})
            and coalesce(d.end_date, d.updated_at) < ${o.endedBefore}
            and not exists (
              select 1 from deliveries f
              where f.delivery_id = d.follow_up_delivery_id
                and (f.status not in (${sql.join(FINAL_STATUSES)}) or coalesce(f.end_date, f.updated_at) >= ${o.endedBefore}))
            and not exists (select 1 from deliveries c where c.parent_delivery_id = d.delivery_id and c.delivery_id is distinct from d.follow_up_delivery_id)
          order by d.delivery_id
          limit ${batchSize}
          for update skip locked
        ), gone as (
          delete from deliveries where delivery_id in (select delivery_id from roots union select follow_up_delivery_id from roots)
          returning 1
        )
        select count(*)::int as n from gone`.execute(trx);
      return rows[0]?.n ?? 0;
    });
    if (deleted === 0) return total;
    total += deleted;
    o.onBatch?.(deleted);
  }
}
