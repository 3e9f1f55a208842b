import { ApplicationFailure } from '@temporalio/activity';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/connect';
import { type CampaignFigures, customPriorityValue, type DispatchPool, DEFAULT_PACING_RULES, type OrderKey, orderKeys, type PacingRules } from '../domain/dispatch';
import type { CallOrder, DialMode, DialModeSettings, EngagementConfig, Priority, RetryPriority } from '../domain/engagement';
import type { AgentSnapshot } from '../domain/pacing';
import { dialSlotGrantedSignal } from '../workflows/deliveryMessages';
import type { DispatcherOptions } from '../workflows/dispatcher';
import { ensureDispatcher } from '../runtime/dispatcherStart';
import type { AvailabilityClient } from './availabilityClient';

export type { DispatchPool } from '../domain/dispatch';

export interface DispatchActivitiesDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  availability: AvailabilityClient;
  /** Passed to dispatchers this worker starts (tests shorten ticks and runs). */
  dispatcherOptions?: Partial<DispatcherOptions>;
}

export interface DialSlotRequest {
  pool: DispatchPool;
  deliveryId: string;
  workflowId: string;
  engagementId: string;
  attempt: number;
  /** End of the window the delivery is dialable in now (window-end call order). */
  windowEnd: string;
  /** Signal the dispatcher even if it is not marked idle (a delivery that waited long re-knocks). */
  forceWake?: boolean;
}

/** One engagement of a pool as a dispatch tick sees it: live settings, state and its queue counts. */
export interface EngagementAtTick {
  engagementId: string;
  state: string;
  reason: string | null;
  priority: Priority;
  callOrder: CallOrder;
  retryPriority: RetryPriority;
  dialMode: DialMode;
  dialModeSettings: DialModeSettings;
  abandonmentSeconds: number;
  pacingRules: PacingRules;
  waiting: number;
  offered: number;
  inFlight: number;
  figures: CampaignFigures;
}

export interface PacingOutcomeRow {
  id: string;
  atMs: number;
  ringMs: number;
  live: boolean;
  abandoned: boolean;
}

export interface DispatchSnapshot {
  nowMs: number;
  withinOperatingHours: boolean;
  agents: AgentSnapshot[];
  averageHandleMs?: number;
  /** Elapsed ring time of each call placed and not yet answered or released, pool-wide. */
  ringingMs: number[];
  offers: number;
  inFlight: number;
  engagements: EngagementAtTick[];
  /** Outcomes after the caller's cursor, oldest first (at most a page). */
  outcomes: PacingOutcomeRow[];
  availabilityError?: string;
}

export interface GrantRequest {
  pool: DispatchPool;
  /** Names this tick's grants: a retried activity re-signals the same rows instead of claiming more. */
  grantId: string;
  grants: Array<{ engagementId: string; count: number; kind: 'dial' | 'offer'; callOrder: CallOrder; retryPriority: RetryPriority }>;
}

const OUTCOME_PAGE = 500;

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

