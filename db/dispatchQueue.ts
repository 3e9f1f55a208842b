/**
 * The dispatch backlog (`dispatch_queue`): one row per delivery waiting for, offered or holding a dial
 * slot. Its claim order is generated from the same sort keys as the pure comparator (domain/dispatch/queueOrder).
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import { customPriorityValue, type DialSlotRequest, type OrderKey, orderKeys, type SlotGrant } from '../domain/dispatch';
import type { CallOrder, EngagementConfig, RetryPriority } from '../domain/engagement';
import { requestGrantCount } from './pacingDecisions';
import type { Database } from './schema';

type Conn = Kysely<Database> | Transaction<Database>;

function orderExpression(key: OrderKey, retryPriority: RetryPriority): Expression<unknown> {
  switch (key.field) {
    case 'retryRank':
      return retryPriority === 'higher' ? sql`case when is_retry then 0 else 1 end` : sql`case when is_retry then 1 else 0 end`;
    case 'windowEndMs':
      return sql.ref('window_end');
    case 'customMissing':
      return sql`(custom_priority is null)`;
    case 'customPriority':
      return sql.ref('custom_priority');
    case 'createdAtMs':
      return sql.ref('delivery_created_at');
    case 'deliveryId':
      return sql.ref('delivery_id');
  }
}

/** The SQL ORDER BY of an engagement's queue, from the same keys as the pure comparator. */
export function queueOrderSql(callOrder: CallOrder, retryPriority: RetryPriority) {
  return sql.join(
    orderKeys(callOrder, retryPriority).map((k) => sql`${orderExpression(k, retryPriority)} ${sql.raw(k.direction)}`),
    sql`, `,
  );
}

/** The delivery's backlog row, if it has one: its state and the grant it holds. */
export async function queueRowOf(trx: Conn, deliveryId: string): Promise<{ state: string; grantId: string | null } | undefined> {
  const row = await trx.selectFrom('dispatch_queue').select(['state', 'grant_id']).where('delivery_id', '=', deliveryId).executeTakeFirst();
  return row && { state: row.state, grantId: row.grant_id };
}

/** The delivery's fields its backlog row sorts by: acceptance time and custom priority. */
export interface QueueSortFields {
  createdAt: Date;
  customPriority: number | null;
}

/** What a pool that may grant at the request reads of itself and the engagement (under the pool's lock). */
export interface PoolRoom {
  /** Slots the pool holds now (offered or granted, not yet released). */
  held: number;
  /** Whether a delivery of an active engagement waits in the pool. */
  activeWaiting: boolean;
  engagement?: { config: EngagementConfig; state: string };
}

/**
 * What a request for a dial slot reads, in one statement: the delivery's sort fields and, with
 * `withRoom` (a pool that may grant at the request), the pool's room and the engagement. Undefined
 * when the delivery has no row (yet: its intake commits once Temporal has accepted the start).
 */
export async function slotRequestFacts(
  trx: Conn,
  input: Pick<DialSlotRequest, 'deliveryId' | 'engagementId' | 'pool'>,
  withRoom: boolean,
): Promise<{ sort: QueueSortFields; room?: PoolRoom } | undefined> {
  const base = trx
    .selectFrom('deliveries as d')
    .select((eb) => [
      'd.created_at',
      eb
        .selectFrom('delivery_attributes as a')
        .select('a.value')
        .whereRef('a.delivery_id', '=', 'd.delivery_id')
        .where('a.keyword', '=', 'Priority')
        .where('a.type', '=', 'input')
        .limit(1)
        .as('priority'),
    ])
    .where('d.delivery_id', '=', input.deliveryId);
  const poolKey = input.pool.poolKey;
  const row = await base
    .$if(withRoom, (q) =>
      q
        .leftJoin('engagements as e', (join) => join.on('e.engagement_id', '=', input.engagementId))
        .select((eb) => [
          'e.config',
          'e.state',
          slotsHeld(eb as unknown as ExpressionBuilder<Database, never>, poolKey).as('held'),
          eb
            .exists(
              eb
                .selectFrom('dispatch_queue as q')
                .innerJoin('engagements as qe', 'qe.engagement_id', 'q.engagement_id')
                .select('q.delivery_id')
                .where('q.pool_key', '=', poolKey)
                .where('q.state', '=', 'waiting')
                .where('qe.state', '=', 'active'),
            )
            .as('active_waiting'),
        ]),
    )
    .executeTakeFirst();
  if (!row) return undefined;
  const sort = { createdAt: row.created_at, customPriority: customPriorityValue(row.priority) };
  if (!withRoom) return { sort };
  return {
    sort,
    room: {
      held: Number(row.held),
      activeWaiting: row.active_waiting as boolean,
      ...(row.config ? { engagement: { config: row.config as EngagementConfig, state: row.state! } } : {}),
    },
  };
}

