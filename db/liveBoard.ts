/**
 * What the live board reads from Postgres for a set of engagements (one, or a pool's): deliveries by
 * status, the open backlog by wait reason, call figures, and per-minute series. Bounded reads: grouped
 * counts, one row per minute.
 */
import { type Kysely, sql } from 'kysely';
import { connectedCallSql } from './callFactsSql';
import { DELIVERY_STATUSES, isFinalStatus } from '../domain/delivery/deliveryStatus';
import type { Database } from './schema';

type Db = Kysely<Database>;

const FINAL_STATUSES = DELIVERY_STATUSES.filter(isFinalStatus);
const OPEN_STATUSES = DELIVERY_STATUSES.filter((s) => !isFinalStatus(s));
const n = (v: string | number | bigint | null) => Number(v ?? 0);

export async function deliveriesByStatus(db: Db, engagementIds: string[]): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('deliveries')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('engagement_id', 'in', engagementIds)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, n(r.n)]));
}

/** Deliveries completed since `since` (the seed's "processed": status Complete). */
export async function completedSince(db: Db, engagementIds: string[], since: Date): Promise<number> {
  const row = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('engagement_id', 'in', engagementIds)
    .where('status', '=', 'Complete')
    .where('result_date', '>=', since)
    .executeTakeFirstOrThrow();
  return n(row.n);
}