export function createDispatchActivities({ db, temporal, taskQueue, availability, dispatcherOptions }: DispatchActivitiesDeps) {
  const wake = (pool: DispatchPool) => ensureDispatcher(temporal, taskQueue, pool, { wake: true, options: dispatcherOptions });

  /** When this worker last made sure each pool's dispatcher runs: one check per pool per minute, not per delivery. */
  const ensuredAt = new Map<string, number>();

  /** Starts the dispatcher if it is not running (terminated, or a namespace reset), without an event in its history if it is. */
  async function ensureRunning(pool: DispatchPool): Promise<void> {
    if (Date.now() - (ensuredAt.get(pool.poolKey) ?? -Infinity) < 60_000) return;
    ensuredAt.set(pool.poolKey, Date.now());
    await ensureDispatcher(temporal, taskQueue, pool, { options: dispatcherOptions });
  }

  /**
   * Puts a delivery in its pool's backlog (once, however often retried) and wakes the dispatcher if
   * it sleeps. The pool row is locked so a dispatcher going idle and a delivery arriving cannot miss
   * each other.
   */
  async function requestDialSlot(input: DialSlotRequest): Promise<{ state: string }> {
    const { wakeNeeded, state } = await db.transaction().execute(async (trx) => {
      const created = await trx.insertInto('dispatch_pools').values({ pool_key: input.pool.poolKey }).onConflict((oc) => oc.column('pool_key').doNothing()).returning('pool_key').executeTakeFirst();
      const pool = await trx.selectFrom('dispatch_pools').select('idle').where('pool_key', '=', input.pool.poolKey).forUpdate().executeTakeFirstOrThrow();
      const delivery = await trx.selectFrom('deliveries').select('created_at').where('delivery_id', '=', input.deliveryId).executeTakeFirstOrThrow();
      const priority = await trx
        .selectFrom('delivery_attributes')
        .select('value')
        .where('delivery_id', '=', input.deliveryId)
        .where('keyword', '=', 'Priority')
        .where('type', '=', 'input')
        .executeTakeFirst();
      await trx
        .insertInto('dispatch_queue')
        .values({
          delivery_id: input.deliveryId,
          pool_key: input.pool.poolKey,
          engagement_id: input.engagementId,
          workflow_id: input.workflowId,
          attempt: input.attempt,
          is_retry: input.attempt > 1,
          delivery_created_at: delivery.created_at,
          window_end: input.windowEnd,
          custom_priority: customPriorityValue(priority?.value),
          state: 'waiting',
          enqueued_at: new Date(),
        })
        .onConflict((oc) => oc.column('delivery_id').doNothing())
        .execute();
      const row = await trx.selectFrom('dispatch_queue').select('state').where('delivery_id', '=', input.deliveryId).executeTakeFirstOrThrow();
      if (pool.idle) await trx.updateTable('dispatch_pools').set({ idle: false, updated_at: sql`now()` }).where('pool_key', '=', input.pool.poolKey).execute();
      return { wakeNeeded: !!created || pool.idle, state: row.state };
    });
    if (wakeNeeded || input.forceWake) await wake(input.pool);
    else await ensureRunning(input.pool);
    return { state };
  }

  /** Takes a delivery out of the backlog; if a grant beat the withdrawal, says so (the slot is the delivery's). */
  async function withdrawDialSlot(input: { deliveryId: string }): Promise<{ withdrawn: boolean; state?: string }> {
    const deleted = await db.deleteFrom('dispatch_queue').where('delivery_id', '=', input.deliveryId).where('state', '=', 'waiting').returning('delivery_id').executeTakeFirst();
    if (deleted) return { withdrawn: true };
    const row = await db.selectFrom('dispatch_queue').select('state').where('delivery_id', '=', input.deliveryId).executeTakeFirst();
    return { withdrawn: !row, state: row?.state };
  }

  /** Gives the slot back (attempt over, cancelled, or offer expired). */
  async function releaseDialSlot(input: { deliveryId: string }): Promise<void> {
    await db.deleteFrom('dispatch_queue').where('delivery_id', '=', input.deliveryId).execute();
  }

  /** Preview: the representative who accepted the offer; the offer stops counting against other representatives' offers. */
  async function recordPreviewAcceptance(input: { deliveryId: string; representativeId: string }): Promise<void> {
    await db.updateTable('dispatch_queue').set({ offer_accepted_by: input.representativeId }).where('delivery_id', '=', input.deliveryId).execute();
  }

  async function engagementFigures(engagementId: string, rules: PacingRules, rulesSince: Date | null): Promise<CampaignFigures> {
    const periodStart = Date.now() - rules.abandonmentWindowHours * 3600_000;
    const since = new Date(Math.max(periodStart, rulesSince ? new Date(rulesSince).getTime() : 0));
    const row = await db
      .selectFrom('dispatch_outcomes')
      .select((eb) => [
        sql<string>`count(*) filter (where live)`.as('live_answers'),
        sql<string>`count(*) filter (where abandoned)`.as('abandoned'),
        sql<string | null>`avg(wait_ms) filter (where live and not abandoned and wait_ms is not null)`.as('average_wait_ms'),
        eb.fn.countAll<string>().as('calls'),
        sql<string>`count(*) filter (where failed)`.as('failed_calls'),
      ])
      .where('engagement_id', '=', engagementId)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return {
      liveAnswers: Number(row.live_answers),
      abandoned: Number(row.abandoned),
      averageWaitMs: row.average_wait_ms === null ? null : Number(row.average_wait_ms),
      calls: Number(row.calls),
      failedCalls: Number(row.failed_calls),
    };
  }

  /**
   * Everything one dispatch tick needs, in one read: the queue's availability, the pool's calls in
   * flight, each engagement's live settings, counts and rule figures, and the outcomes pacing has not
   * learnt from yet. Bounded: one entry per engagement, per call in flight, and a page of outcomes.
   */
  async function loadDispatchSnapshot(input: { pool: DispatchPool; outcomeCursor: string; extraEngagementIds?: string[] }): Promise<DispatchSnapshot> {
    const { pool } = input;
    const counts = await db
      .selectFrom('dispatch_queue')
      .select(['engagement_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
      .where('pool_key', '=', pool.poolKey)
      .groupBy(['engagement_id', 'state'])
      .execute();
    const ringing = await db
      .selectFrom('dispatch_queue')
      .select(sql<number>`(extract(epoch from (now() - ringing_since)) * 1000)::float8`.as('elapsed'))
      .where('pool_key', '=', pool.poolKey)
      .where('state', '=', 'granted')
      .where('ringing_since', 'is not', null)
      .where('answered_at', 'is', null)
      .limit(10_000)
      .execute();
    const ids = [...new Set([...counts.map((c) => c.engagement_id), ...(input.extraEngagementIds ?? [])])];
    const rows = ids.length ? await db.selectFrom('engagements').select(['engagement_id', 'config', 'state', 'state_reason', 'rules_since']).where('engagement_id', 'in', ids).execute() : [];
    const engagements: EngagementAtTick[] = [];
    for (const row of rows) {
      const config = row.config as EngagementConfig;
      const rules: PacingRules = { ...DEFAULT_PACING_RULES, ...config.pacingRules };
      const of = (state: string) => Number(counts.find((c) => c.engagement_id === row.engagement_id && c.state === state)?.n ?? 0);
      engagements.push({
        engagementId: row.engagement_id,
        state: row.state,
        reason: row.state_reason,
        priority: config.priority,
        callOrder: config.callOrder,
        retryPriority: config.reattempts.retryPriority,
        dialMode: config.dialMode,
        dialModeSettings: config.dialModeSettings,
        abandonmentSeconds: config.abandonment.seconds,
        pacingRules: rules,
        waiting: of('waiting'),
        offered: of('offered'),
        inFlight: of('offered') + of('granted'),
        figures: await engagementFigures(row.engagement_id, rules, row.rules_since),
      });
    }
    const outcomes = await db
      .selectFrom('dispatch_outcomes')
      .select(['id', 'at', 'ring_ms', 'live', 'abandoned'])
      .where('pool_key', '=', pool.poolKey)
      .where('id', '>', input.outcomeCursor)
      .orderBy('id')
      .limit(OUTCOME_PAGE)
      .execute();

    let availabilityError: string | undefined;
    let queue: Awaited<ReturnType<AvailabilityClient['queueAvailability']>> = { withinOperatingHours: false, agents: [] };
    try {
      queue = await availability.queueAvailability(pool.queueId, pool.skills);
    } catch (err) {
      // Unknown availability: dial nothing this tick (safe for callers), say why, try again next tick.
      availabilityError = (err as Error).message;
    }
    const offers = engagements.reduce((n, e) => n + e.offered, 0);
    return {
      nowMs: Date.now(),
      withinOperatingHours: queue.withinOperatingHours,
      agents: queue.agents,
      ...(queue.averageHandleMs !== undefined ? { averageHandleMs: queue.averageHandleMs } : {}),
      ringingMs: ringing.map((r) => Number(r.elapsed)),
      offers,
      inFlight: engagements.reduce((n, e) => n + e.inFlight, 0),
      engagements,
      outcomes: outcomes.map((o) => ({ id: String(o.id), atMs: new Date(o.at).getTime(), ringMs: o.ring_ms, live: o.live, abandoned: o.abandoned })),
      ...(availabilityError ? { availabilityError } : {}),
    };
  }

  /**
   * Claims each engagement's next deliveries in its call order and tells their workflows. Claimed
   * rows carry the grant id, so a retry signals the same deliveries again (a duplicate grant signal
   * is ignored by the delivery) and never holds more than the count under that id. A workflow that
   * is gone frees its row. Returns the deliveries newly claimed and told.
   */
  async function grantDialSlots(input: GrantRequest): Promise<{ granted: number }> {
    let granted = 0;
    for (const g of input.grants) {
      const already = await db.selectFrom('dispatch_queue').select(['delivery_id', 'workflow_id']).where('grant_id', '=', input.grantId).where('engagement_id', '=', g.engagementId).execute();
      const need = g.count - already.length;
      let claimed: Array<{ delivery_id: string; workflow_id: string }> = [];
      if (need > 0) {
        const waiting: Expression<SqlBool> = sql<SqlBool>`engagement_id = ${g.engagementId} and pool_key = ${input.pool.poolKey} and state = 'waiting'`;
        const result = await sql<{ delivery_id: string; workflow_id: string }>`
          update dispatch_queue set state = ${g.kind === 'offer' ? 'offered' : 'granted'}, grant_id = ${input.grantId}, granted_at = now()
          where delivery_id in (
            select delivery_id from dispatch_queue where ${waiting}
            order by ${queueOrderSql(g.callOrder, g.retryPriority)}
            limit ${need} for update skip locked)
          returning delivery_id, workflow_id`.execute(db);
        claimed = result.rows;
      }
      const rows = [...already, ...claimed];
      const fresh = new Set(claimed.map((r) => r.delivery_id));
      for (let i = 0; i < rows.length; i += 50) {
        await Promise.all(
          rows.slice(i, i + 50).map(async (row) => {
            try {
              await temporal.workflow.getHandle(row.workflow_id).signal(dialSlotGrantedSignal, { grantId: input.grantId, kind: g.kind });
              if (fresh.has(row.delivery_id)) granted += 1;
            } catch (err) {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
              // Gone (finished or terminated): free its row; a retry of this grant may top up to the count.
              await db.deleteFrom('dispatch_queue').where('delivery_id', '=', row.delivery_id).execute();
            }
          }),
        );
      }
    }
    return { granted };
  }

  /**
   * Marks the pool idle (arrivals must wake its dispatcher) unless a delivery of an active engagement
   * is already waiting. Under the pool row lock requestDialSlot takes, so no arrival slips between.
   */
  async function markPoolIdle(input: { poolKey: string }): Promise<{ idle: boolean }> {
    return db.transaction().execute(async (trx) => {
      await trx.insertInto('dispatch_pools').values({ pool_key: input.poolKey }).onConflict((oc) => oc.column('pool_key').doNothing()).execute();
      await trx.selectFrom('dispatch_pools').select('idle').where('pool_key', '=', input.poolKey).forUpdate().executeTakeFirstOrThrow();
      const ready = await trx
        .selectFrom('dispatch_queue as q')
        .innerJoin('engagements as e', 'e.engagement_id', 'q.engagement_id')
        .select('q.delivery_id')
        .where('q.pool_key', '=', input.poolKey)
        .where((eb) => eb.or([eb('q.state', '!=', 'waiting'), eb('e.state', '=', 'active')]))
        .limit(1)
        .executeTakeFirst();
      await trx.updateTable('dispatch_pools').set({ idle: !ready, updated_at: sql`now()` }).where('pool_key', '=', input.poolKey).execute();
      return { idle: !ready };
    });
  }

  /**
   * Persists an engagement's state and/or priority (the dispatcher's updates and pacing-rule pauses).
   * A state change is a compare-and-set from the opposite state: `changed` is false when the
   * engagement was not in it (already paused, not paused, stopped), with the state it is in.
   */
  async function setEngagementControl(input: { engagementId: string; state?: 'active' | 'paused'; reason?: string | null; priority?: Priority }): Promise<{ changed: boolean; state: string; reason: string | null; priority: Priority }> {
    let q = db.updateTable('engagements').set({ updated_at: new Date() }).where('engagement_id', '=', input.engagementId);
    if (input.state) q = q.set({ state: input.state, state_reason: input.reason ?? null }).where('state', '=', input.state === 'paused' ? 'active' : 'paused');
    if (input.state === 'active') q = q.set({ rules_since: new Date() });
    if (input.priority) q = q.set({ config: sql`jsonb_set(config, '{priority}', to_jsonb(${input.priority}::text))` });
    const updated = await q.returning(['state', 'state_reason', 'config']).executeTakeFirst();
    const row = updated ?? (await db.selectFrom('engagements').select(['state', 'state_reason', 'config']).where('engagement_id', '=', input.engagementId).executeTakeFirst());
    if (!row) throw ApplicationFailure.nonRetryable(`no engagement "${input.engagementId}"`, 'UnknownEngagement');
    return { changed: !!updated, state: row.state, reason: row.state_reason, priority: (row.config as EngagementConfig).priority };
  }

  return { requestDialSlot, withdrawDialSlot, releaseDialSlot, recordPreviewAcceptance, loadDispatchSnapshot, grantDialSlots, markPoolIdle, setEngagementControl };
}
