import { type Kysely, sql } from 'kysely';

/** Cancellation and suppression policies, and the contact location fields they filter on. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cancellation_policies')
    .addColumn('policy_id', 'uuid', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text')
    .addColumn('country', 'text')
    .addColumn('state', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('until', 'timestamptz')
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('ended_at', 'timestamptz')
    .addColumn('cancelled_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('delivery_contacts')
    .addColumn('country', 'text')
    .addColumn('state', 'text')
    .addColumn('postal_code', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('delivery_contacts').dropColumn('country').dropColumn('state').dropColumn('postal_code').execute();
  await db.schema.dropTable('cancellation_policies').execute();
}
