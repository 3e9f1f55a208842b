/**
 * Pacing decisions (`pacing_ticks`, `pacing_decisions`, `pacing_minutes`): what the dispatcher saw and
 * decided, kept compactly. The dispatcher sends a write when a tick granted slots (with the grant) or
 * when its decision changed; the ticks in between reach the minute aggregates with the next write.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { setQueueOpen } from './dispatchPools';
import type { Database } from './schema';

type Conn = Kysely<Database> | Transaction<Database>;

/** Why an engagement's waiting deliveries were not all granted this tick. */
export type HeldBy =
  | 'paused'
  | 'availability-unknown'
  | 'queue-closed'
  | 'priority'
  | 'pacing-rule:max-average-wait'
  | 'pacing-rule:max-queue-share'
  | 'dial-mode-limit'
  | 'round-robin';

/** One engagement at one tick: its figures, its allowance (the tighter of its dial mode's and its rules'), its grants. */
export interface PacingEngagementEntry {
  engagementId: string;
  state: string;
  reason: string | null;
  dialMode: string;
  waiting: number;
  inFlight: number;
  dialModeAllowance: number;
  /** null: no rule limits it. */
  ruleAllowance: number | null;
  allowance: number;
  granted: number;
  heldBy: HeldBy | null;
  /** A pacing rule paused the engagement at this tick (the reason is in `reason`). */
  pausedNow: boolean;
}

/** The pool at one tick, as the tick's decision used it. */
export interface PacingTickInputs {
  run: number;
  tick: number;
  withinOperatingHours: boolean;
  availabilityError?: string;
  available: number;
  /** Busy or in wrap-up. */
  busy: number;
  /** Offline or away: not staffed (absent when the availability service does not list representatives). */
  offline?: number;
  inFlight: number;
  ringing: number;
  offers: number;
  answerProbability: number;
  /** Talk plus wrap-up, ms, as pacing estimates it. */
  handleMs: number;
}

export interface PacingTickRecord {
  /** `${runId}-${tick}`: the grant id of the tick's grants. */
  tickId: string;
  atMs: number;
  inputs: PacingTickInputs;
  engagements: PacingEngagementEntry[];
}

/** Ticks of one engagement in one minute, summed. */
export interface PacingMinuteBucket {
  engagementId: string;
  minuteMs: number;
  ticks: number;
  grants: number;
  allowanceMin: number;
  allowanceMax: number;
  allowanceSum: number;
  agentsSum: number;
  availableSum: number;
  inFlightSum: number;
}

export interface PacingWrite {
  /** Makes a retried write a no-op (the tick id, or the run's flush id). */
  writeId: string;
  poolKey: string;
  tick?: PacingTickRecord;
  /** Every tick since the last write, this one included. */
  buckets: PacingMinuteBucket[];
  /** Whether the pool's queue is inside its operating hours, when the write carries a change of it. */
  queueOpen?: boolean;
}

export type DecisionKind = 'grant' | 'throttle' | 'pause';

/** What an engagement's entry in a recorded tick counts as; undefined: nothing to record for it. */
export function decisionKind(e: PacingEngagementEntry): DecisionKind | undefined {
  if (e.heldBy === 'paused' || e.pausedNow) return 'pause';
  if (e.heldBy !== null) return 'throttle';
  return e.granted > 0 ? 'grant' : undefined;
}

/** Applies one write in one transaction; a retry of the same write changes nothing. */
export async function recordPacing(db: Kysely<Database>, write: PacingWrite): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { tick } = write;
    if (tick) {
      const at = new Date(tick.atMs);
      await trx
        .insertInto('pacing_ticks')
        .values({ tick_id: tick.tickId, pool_key: write.poolKey, at, inputs: JSON.stringify(tick.inputs) })
        .onConflict((oc) => oc.column('tick_id').doNothing())
        .execute();
      const rows = tick.engagements.flatMap((e) => {
        const kind = decisionKind(e);
        if (!kind) return [];
        const { engagementId, heldBy, granted, allowance, ...detail } = e;
        return [
          {
            tick_id: tick.tickId,
            engagement_id: engagementId,
            at,
            kind,
            held_by: heldBy,
            granted,
            allowance,
            detail: JSON.stringify(detail),
          },
        ];
      });
      if (rows.length > 0)
        await trx
          .insertInto('pacing_decisions')
          .values(rows)
          .onConflict((oc) => oc.columns(['tick_id', 'engagement_id']).doNothing())
          .execute();
    }
    await addMinutes(trx, write.writeId, write.poolKey, write.buckets);
    if (write.queueOpen !== undefined) await setQueueOpen(trx, write.poolKey, write.queueOpen, new Date(tick?.atMs ?? Date.now()));
  });
}

