import { type Kysely, sql } from 'kysely';

/** Frequency-cap ledger, SMS messages, and the links between a voice delivery and its SMS follow-up. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per call placed or SMS sent to a contact, across engagements and channels. touch_id is
  // the call/message intent id, so a retried reservation does not count twice.
  await db.schema
    .createTable('contact_touches')
    .addColumn('touch_id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('engagement_id', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_touches_contact_at').on('contact_touches').columns(['contact_id', 'at']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('deliveries.delivery_id').onDelete('cascade'))
    .addColumn('attempt_number', 'integer', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('gateway_message_id', 'text')
    .addColumn('status', 'text')
    .addColumn('error', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('messages_delivery').on('messages').column('delivery_id').execute();

  await db.schema
    .alterTable('deliveries')
    .addColumn('parent_delivery_id', 'uuid', (c) => c.references('deliveries.delivery_id'))
    .addColumn('follow_up_delivery_id', 'uuid', (c) => c.references('deliveries.delivery_id'))
    .addColumn('cancelled_by_policy_id', 'text')
    .execute();
  await db.schema.alterTable('calls').addColumn('voicemail_left', 'boolean').addColumn('display_number_reason', 'text').execute();
  await sql`create index deliveries_parent on deliveries (parent_delivery_id) where parent_delivery_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').dropColumn('voicemail_left').dropColumn('display_number_reason').execute();
  await db.schema
    .alterTable('deliveries')
    .dropColumn('parent_delivery_id')
    .dropColumn('follow_up_delivery_id')
    .dropColumn('cancelled_by_policy_id')
    .execute();
  await db.schema.dropTable('messages').execute();
  await db.schema.dropTable('contact_touches').execute();
}
