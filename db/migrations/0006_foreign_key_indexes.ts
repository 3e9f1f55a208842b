import type { Kysely } from 'kysely';

/**
 * The one foreign key without an index (test/db/foreignKeyIndexes.test.ts checks them all): deleting a
 * delivery scanned every delivery for a follow-up pointing at it (1,000 among 200k took 68 s).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('deliveries_follow_up_delivery_id')
    .on('deliveries')
    .column('follow_up_delivery_id')
    .where('follow_up_delivery_id', 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('deliveries_follow_up_delivery_id').execute();
}
