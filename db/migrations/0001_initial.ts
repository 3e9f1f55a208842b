import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('engagements')
    .addColumn('engagement_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('config', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('state_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('delivery_id', 'uuid', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text')
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.engagement_id'))
    .addColumn('journey_id', 'text')
    .addColumn('journey_run_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('queue_id', 'text')
    .addColumn('tracking_id', 'text')
    .addColumn('dial_mode_type', 'text')
    .addColumn('to_address', 'text')
    .addColumn('from_address', 'text')
    .addColumn('window_start_date', 'timestamptz', (c) => c.notNull())
    .addColumn('window_end_date', 'timestamptz', (c) => c.notNull())
    .addColumn('windows', 'jsonb', (c) => c.notNull())
    .addColumn('start_date', 'timestamptz')
    .addColumn('end_date', 'timestamptz')
    .addColumn('result', 'text')
    .addColumn('result_date', 'timestamptz')
    .addColumn('disposition_codes', 'text')
    .addColumn('error_reason', 'text')
    .addColumn('workflow_id', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('request_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('deliveries_engagement_status').on('deliveries').columns(['engagement_id', 'status']).execute();
  await db.schema.createIndex('deliveries_created_at').on('deliveries').column('created_at').execute();

  await db.schema
    .createTable('delivery_contacts')
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('deliveries.delivery_id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('phones', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_contacts_pk', ['delivery_id', 'position'])
    .execute();

  await db.schema
    .createTable('delivery_attributes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('deliveries.delivery_id').onDelete('cascade'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('input', 'result')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('delivery_attributes_delivery').on('delivery_attributes').column('delivery_id').execute();

  await db.schema
    .createTable('attempts')
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('deliveries.delivery_id').onDelete('cascade'))
    .addColumn('attempt_number', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addPrimaryKeyConstraint('attempts_pk', ['delivery_id', 'attempt_number'])
    .execute();

  await db.schema
    .createTable('calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('deliveries.delivery_id').onDelete('cascade'))
    .addColumn('attempt_number', 'integer', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('phone_type', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('unique_id', 'text')
    .addColumn('call_state', 'text')
    .addColumn('answering_machine', 'boolean')
    .addColumn('abandoned', 'boolean')
    .addColumn('reattempt_reason', 'text')
    .addColumn('disposition_codes', 'text')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('calls_delivery').on('calls').column('delivery_id').execute();

  await db.schema
    .createTable('delivery_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('delivery_id', 'uuid', (c) => c.notNull().references('deliveries.delivery_id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addUniqueConstraint('delivery_events_seq', ['delivery_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'delivery_events',
    'calls',
    'attempts',
    'delivery_attributes',
    'delivery_contacts',
    'deliveries',
    'engagements',
    'api_keys',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
