import { type Kysely, sql } from 'kysely';

/**
 * Slots granted at the request (AI agent pools with room, domain/dispatch/grantAtRequest.ts), counted per
 * engagement, pool and minute beside the dispatcher's own minute records: each delivery's request adds
 * one in its own transaction, so it cannot share `pacing_minutes`, whose rows one dispatcher writes at a
 * time and whose retries are recognised by the last write's id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('request_grant_minutes')
    .addColumn('engagement_id', 'text', (c) => c.notNull())
    .addColumn('minute', 'timestamptz', (c) => c.notNull())
    .addColumn('pool_key', 'text', (c) => c.notNull())
    .addColumn('grants', 'integer', (c) => c.notNull().check(sql`grants >= 0`))
    .addPrimaryKeyConstraint('request_grant_minutes_pk', ['engagement_id', 'minute', 'pool_key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_grant_minutes').execute();
}
