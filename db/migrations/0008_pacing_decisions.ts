import { type Kysely, sql } from 'kysely';

/**
 * Pacing decisions (issue 11): the dispatcher's ticks kept compactly. A tick is recorded when it
 * granted slots (the grant id is the tick id, so a call's grant points at it) or when its decision
 * changed; per-minute aggregates count every tick; each engagement a recorded tick granted to,
 * throttled or paused is a decision row. The pool row says whether its queue was last seen open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pacing_ticks')
    .addColumn('tick_id', 'text', (c) => c.primaryKey())
    .addColumn('pool_key', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('inputs', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pacing_ticks_pool_at').on('pacing_ticks').columns(['pool_key', 'at']).execute();

  await db.schema
    .createTable('pacing_decisions')
    .addColumn('tick_id', 'text', (c) => c.notNull().references('pacing_ticks.tick_id').onDelete('cascade'))
    .addColumn('engagement_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('grant', 'throttle', 'pause')`))
    .addColumn('held_by', 'text')
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addColumn('allowance', 'integer', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('pacing_decisions_pk', ['tick_id', 'engagement_id'])
    .execute();
  await db.schema.createIndex('pacing_decisions_engagement_at').on('pacing_decisions').columns(['engagement_id', 'at']).execute();

  await db.schema
    .createTable('pacing_minutes')
    .addColumn('engagement_id', 'text', (c) => c.notNull())
    .addColumn('minute', 'timestamptz', (c) => c.notNull())
    .addColumn('pool_key', 'text', (c) => c.notNull())
    .addColumn('ticks', 'integer', (c) => c.notNull())
    .addColumn('grants', 'integer', (c) => c.notNull())
    .addColumn('allowance_min', 'integer', (c) => c.notNull())
    .addColumn('allowance_max', 'integer', (c) => c.notNull())
    .addColumn('allowance_sum', 'bigint', (c) => c.notNull())
    .addColumn('agents_sum', 'bigint', (c) => c.notNull())
    .addColumn('available_sum', 'bigint', (c) => c.notNull())
    .addColumn('in_flight_sum', 'bigint', (c) => c.notNull())
    // The write that last added to the row: a retried write (same id) adds nothing twice.
    .addColumn('last_write_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pacing_minutes_pk', ['engagement_id', 'minute', 'pool_key'])
    .execute();

  await db.schema.alterTable('dispatch_pools').addColumn('queue_open', 'boolean').addColumn('queue_checked_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dispatch_pools').dropColumn('queue_checked_at').dropColumn('queue_open').execute();
  await db.schema.dropTable('pacing_minutes').execute();
  await db.schema.dropTable('pacing_decisions').execute();
  await db.schema.dropTable('pacing_ticks').execute();
}