/**
 * Adds the delivery to its pool's backlog, with the sort fields its call order needs (read here unless
 * given): waiting, or already granted under `grantId` (a grant at the request, counted in its minute in
 * the same statement). A delivery already there keeps its row, and nothing is counted: `inserted` says
 * whether this call wrote it. Returns the row's state and grant.
 */
export async function enqueueDelivery(
  trx: Conn,
  input: DialSlotRequest,
  grantId?: string,
  sort?: QueueSortFields,
): Promise<{ state: string; grantId: string | null; inserted: boolean }> {
  const fields = sort ?? (await slotRequestFacts(trx, input, false))?.sort;
  if (!fields) throw new Error(`no delivery ${input.deliveryId} to queue`);
  const now = new Date();
  let statement = trx.with('queued', (qc) =>
    qc
      .insertInto('dispatch_queue')
      .values({
        delivery_id: input.deliveryId,
        pool_key: input.pool.poolKey,
        engagement_id: input.engagementId,
        workflow_id: input.workflowId,
        attempt: input.attempt,
        is_retry: input.attempt > 1,
        delivery_created_at: fields.createdAt,
        window_end: input.windowEnd,
        custom_priority: fields.customPriority,
        enqueued_at: now,
        ...(grantId ? { state: 'granted' as const, grant_id: grantId, granted_at: now } : { state: 'waiting' as const }),
      })
      .onConflict((oc) => oc.column('delivery_id').doNothing())
      .returning(['state', 'grant_id']),
  );
  if (grantId) {
    // A raw statement is a CTE like any other at run time (in its parentheses); kysely's types only list its builders.
    statement = statement.with(
      'counted',
      (() => sql`(${requestGrantCount(input.pool.poolKey, input.engagementId, now, 'queued')})`) as never,
    ) as unknown as typeof statement;
  }
  const inserted = await statement.selectFrom('queued').select(['state', 'grant_id']).executeTakeFirst();
  if (inserted) return { state: inserted.state, grantId: inserted.grant_id, inserted: true };
  return { ...(await queueRowOf(trx, input.deliveryId))!, inserted: false };
}

/** The slots the pool holds now: offered or granted rows, not yet released. */
export async function poolSlotsHeld(trx: Conn, poolKey: string): Promise<number> {
  return Number((await slotsHeld(trx, poolKey).executeTakeFirstOrThrow()).n);
}

/** The count of the pool's slots held, as a query of its own or a subquery of another. */
function slotsHeld(from: Pick<Kysely<Database>, 'selectFrom'> | ExpressionBuilder<Database, never>, poolKey: string) {
  return (from as Pick<Kysely<Database>, 'selectFrom'>)
    .selectFrom('dispatch_queue')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('pool_key', '=', poolKey)
    .where('state', 'in', ['offered', 'granted']);
}

/** Deletes the row if it still waits; otherwise the state it is in (undefined when there is no row). */
export async function withdrawWaiting(db: Conn, deliveryId: string): Promise<{ withdrawn: boolean; state?: string }> {
  const deleted = await db
    .deleteFrom('dispatch_queue')
    .where('delivery_id', '=', deliveryId)
    .where('state', '=', 'waiting')
    .returning('delivery_id')
    .executeTakeFirst();
  if (deleted) return { withdrawn: true };
  const row = await db.selectFrom('dispatch_queue').select('state').where('delivery_id', '=', deliveryId).executeTakeFirst();
  return { withdrawn: !row, state: row?.state };
}

export async function deleteQueueRow(db: Conn, deliveryId: string): Promise<void> {
  await db.deleteFrom('dispatch_queue').where('delivery_id', '=', deliveryId).execute();
}

export async function setOfferAcceptedBy(db: Conn, deliveryId: string, representativeId: string): Promise<void> {
  await db.updateTable('dispatch_queue').set({ offer_accepted_by: representativeId }).where('delivery_id', '=', deliveryId).execute();
}

