import type { Kysely } from 'kysely';

/**
 * A live answer's abandonment may be unknown: a dialer that speaks only seed 004's result fields does not
 * say whether the person waited for a representative in vain. Pacing then learns nothing about
 * abandonment from it, instead of counting it as not abandoned (null, not false).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dispatch_outcomes')
    .alterColumn('abandoned', (c) => c.dropNotNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db
    .updateTable('dispatch_outcomes' as never)
    .set({ abandoned: false } as never)
    .where('abandoned' as never, 'is', null)
    .execute();
  await db.schema
    .alterTable('dispatch_outcomes')
    .alterColumn('abandoned', (c) => c.setNotNull())
    .execute();
}
