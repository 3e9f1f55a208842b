/**
 * A pool's row (`dispatch_pools`): its idle flag, whether its queue was last seen open, and the lock that orders a dispatcher going idle
 * against a delivery arriving, so that neither misses the other.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema';

type Conn = Kysely<Database> | Transaction<Database>;

/** Creates the pool's row if missing; true when this call created it. */
export async function ensurePoolRow(trx: Conn, poolKey: string): Promise<boolean> {
  const created = await trx
    .insertInto('dispatch_pools')
    .values({ pool_key: poolKey })
    .onConflict((oc) => oc.column('pool_key').doNothing())
    .returning('pool_key')
    .executeTakeFirst();
  return !!created;
}

/**
 * Creates the pool's row if missing and locks it for the caller's transaction, in one statement (an
 * upsert locks the row it updates): whether this call created it, its idle flag, what its dispatcher
 * last saw of the queue's hours.
 */
export async function lockPool(
  trx: Transaction<Database>,
  poolKey: string,
): Promise<{ created: boolean; idle: boolean; queueOpen: boolean | null }> {
  const row = await trx
    .insertInto('dispatch_pools')
    .values({ pool_key: poolKey })
    .onConflict((oc) => oc.column('pool_key').doUpdateSet({ pool_key: sql.ref('excluded.pool_key') }))
    // xmax is 0 on a row version this statement inserted, and the updating transaction's id otherwise.
    .returning(['idle', 'queue_open', sql<boolean>`xmax = 0`.as('created')])
    .executeTakeFirstOrThrow();
  return { created: row.created, idle: row.idle, queueOpen: row.queue_open };
}

export async function setPoolIdle(trx: Conn, poolKey: string, idle: boolean): Promise<void> {
  await trx
    .updateTable('dispatch_pools')
    .set({ idle, updated_at: sql`now()` })
    .where('pool_key', '=', poolKey)
    .execute();
}

/** What the dispatcher last saw of the pool's queue hours (the delivery view reports `queue-closed` from it). */
export async function setQueueOpen(trx: Conn, poolKey: string, open: boolean, at: Date): Promise<void> {
  // An update only: the row's creation is requestDialSlot's, which wakes the dispatcher when it creates it.
  await trx.updateTable('dispatch_pools').set({ queue_open: open, queue_checked_at: at }).where('pool_key', '=', poolKey).execute();
}

/** Whether the dispatcher last saw the pool's queue open; undefined when it has not recorded it. */
export async function poolQueueState(db: Conn, poolKey: string): Promise<{ open: boolean; checkedAt: Date } | undefined> {
  const row = await db
    .selectFrom('dispatch_pools')
    .select(['queue_open', 'queue_checked_at'])
    .where('pool_key', '=', poolKey)
    .executeTakeFirst();
  if (!row || row.queue_open === null || !row.queue_checked_at) return undefined;
  return { open: row.queue_open, checkedAt: new Date(row.queue_checked_at) };
}
