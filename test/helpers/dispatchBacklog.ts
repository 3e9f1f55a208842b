import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect';
import type { QueuedDelivery } from '../../domain/dispatch';

/** Puts a delivery (its row and its backlog row) straight into a pool's backlog, as requestDialSlot would. */
export async function enqueue(db: Db, engagementId: string, q: QueuedDelivery, poolKey = 'queue:order'): Promise<void> {
  const at = new Date(q.createdAtMs);
  await db
    .insertInto('deliveries')
    .values({
      delivery_id: q.deliveryId,
      conversation_id: randomUUID(),
      engagement_id: engagementId,
      channel: 'voice',
      status: 'Pending',
      window_start_date: at,
      window_end_date: new Date(q.windowEndMs),
      windows: '[]',
      workflow_id: `delivery-${q.deliveryId}`,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('dispatch_queue')
    .values({
      delivery_id: q.deliveryId,
      pool_key: poolKey,
      engagement_id: engagementId,
      workflow_id: `delivery-${q.deliveryId}`,
      attempt: q.isRetry ? 2 : 1,
      is_retry: q.isRetry,
      delivery_created_at: at,
      window_end: new Date(q.windowEndMs),
      custom_priority: q.customPriority,
      state: 'waiting',
      enqueued_at: at,
    })
    .execute();
}
