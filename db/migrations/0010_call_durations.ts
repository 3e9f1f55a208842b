import type { Kysely } from 'kysely';

/**
 * A connected call's conversation as the dialer reports it: talk and wrap-up (the board's average handle
 * time is their sum). The call row's own timestamps say when the engine placed it and learnt its
 * result, which a dialer reporting at connect makes nearly equal: they never measured a conversation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('talk_ms', 'integer').addColumn('wrap_ms', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').dropColumn('talk_ms').dropColumn('wrap_ms').execute();
}
