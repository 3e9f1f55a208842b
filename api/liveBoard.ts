/**
 * The live campaign board of an engagement or a pool: the seed dashboard's tiles from Postgres, the
 * availability snapshot and allowances from the pool dispatcher's last tick (asked live; its last
 * recorded tick when it cannot be asked), abandonment over each engagement's own rule period, the
 * backlog by state, and per-minute series.
 */
import type { PacingTickRecord } from '../db/pacingDecisions';
import { dispatchedEngagements, type DispatchedEngagementRow } from '../db/dispatchEngagements';
import { engagementFiguresSince } from '../db/dispatchOutcomes';
import {
  backlogPerMinute,
  callsPerMinute,
  callTotals,
  completedSince,
  deliveriesByStatus,
  lastRecordedTick,
  occupancyPerMinute,
  openByWaitReason,
  outcomesPerMinute,
} from '../db/liveBoard';
import { backlogByState, occupancy, rate, rollingAbandonPercent, THROUGHPUT_PERIOD_MS, timeRemainingMs } from '../domain/board/liveBoard';
import { DEFAULT_PACING_RULES, dispatchPoolKey, type PacingRules, rulesPeriodStartMs } from '../domain/dispatch';
import { dispatcherWorkflowId } from '../temporal/workflowIds';
import { dispatcherStatusQuery } from '../workflows/dispatcherMessages';
import type { AppDeps } from './appDeps';
import { ApiError } from './errors';
import type { BoardEngagement, BoardResponse } from './schemas/board';

/** How long the board waits for the dispatcher's answer before showing its last recorded tick. */
const DISPATCHER_QUERY_MS = 3_000;

type Scope = BoardResponse['scope'];
const percent = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);

const rulesOf = (row: DispatchedEngagementRow): PacingRules => ({ ...DEFAULT_PACING_RULES, ...row.config.pacingRules });
const poolKeyOf = (row: DispatchedEngagementRow) =>
  row.config.channel === 'voice' ? dispatchPoolKey({ ...row.config, engagementId: row.engagementId }) : null;

export async function engagementBoard(deps: AppDeps, engagementId: string, minutes: number): Promise<BoardResponse> {
  const [row] = await dispatchedEngagements(deps.db, [engagementId]);
  if (!row) throw new ApiError(404, 'not_found', `no engagement "${engagementId}"`);
  const poolKey = poolKeyOf(row);
  return board(deps, { kind: 'engagement', engagementId, poolKey }, [row], poolKey, minutes);
}

export async function poolBoard(deps: AppDeps, poolKey: string, minutes: number): Promise<BoardResponse> {
  const ids = (await deps.db.selectFrom('engagements').select('engagement_id').execute()).map((r) => r.engagement_id);
  const rows = (await dispatchedEngagements(deps.db, ids)).filter((r) => poolKeyOf(r) === poolKey);
  if (rows.length === 0) throw new ApiError(404, 'not_found', `no engagement dispatches in pool "${poolKey}"`);
  return board(deps, { kind: 'pool', poolKey }, rows, poolKey, minutes);
}

