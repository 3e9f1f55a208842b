/** Deliveries found by the conversation id the dialer was given (the product's ConversationId). */
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
  const row = await db
    .selectFrom('deliveries')
    .select(['delivery_id', 'engagement_id', 'queue_id', 'status'])
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { deliveryId: row.delivery_id, engagementId: row.engagement_id, queueId: row.queue_id, status: row.status };
}
