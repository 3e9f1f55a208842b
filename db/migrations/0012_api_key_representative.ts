import type { Kysely } from 'kysely';

/**
 * The representative an agent's key acts as: the preview desk and its routes take the representative
 * from the key, not from what the caller types (null: a key bound to no representative).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('representative_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_keys').dropColumn('representative_id').execute();
}