/** The dispatcher's last tick, asked live; undefined when it does not answer in time (not running, no worker). */
async function liveTick(deps: AppDeps, poolKey: string): Promise<PacingTickRecord | undefined> {
  const handle = deps.temporal.workflow.getHandle(dispatcherWorkflowId(deps.taskQueue, poolKey));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), DISPATCHER_QUERY_MS)));
  try {
    const status = await Promise.race([handle.query(dispatcherStatusQuery), timeout]);
    return status?.lastTick;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

async function board(
  deps: AppDeps,
  scope: Scope,
  rows: DispatchedEngagementRow[],
  poolKey: string | null,
  minutes: number,
): Promise<BoardResponse> {
  const { db } = deps;
  const ids = rows.map((r) => r.engagementId);
  const nowMs = Date.now();
  const to = new Date(Math.floor(nowMs / 60_000) * 60_000 + 60_000);
  const from = new Date(to.getTime() - minutes * 60_000);
  const points = Array.from({ length: minutes }, (_, i) => from.getTime() + i * 60_000);

  const live = poolKey ? await liveTick(deps, poolKey) : undefined;
  const recorded = !live && poolKey ? await lastRecordedTick(db, poolKey) : undefined;
  const inputs = live?.inputs ?? (recorded?.inputs as PacingTickRecord['inputs'] | undefined);
  const [byStatus, completedLastHour, byReason, calls, perMinute, occupancies, backlog] = await Promise.all([
    deliveriesByStatus(db, ids),
    completedSince(db, ids, new Date(nowMs - THROUGHPUT_PERIOD_MS)),
    openByWaitReason(db, ids),
    callTotals(db, ids),
    callsPerMinute(db, ids, from, to),
    occupancyPerMinute(db, ids, from, to),
    backlogPerMinute(db, ids, from, to),
  ]);

  // Each engagement's abandonment over its own rule period (now, and at each minute's end).
  let liveAnswers = 0;
  let abandoned = 0;
  const rolling = points.map(() => ({ live: 0, abandoned: 0 }));
  const engagements: BoardEngagement[] = [];
  for (const row of rows) {
    const rules = rulesOf(row);
    const periodStart = (endMs: number) => rulesPeriodStartMs(rules, row.rulesSince, endMs);
    const since = new Date(periodStart(nowMs));
    const figures = await engagementFiguresSince(db, row.engagementId, since);
    const outcomes = await outcomesPerMinute(db, row.engagementId, new Date(periodStart(from.getTime())), to);
    rollingAbandonPercent(outcomes, points, periodStart).forEach((p, i) => {
      rolling[i]!.live += p.live;
      rolling[i]!.abandoned += p.abandoned;
    });
    liveAnswers += figures.abandonmentReported;
    abandoned += figures.abandoned;
    const entry = live?.engagements.find((e) => e.engagementId === row.engagementId);
    engagements.push({
      engagementId: row.engagementId,
      state: row.state,
      reason: row.reason,
      priority: row.config.channel === 'voice' ? row.config.priority : null,
      dialMode: row.config.channel === 'voice' ? row.config.dialMode : 'sms',
      waiting: entry?.waiting ?? null,
      inFlight: entry?.inFlight ?? null,
      dialModeAllowance: entry ? finite(entry.dialModeAllowance) : null,
      ruleAllowance: entry?.ruleAllowance ?? null,
      allowance: entry?.allowance ?? null,
      heldBy: entry?.heldBy ?? null,
      abandonment: {
        windowHours: rules.abandonmentWindowHours,
        capPercent: rules.abandonmentCapPercent,
        minimumLiveAnswers: rules.minimumLiveAnswers,
        since: since.toISOString(),
        // The rule's own count: live answers whose abandonment the dialer reported.
        liveAnswers: figures.abandonmentReported,
        abandoned: figures.abandoned,
        ratePercent: percent(rate(figures.abandoned, figures.abandonmentReported)),
      },
    });
  }
  // A pool's cap line is its strictest engagement's.
  const capPercent = rows.length ? Math.min(...rows.map((r) => rulesOf(r).abandonmentCapPercent)) : null;

  const pending = byStatus.Pending ?? 0;
  const inProgress = byStatus.InProcess ?? 0;
  const at = (ms: number) => perMinute.find((m) => m.minuteMs === ms);
  let open = backlog.openAtFrom;
  const backlogSeries = points.map((ms) => {
    const d = backlog.deltas.find((x) => x.minuteMs === ms);
    open += (d?.arrived ?? 0) - (d?.finished ?? 0);
    return Math.max(0, open);
  });
  const inFlight = live ? live.engagements.reduce((s, e) => s + e.inFlight, 0) : null;
  const allowance = live ? live.engagements.reduce((s, e) => s + e.allowance, 0) : null;
  return {
    scope,
    at: new Date(nowMs).toISOString(),
    tiles: {
      pending,
      inProgress,
      completed: byStatus.Complete ?? 0,
      total: Object.values(byStatus).reduce((s, v) => s + v, 0),
      throughputLastHour: completedLastHour,
      timeRemainingMs: timeRemainingMs(pending + inProgress, completedLastHour),
      abandonedRate: rate(calls.abandoned, calls.placed),
      connectRate: rate(calls.connected, calls.placed),
      averageHandleMs: calls.averageHandleMs,
      callsPlaced: calls.placed,
    },
    representatives: {
      source: live ? 'dispatcher' : recorded ? 'recorded' : 'none',
      at: live ? new Date(live.atMs).toISOString() : recorded ? new Date(recorded.atMs).toISOString() : null,
      available: inputs?.available ?? null,
      busy: inputs?.busy ?? null,
      offline: inputs?.offline ?? null,
      occupancy: inputs ? occupancy(inputs.available, inputs.busy) : null,
      withinOperatingHours: inputs?.withinOperatingHours ?? null,
      availabilityError: inputs?.availabilityError ?? null,
    },
    dialing: {
      inFlight: scope.kind === 'engagement' ? (engagements[0]?.inFlight ?? null) : (inFlight ?? inputs?.inFlight ?? null),
      ringing: inputs?.ringing ?? null,
      allowance: scope.kind === 'engagement' ? (engagements[0]?.allowance ?? null) : allowance,
      answerProbability: inputs?.answerProbability ?? null,
      handleMs: inputs?.handleMs ?? null,
    },
    abandonment: { ratePercent: percent(rate(abandoned, liveAnswers)), capPercent, liveAnswers, abandoned },
    backlog: backlogByState(byReason),
    engagements,
    series: {
      minutes: points.map((ms) => new Date(ms).toISOString()),
      callsPlaced: points.map((ms) => at(ms)?.placed ?? 0),
      connects: points.map((ms) => at(ms)?.connects ?? 0),
      abandonPercent: rolling.map((p) => percent(rate(p.abandoned, p.live))),
      capPercent,
      occupancy: points.map((ms) => occupancies.find((o) => o.minuteMs === ms)?.occupancy ?? null),
      backlog: backlogSeries,
    },
  };
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);
