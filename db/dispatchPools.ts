/**
 * A pool's row (`dispatch_pools`): its idle flag, and the lock that orders a dispatcher going idle
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

/** Locks the pool's row for the caller's transaction; returns its idle flag. */
export async function lockPool(trx: Transaction<Database>, poolKey: string): Promise<{ idle: boolean }> {
  return trx.selectFrom('dispatch_pools').select('idle').where('pool_key', '=', poolKey).forUpdate().executeTakeFirstOrThrow();
}

export async function setPoolIdle(trx: Conn, poolKey: string, idle: boolean): Promise<void> {
  await trx
    .updateTable('dispatch_pools')
    .set({ idle, updated_at: sql`now()` })
    .where('pool_key', '=', poolKey)
    .execute();
}