/** Open deliveries by what they wait for now (null: waiting for nothing, i.e. attempting). */
export async function openByWaitReason(db: Db, engagementIds: string[]): Promise<Array<{ reason: string | null; count: number }>> {
  const rows = await db
    .selectFrom('deliveries')
    .select([sql<string | null>`waiting_for->>'reason'`.as('reason'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('engagement_id', 'in', engagementIds)
    .where('status', 'in', OPEN_STATUSES)
    .groupBy(sql`waiting_for->>'reason'`)
    .execute();
  return rows.map((r) => ({ reason: r.reason, count: n(r.n) }));
}

/**
 * Calls placed, connected and abandoned (lifetime, as the report counts them) and the average handle time
 * of connected calls: talk + wrap-up as the dialer reported them (a missing wrap-up counts as none),
 * over the connected calls it reported a talk time for; null when it reported none. Not the call row's
 * ended_at - started_at: that is from placing the call to learning its result (ring and wait, no
 * conversation when the result comes at connect, as the simulator's does: the board read 0 s).
 */
export async function callTotals(db: Db, engagementIds: string[]) {
  const row = await db
    .selectFrom('calls')
    .innerJoin('deliveries', 'deliveries.delivery_id', 'calls.delivery_id')
    .select([
      sql<string>`count(*) filter (where calls.unique_id is not null)`.as('placed'),
      sql<string>`count(*) filter (where ${connectedCallSql()})`.as('connected'),
      sql<string>`count(*) filter (where coalesce(calls.abandoned, false))`.as('abandoned'),
      sql<string | null>`avg(calls.talk_ms + coalesce(calls.wrap_ms, 0))
        filter (where ${connectedCallSql()} and calls.talk_ms is not null)`.as('handle_ms'),
    ])
    .where('deliveries.engagement_id', 'in', engagementIds)
    .executeTakeFirstOrThrow();
  return {
    placed: n(row.placed),
    connected: n(row.connected),
    abandoned: n(row.abandoned),
    averageHandleMs: row.handle_ms === null ? null : Math.round(Number(row.handle_ms)),
  };
}

export interface MinuteCounts {
  minuteMs: number;
  placed: number;
  connects: number;
}

/** Calls placed and connected per minute of their request, over [from, to). */
export async function callsPerMinute(db: Db, engagementIds: string[], from: Date, to: Date): Promise<MinuteCounts[]> {
  const rows = await db
    .selectFrom('calls')
    .innerJoin('deliveries', 'deliveries.delivery_id', 'calls.delivery_id')
    .select([
      sql<Date>`date_trunc('minute', calls.requested_at)`.as('minute'),
      sql<string>`count(*) filter (where calls.unique_id is not null)`.as('placed'),
      sql<string>`count(*) filter (where ${connectedCallSql()})`.as('connects'),
    ])
    .where('deliveries.engagement_id', 'in', engagementIds)
    .where('calls.requested_at', '>=', from)
    .where('calls.requested_at', '<', to)
    .groupBy(sql`date_trunc('minute', calls.requested_at)`)
    .execute();
  return rows.map((r) => ({ minuteMs: new Date(r.minute).getTime(), placed: n(r.placed), connects: n(r.connects) }));
}

/**
 * One engagement's live answers and abandons per minute of their outcome, over [from, to) (the pacing
 * rule's figures: live answers whose abandonment the dialer did not report are not counted).
 */
export async function outcomesPerMinute(db: Db, engagementId: string, from: Date, to: Date) {
  const rows = await db
    .selectFrom('dispatch_outcomes')
    .select([
      sql<Date>`date_trunc('minute', at)`.as('minute'),
      sql<string>`count(*) filter (where live and abandoned is not null)`.as('live'),
      sql<string>`count(*) filter (where abandoned)`.as('abandoned'),
    ])
    .where('engagement_id', '=', engagementId)
    .where('at', '>=', from)
    .where('at', '<', to)
    .groupBy(sql`date_trunc('minute', at)`)
    .orderBy(sql`date_trunc('minute', at)`)
    .execute();
  return rows.map((r) => ({ minuteMs: new Date(r.minute).getTime(), live: n(r.live), abandoned: n(r.abandoned) }));
}

/** Occupancy per minute as the dispatcher's ticks saw it (busy share of staffed representatives), from its minute aggregates. */
export async function occupancyPerMinute(db: Db, engagementIds: string[], from: Date, to: Date) {
  const rows = await db
    .selectFrom('pacing_minutes')
    .select(['minute', sql<string | null>`max((agents_sum - available_sum)::float8 / nullif(agents_sum, 0))`.as('occupancy')])
    .where('engagement_id', 'in', engagementIds)
    .where('minute', '>=', from)
    .where('minute', '<', to)
    .groupBy('minute')
    .execute();
  return rows.map((r) => ({ minuteMs: new Date(r.minute).getTime(), occupancy: r.occupancy === null ? null : Number(r.occupancy) }));
}

/**
 * Open deliveries at the end of each minute over [from, to): those open at `from`, plus the minute's
 * arrivals, minus its finals (a final delivery's instant: its result date, else its last update, never before it arrived).
 */
export async function backlogPerMinute(db: Db, engagementIds: string[], from: Date, to: Date) {
  const finalAt = sql<Date>`greatest(coalesce(result_date, updated_at), created_at)`;
  const isFinal = sql<boolean>`status in (${sql.join(FINAL_STATUSES)})`;
  const base = await db
    .selectFrom('deliveries')
    .select(sql<string>`count(*) filter (where created_at < ${from} and not (${isFinal} and ${finalAt} < ${from}))`.as('n'))
    .where('engagement_id', 'in', engagementIds)
    .executeTakeFirstOrThrow();
  const deltas = await sql<{ minute: Date; arrived: string; finished: string }>`
    select minute, sum(arrived) as arrived, sum(finished) as finished from (
      select date_trunc('minute', created_at) as minute, 1 as arrived, 0 as finished
        from deliveries where engagement_id in (${sql.join(engagementIds)}) and created_at >= ${from} and created_at < ${to}
      union all
      select date_trunc('minute', ${finalAt}), 0, 1
        from deliveries where engagement_id in (${sql.join(engagementIds)}) and ${isFinal}
          and ${finalAt} >= ${from} and ${finalAt} < ${to} and created_at < ${to}
    ) d group by minute`.execute(db);
  return {
    openAtFrom: n(base.n),
    deltas: deltas.rows.map((r) => ({ minuteMs: new Date(r.minute).getTime(), arrived: n(r.arrived), finished: n(r.finished) })),
  };
}

/** The pool's last recorded tick (when its dispatcher cannot be asked): its inputs and when. */
export async function lastRecordedTick(db: Db, poolKey: string) {
  const row = await db
    .selectFrom('pacing_ticks')
    .select(['tick_id', 'at', 'inputs'])
    .where('pool_key', '=', poolKey)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { tickId: row.tick_id, atMs: new Date(row.at).getTime(), inputs: row.inputs } : undefined;
}

/** Open deliveries by engagement and wait reason (null: attempting), database-wide (the metrics' backlog gauge). */
export async function openByWaitReasonPerEngagement(db: Db) {
  const rows = await db
    .selectFrom('deliveries')
    .select(['engagement_id', sql<string | null>`waiting_for->>'reason'`.as('reason'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', 'in', OPEN_STATUSES)
    .groupBy(['engagement_id', sql`waiting_for->>'reason'`])
    .execute();
  return rows.map((r) => ({ engagementId: r.engagement_id, reason: r.reason, count: n(r.n) }));
}

/** Dial slots offered or granted (calls in flight), by engagement. */
export async function inFlightPerEngagement(db: Db) {
  const rows = await db
    .selectFrom('dispatch_queue')
    .select(['engagement_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('state', 'in', ['offered', 'granted'])
    .groupBy('engagement_id')
    .execute();
  return rows.map((r) => ({ engagementId: r.engagement_id, count: n(r.n) }));
}

/** Each pool's last recorded tick (its availability snapshot). */
export async function lastRecordedTicks(db: Db) {
  const rows = await sql<{ pool_key: string; at: Date; inputs: Record<string, unknown> }>`
    select distinct on (pool_key) pool_key, at, inputs from pacing_ticks order by pool_key, at desc`.execute(db);
  return rows.rows.map((r) => ({ poolKey: r.pool_key, atMs: new Date(r.at).getTime(), inputs: r.inputs }));
}