/** The pool's rows counted by engagement and state. */
export async function queueCounts(db: Conn, poolKey: string): Promise<Array<{ engagementId: string; state: string; count: number }>> {
  const rows = await db
    .selectFrom('dispatch_queue')
    .select(['engagement_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('pool_key', '=', poolKey)
    .groupBy(['engagement_id', 'state'])
    .execute();
  return rows.map((r) => ({ engagementId: r.engagement_id, state: r.state, count: Number(r.n) }));
}

/**
 * The pool's dial slots in flight: a granted slot counts from the grant until its call is answered (its
 * representative then shows as busy) or the slot is given back. Ringing calls come with their elapsed
 * ring time; the rest (not dialled, awaiting the dialer's acknowledgement, between two numbers of a
 * chain) are `placing`. A slot whose answered call was abandoned counts again once its next call is asked for.
 */
export async function dialsInFlight(db: Conn, poolKey: string): Promise<{ ringingMs: number[]; placing: number }> {
  const rows = await db
    .selectFrom('dispatch_queue as q')
    .select(
      sql<number | null>`case when q.ringing_since is not null and q.answered_at is null
        then (extract(epoch from (now() - q.ringing_since)) * 1000)::float8 end`.as('elapsed'),
    )
    .where('q.pool_key', '=', poolKey)
    .where('q.state', '=', 'granted')
    .where((eb) =>
      eb.or([
        eb('q.answered_at', 'is', null),
        eb.exists(
          eb
            .selectFrom('calls as c')
            .select('c.call_id')
            .whereRef('c.delivery_id', '=', 'q.delivery_id')
            .whereRef('c.requested_at', '>', 'q.answered_at')
            .where('c.ended_at', 'is', null),
        ),
      ]),
    )
    .limit(10_000)
    .execute();
  const ringingMs: number[] = [];
  let placing = 0;
  for (const r of rows) {
    if (r.elapsed === null) placing += 1;
    else ringingMs.push(Number(r.elapsed));
  }
  return { ringingMs, placing };
}

export interface QueueRowRef {
  delivery_id: string;
  workflow_id: string;
}

/** The rows an engagement already holds under a grant id (a retried grant finds its own). */
export async function rowsOfGrant(db: Conn, grantId: string, engagementId: string): Promise<QueueRowRef[]> {
  return db
    .selectFrom('dispatch_queue')
    .select(['delivery_id', 'workflow_id'])
    .where('grant_id', '=', grantId)
    .where('engagement_id', '=', engagementId)
    .execute();
}

/**
 * Claims the engagement's next `count` waiting rows in its call order under the grant id (skipping rows another claim locks).
 * The candidates are picked once, in a MATERIALIZED CTE: as `where delivery_id in (… limit n for update skip locked)` the
 * planner may re-run the subquery for each row it updates (a nested-loop semi join), and each run skips the rows just
 * updated and returns the next ones, so a grant of 8 claimed a backlog of 32.
 */
export async function claimWaiting(db: Conn, poolKey: string, grantId: string, g: SlotGrant, count: number): Promise<QueueRowRef[]> {
  const waiting: Expression<SqlBool> = sql<SqlBool>`engagement_id = ${g.engagementId} and pool_key = ${poolKey} and state = 'waiting'`;
  const result = await sql<QueueRowRef>`
    with picked as materialized (
      select delivery_id from dispatch_queue where ${waiting}
      order by ${queueOrderSql(g.callOrder, g.retryPriority)}
      limit ${count} for update skip locked)
    update dispatch_queue q set state = ${g.kind === 'offer' ? 'offered' : 'granted'}, grant_id = ${grantId}, granted_at = now()
    from picked where q.delivery_id = picked.delivery_id
    returning q.delivery_id, q.workflow_id`.execute(db);
  return result.rows;
}

/** Whether the pool holds a row that keeps its dispatcher busy: in flight, or waiting under an active engagement. */
export async function poolHasReadyRow(trx: Conn, poolKey: string): Promise<boolean> {
  const ready = await trx
    .selectFrom('dispatch_queue as q')
    .innerJoin('engagements as e', 'e.engagement_id', 'q.engagement_id')
    .select('q.delivery_id')
    .where('q.pool_key', '=', poolKey)
    .where((eb) => eb.or([eb('q.state', '!=', 'waiting'), eb('e.state', '=', 'active')]))
    .limit(1)
    .executeTakeFirst();
  return !!ready;
}
