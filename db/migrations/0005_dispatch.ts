import { type Kysely, sql } from 'kysely';

/**
 * Dispatch: the backlog of deliveries waiting for a dial slot (it lives here, not in any workflow),
 * the call outcomes pacing learns from, and each pool's idle flag (so a sleeping dispatcher is woken
 * exactly when work arrives).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dispatch_queue')
    .addColumn('delivery_id', 'uuid', (c) => c.primaryKey().references('deliveries.delivery_id').onDelete('cascade'))
    .addColumn('pool_key', 'text', (c) => c.notNull())
    .addColumn('engagement_id', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('is_retry', 'boolean', (c) => c.notNull())
    .addColumn('delivery_created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('window_end', 'timestamptz', (c) => c.notNull())
    .addColumn('custom_priority', 'double precision')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('waiting', 'offered', 'granted')`))
    .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('granted_at', 'timestamptz')
    .addColumn('offer_accepted_by', 'text')
    .addColumn('ringing_since', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('dispatch_queue_waiting_fifo')
    .on('dispatch_queue')
    .columns(['engagement_id', 'delivery_created_at'])
    .where(sql.ref('state'), '=', 'waiting')
    .execute();
  await db.schema
    .createIndex('dispatch_queue_waiting_window')
    .on('dispatch_queue')
    .columns(['engagement_id', 'window_end'])
    .where(sql.ref('state'), '=', 'waiting')
    .execute();
  await db.schema.createIndex('dispatch_queue_pool_state').on('dispatch_queue').columns(['pool_key', 'state']).execute();
  await db.schema.createIndex('dispatch_queue_grant').on('dispatch_queue').column('grant_id').execute();

  await db.schema
    .createTable('dispatch_outcomes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('pool_key', 'text', (c) => c.notNull())
    .addColumn('engagement_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('ring_ms', 'integer', (c) => c.notNull())
    .addColumn('live', 'boolean', (c) => c.notNull())
    .addColumn('abandoned', 'boolean', (c) => c.notNull())
    .addColumn('failed', 'boolean', (c) => c.notNull())
    .addColumn('wait_ms', 'integer')
    .execute();
  await db.schema.createIndex('dispatch_outcomes_engagement_at').on('dispatch_outcomes').columns(['engagement_id', 'at']).execute();
  await db.schema.createIndex('dispatch_outcomes_pool_id').on('dispatch_outcomes').columns(['pool_key', 'id']).execute();

  // Pacing rules measure from the later of their period's start and the last resume: an operator who
  // resumes a paused engagement starts its rates afresh (else the same figures would pause it again).
  await db.schema.alterTable('engagements').addColumn('rules_since', 'timestamptz').execute();

  await db.schema
    .createTable('dispatch_pools')
    .addColumn('pool_key', 'text', (c) => c.primaryKey())
    .addColumn('idle', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dispatch_pools').execute();
  await db.schema.alterTable('engagements').dropColumn('rules_since').execute();
  await db.schema.dropTable('dispatch_outcomes').execute();
  await db.schema.dropTable('dispatch_queue').execute();
}