async function addMinutes(trx: Conn, writeId: string, poolKey: string, buckets: PacingMinuteBucket[]): Promise<void> {
  if (buckets.length === 0) return;
  await trx
    .insertInto('pacing_minutes')
    .values(
      buckets.map((b) => ({
        engagement_id: b.engagementId,
        minute: new Date(b.minuteMs),
        pool_key: poolKey,
        ticks: b.ticks,
        grants: b.grants,
        allowance_min: b.allowanceMin,
        allowance_max: b.allowanceMax,
        allowance_sum: b.allowanceSum,
        agents_sum: b.agentsSum,
        available_sum: b.availableSum,
        in_flight_sum: b.inFlightSum,
        last_write_id: writeId,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['engagement_id', 'minute', 'pool_key'])
        .doUpdateSet({
          ticks: sql`pacing_minutes.ticks + excluded.ticks`,
          grants: sql`pacing_minutes.grants + excluded.grants`,
          allowance_min: sql`least(pacing_minutes.allowance_min, excluded.allowance_min)`,
          allowance_max: sql`greatest(pacing_minutes.allowance_max, excluded.allowance_max)`,
          allowance_sum: sql`pacing_minutes.allowance_sum + excluded.allowance_sum`,
          agents_sum: sql`pacing_minutes.agents_sum + excluded.agents_sum`,
          available_sum: sql`pacing_minutes.available_sum + excluded.available_sum`,
          in_flight_sum: sql`pacing_minutes.in_flight_sum + excluded.in_flight_sum`,
          last_write_id: sql`excluded.last_write_id`,
        })
        // Writes of one pool come one at a time (its dispatcher awaits each): the same id is a retry.
        .where('pacing_minutes.last_write_id', '<>', sql<string>`excluded.last_write_id`),
    )
    .execute();
}

/** Counts one slot granted at the request in its minute (in the request's own transaction). */
export async function countRequestGrant(trx: Conn, poolKey: string, engagementId: string, at: Date): Promise<void> {
  await requestGrantCount(poolKey, engagementId, at).execute(trx);
}

/**
 * The upsert that counts one slot granted at the request in its minute; with `perRowOf` (a CTE of the
 * statement it joins) it counts once per row of it, so a request whose backlog row was already there
 * (a retry) counts nothing.
 */
export function requestGrantCount(poolKey: string, engagementId: string, at: Date, perRowOf?: string) {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  const from = perRowOf ? sql` from ${sql.table(perRowOf)}` : sql``;
  return sql`insert into request_grant_minutes (engagement_id, minute, pool_key, grants)
    select ${engagementId}, ${minute}::timestamptz, ${poolKey}, 1${from}
    on conflict (engagement_id, minute, pool_key) do update set grants = request_grant_minutes.grants + 1`;
}

/** One minute of an engagement in one pool, as the pacing report lists it. */
export interface PacingMinute {
  minute: string;
  pool: string;
  ticks: number;
  grants: number;
  grantsAtRequest: number;
  /** The ticks' averages; null in a minute with no tick written. */
  allowance: { min: number; max: number; avg: number } | null;
  agents: { avg: number; availableAvg: number } | null;
  inFlight: { avg: number } | null;
}

/**
 * The engagement's minute aggregates over [from, to), oldest first, per pool: the dispatcher's ticks, and
 * the slots granted at the request in the same minute (`grantsAtRequest`; `grants` are the ticks'). A
 * minute with grants at the request whose ticks are not written yet (the dispatcher writes quiet ticks
 * in batches) is listed with `ticks` 0 and no tick averages.
 */
export async function pacingMinutes(db: Kysely<Database>, engagementId: string, from: Date, to: Date): Promise<PacingMinute[]> {
  const [ticked, requested] = await Promise.all([
    db
      .selectFrom('pacing_minutes')
      .selectAll()
      .where('engagement_id', '=', engagementId)
      .where('minute', '>=', from)
      .where('minute', '<', to)
      .execute(),
    db
      .selectFrom('request_grant_minutes')
      .selectAll()
      .where('engagement_id', '=', engagementId)
      .where('minute', '>=', from)
      .where('minute', '<', to)
      .execute(),
  ]);
  const key = (r: { minute: Date | string; pool_key: string }) => `${new Date(r.minute).toISOString()} ${r.pool_key}`;
  const atRequest = new Map(requested.map((r) => [key(r), r.grants]));
  const minutes = ticked.map((r): PacingMinute => {
    const avg = (sum: string) => Math.round((Number(sum) / r.ticks) * 100) / 100;
    return {
      minute: new Date(r.minute).toISOString(),
      pool: r.pool_key,
      ticks: r.ticks,
      grants: r.grants,
      grantsAtRequest: atRequest.get(key(r)) ?? 0,
      allowance: { min: r.allowance_min, max: r.allowance_max, avg: avg(r.allowance_sum) } as {
        min: number;
        max: number;
        avg: number;
      } | null,
      agents: { avg: avg(r.agents_sum), availableAvg: avg(r.available_sum) },
      inFlight: { avg: avg(r.in_flight_sum) },
    };
  });
  const listed = new Set(ticked.map(key));
  for (const r of requested) {
    if (listed.has(key(r))) continue;
    const minute = new Date(r.minute).toISOString();
    minutes.push({
      minute,
      pool: r.pool_key,
      ticks: 0,
      grants: 0,
      grantsAtRequest: r.grants,
      allowance: null,
      agents: null,
      inFlight: null,
    });
  }
  return minutes.sort((a, b) => a.minute.localeCompare(b.minute) || a.pool.localeCompare(b.pool));
}

/** The engagement's recorded decisions over [from, to), oldest first, each with its tick's pool inputs. */
export async function pacingDecisions(db: Kysely<Database>, engagementId: string, from: Date, to: Date, limit: number) {
  const rows = await db
    .selectFrom('pacing_decisions as d')
    .innerJoin('pacing_ticks as t', 't.tick_id', 'd.tick_id')
    .select(['d.tick_id', 'd.at', 'd.kind', 'd.held_by', 'd.granted', 'd.allowance', 'd.detail', 't.pool_key', 't.inputs'])
    .where('d.engagement_id', '=', engagementId)
    .where('d.at', '>=', from)
    .where('d.at', '<', to)
    .orderBy('d.at')
    .orderBy('d.tick_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    tickId: r.tick_id,
    at: new Date(r.at).toISOString(),
    pool: r.pool_key,
    kind: r.kind,
    heldBy: r.held_by,
    granted: r.granted,
    allowance: r.allowance,
    engagement: r.detail,
    poolInputs: r.inputs,
  }));
}

/**
 * Deletes pacing records older than `before` (ticks with their decisions, and minute aggregates): the
 * purge command runs it with the delivery retention, so the tables do not grow without bound.
 */
export async function purgePacingRecords(db: Kysely<Database>, before: Date): Promise<{ ticks: number; minutes: number }> {
  const ticks = await db.deleteFrom('pacing_ticks').where('at', '<', before).executeTakeFirst();
  const minutes = await db.deleteFrom('pacing_minutes').where('minute', '<', before).executeTakeFirst();
  const requestMinutes = await db.deleteFrom('request_grant_minutes').where('minute', '<', before).executeTakeFirst();
  return { ticks: Number(ticks.numDeletedRows), minutes: Number(minutes.numDeletedRows) + Number(requestMinutes.numDeletedRows) };
}
