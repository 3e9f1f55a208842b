/**
 * The delivery a product ConversationId belongs to. Two ids qualify: the ConversationId the dialer was
 * given for a call (`calls.call_id`, the call's intent id), and the delivery's own `conversation_id`
 * (shared by a voice delivery and its SMS follow-up: the newest is taken).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

type Conn = Kysely<Database> | Transaction<Database>;

export interface ConversationDelivery {
  deliveryId: string;
  engagementId: string;
  /** The queue the delivery was routed to when created, if any. */
  queueId: string | null;
  status: string;
}

export async function deliveryOfConversation(db: Conn, conversationId: string): Promise<ConversationDelivery | undefined> {
  const byCall = await db
    .selectFrom('calls')
    .innerJoin('deliveries', 'deliveries.delivery_id', 'calls.delivery_id')
    .select(['deliveries.delivery_id', 'deliveries.engagement_id', 'deliveries.queue_id', 'deliveries.status'])
    .where('calls.call_id', '=', conversationId)
    .executeTakeFirst();
  const row =
    byCall ??
    (await db
      .selectFrom('deliveries')
      .select(['delivery_id', 'engagement_id', 'queue_id', 'status'])
      .where('conversation_id', '=', conversationId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst());
  return row && { deliveryId: row.delivery_id, engagementId: row.engagement_id, queueId: row.queue_id, status: row.status };
}
