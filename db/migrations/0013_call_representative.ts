import type { Kysely } from 'kysely';

/**
 * The representative who accepted a preview call (null for other dial modes, where the dialer routes
 * the answered call and the engine does not learn who took it): only that representative's agent key
 * may post the call's disposition codes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('representative_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').dropColumn('representative_id').execute();
}
