import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DispatchPool, DispatchSnapshot, EngagementAtTick } from '../activities/dispatch';
import { allocateSlots, dialModeAllowance, evaluatePauseRules, type PoolSnapshot, ruleAllowance } from '../domain/dispatch';
import { PRIORITIES, type Priority } from '../domain/engagement';
import {
  type AbandonController,
  answerProbability,
  controllerForTarget,
  type Estimates,
  initialEstimates,
  observeLiveAnswer,
  observeOutcome,
} from '../domain/pacing';
import {
  type DispatcherStatus,
  type EngagementControlResult,
  dispatcherStatusQuery,
  pauseEngagementUpdate,
  resumeEngagementUpdate,
  setEngagementPriorityUpdate,
  wakeDispatcherSignal,
} from './dispatcherMessages';

const { loadDispatchSnapshot, grantDialSlots, markPoolIdle, setEngagementControl } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds' },
});

export interface DispatcherOptions {
  /** Pause between ticks while there is work (ms). */
  tickMs: number;
  /** Longest sleep of an idle dispatcher before it looks again by itself (ms). */
  idleSleepMs: number;
  /** Continue-as-new once a run's history passes this many events. */
  maxHistoryEvents: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = { tickMs: 1000, idleSleepMs: 10 * 60_000, maxHistoryEvents: 2000 };

/** What one run hands the next: small and bounded (no list of deliveries, ever). */
export interface DispatcherCarry {
  run: number;
  ticks: number;
  granted: number;
  estimates: Estimates;
  controller: AbandonController;
  roundRobinAfter?: string;
  outcomeCursor: string;
}

export interface DispatcherInput {
  pool: DispatchPool;
  options?: Partial<DispatcherOptions>;
  carried?: DispatcherCarry;
}

/**
 * The campaign layer of one pool (a queue + skill set, or one AI-led engagement): every tick it reads
 * availability and the backlog's counts from Postgres, applies each engagement's pacing rules, asks
 * the pacing module how many calls the pool may start, splits them by strict priority and
 * round-robin, and grants slots to the next deliveries in each engagement's call order. Deliveries
 * are their own workflows and only wait for a grant, so they outlive any continue-as-new here.
 */
export async function dispatcherWorkflow(input: DispatcherInput): Promise<void> {
  const options: DispatcherOptions = { ...DEFAULT_DISPATCHER_OPTIONS, ...input.options };
  const carry: DispatcherCarry = input.carried ?? {
    run: 0,
    ticks: 0,
    granted: 0,
    estimates: initialEstimates(),
    controller: controllerForTarget(0.03),
    outcomeCursor: '0',
  };
  carry.run += 1;
  let woken = false;
  let idle = false;
  /** The engagements of the last tick, overlaid by the updates since (validators read it). */
  const known = new Map<string, Pick<EngagementAtTick, 'engagementId' | 'state' | 'reason' | 'priority' | 'waiting' | 'inFlight'>>();

  setHandler(wakeDispatcherSignal, () => {
    woken = true;
  });
  setHandler(dispatcherStatusQuery, (): DispatcherStatus => ({
    poolKey: input.pool.poolKey,
    run: carry.run,
    ticks: carry.ticks,
    granted: carry.granted,
    idle,
    engagements: [...known.values()].map((e) => ({ ...e })),
    answerProbability: answerProbability(carry.estimates),
  }));

  /** Bumped when an update starts changing an engagement: a tick whose snapshot overlaps one is redone. */
  let controlEpoch = 0;
  let controlsRunning = 0;

  async function control(engagementId: string, change: { state?: 'active' | 'paused'; reason?: string | null; priority?: Priority }): Promise<EngagementControlResult> {
    controlEpoch += 1;
    controlsRunning += 1;
    let saved: Awaited<ReturnType<typeof setEngagementControl>>;
    try {
      saved = await setEngagementControl({ engagementId, ...change });
    } finally {
      controlsRunning -= 1;
    }
    if (!saved.changed) {
      known.set(engagementId, { ...(known.get(engagementId) ?? { engagementId, waiting: 0, inFlight: 0 }), state: saved.state, reason: saved.reason, priority: saved.priority });
      // Fails this update only (not the workflow): the caller learns it did not take effect, and why.
      throw ApplicationFailure.nonRetryable(`engagement ${engagementId} is ${saved.state === 'paused' ? 'already paused' : saved.state === 'active' ? 'not paused' : saved.state}`, 'NotApplied');
    }
    const entry = known.get(engagementId) ?? { engagementId, state: saved.state, reason: saved.reason, priority: saved.priority, waiting: 0, inFlight: 0 };
    known.set(engagementId, { ...entry, state: saved.state, reason: saved.reason, priority: saved.priority });
    woken = true;
    return { engagementId, state: saved.state === 'paused' ? 'paused' : 'active', priority: saved.priority, reason: saved.reason };
  }

  setHandler(pauseEngagementUpdate, ({ engagementId, reason }) => control(engagementId, { state: 'paused', reason: reason ?? 'paused by an operator' }), {
    validator: ({ engagementId }) => {
      if (!engagementId) throw new Error('engagementId is required');
      if (known.get(engagementId)?.state === 'paused') throw new Error(`engagement ${engagementId} is already paused`);
    },
  });
  setHandler(resumeEngagementUpdate, ({ engagementId }) => control(engagementId, { state: 'active', reason: null }), {
    validator: ({ engagementId }) => {
      if (!engagementId) throw new Error('engagementId is required');
      const state = known.get(engagementId)?.state;
      if (state !== undefined && state !== 'paused') throw new Error(`engagement ${engagementId} is not paused`);
    },
  });
  setHandler(setEngagementPriorityUpdate, ({ engagementId, priority }) => control(engagementId, { priority }), {
    validator: ({ engagementId, priority }) => {
      if (!engagementId) throw new Error('engagementId is required');
      if (!PRIORITIES.includes(priority)) throw new Error(`priority must be one of ${PRIORITIES.join(', ')}`);
    },
  });

  function learn(snap: DispatchSnapshot): void {
    for (const o of snap.outcomes) {
      carry.estimates = observeOutcome(carry.estimates, o.live ? { kind: 'live', atMs: o.atMs, ringMs: o.ringMs } : { kind: 'nonLive', atMs: o.atMs, durationMs: o.ringMs });
      if (o.live) {
        carry.controller = observeLiveAnswer(carry.controller, o.abandoned, o.atMs);
        // Handle time comes from the availability contract's average (the dialer does not report talk time).
        if (!o.abandoned && snap.averageHandleMs !== undefined) carry.estimates = observeOutcome(carry.estimates, { kind: 'handled', atMs: o.atMs, talkMs: snap.averageHandleMs, wrapMs: 0 });
      }
      carry.outcomeCursor = o.id;
    }
  }

  /** The pool's controller aims at the strictest abandonment cap among its engagements (rebuilt if that changes). */
  function steerTo(engagements: EngagementAtTick[]): void {
    if (engagements.length === 0) return;
    const target = Math.min(...engagements.map((e) => e.pacingRules.abandonmentCapPercent)) / 100;
    if (carry.controller.abandonTarget !== undefined && Math.abs(carry.controller.abandonTarget - target) < 1e-9) return;
    carry.controller = controllerForTarget(target);
  }

  async function applyPauseRules(engagements: EngagementAtTick[]): Promise<void> {
    for (const e of engagements) {
      if (e.state !== 'active') continue;
      const verdict = evaluatePauseRules(e.pacingRules, e.figures, e.dialMode === 'ai-agent');
      if (verdict.kind === 'pause') {
        // Compare-and-set: an operator's pause or stop that got there first stays as it is.
        const saved = await setEngagementControl({ engagementId: e.engagementId, state: 'paused', reason: verdict.reason });
        e.state = saved.state;
        e.reason = saved.reason;
      }
    }
  }

  function tickGrants(snap: DispatchSnapshot) {
    const pool: PoolSnapshot = {
      nowMs: snap.nowMs,
      inQueueHours: snap.withinOperatingHours && snap.availabilityError === undefined,
      agents: snap.agents,
      ringing: snap.ringingMs.map((elapsedMs) => ({ elapsedMs })),
      waitingLive: 0,
      offers: snap.offers,
      inFlight: snap.inFlight,
    };
    const knowledge = { estimates: carry.estimates, controller: carry.controller };
    const demands = snap.engagements.map((e) => ({
      engagementId: e.engagementId,
      priority: e.priority,
      paused: e.state !== 'active',
      waiting: e.waiting,
      allowance: Math.min(
        dialModeAllowance({ dialMode: e.dialMode, settings: e.dialModeSettings, abandonTarget: e.pacingRules.abandonmentCapPercent / 100, abandonSeconds: e.abandonmentSeconds }, pool, knowledge),
        ruleAllowance(e.pacingRules, e.figures, e.inFlight, snap.agents.length),
      ),
    }));
    const allocation = allocateSlots(demands, carry.roundRobinAfter);
    carry.roundRobinAfter = allocation.roundRobinAfter;
    return snap.engagements
      .filter((e) => (allocation.grants[e.engagementId] ?? 0) > 0)
      .map((e) => ({ engagementId: e.engagementId, count: allocation.grants[e.engagementId]!, kind: e.dialMode === 'preview' ? ('offer' as const) : ('dial' as const), callOrder: e.callOrder, retryPriority: e.retryPriority }));
  }

  for (;;) {
    const info = workflowInfo();
    if (info.historyLength >= options.maxHistoryEvents || info.continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof dispatcherWorkflow>({ pool: input.pool, options: input.options, carried: carry });
    }
    woken = false;
    carry.ticks += 1;
    const epoch = controlEpoch;
    const snap = await loadDispatchSnapshot({ pool: input.pool, outcomeCursor: carry.outcomeCursor, extraEngagementIds: [...known.keys()] });
    steerTo(snap.engagements);
    learn(snap);
    if (epoch !== controlEpoch || controlsRunning > 0) {
      // A pause/resume/priority change overlapped this read: its figures may predate the change.
      await condition(() => controlsRunning === 0);
      continue;
    }
    await applyPauseRules(snap.engagements);
    known.clear();
    for (const e of snap.engagements) known.set(e.engagementId, { engagementId: e.engagementId, state: e.state, reason: e.reason, priority: e.priority, waiting: e.waiting, inFlight: e.inFlight });

    const grants = tickGrants(snap);
    if (grants.length > 0) {
      const { granted } = await grantDialSlots({ pool: input.pool, grantId: `${info.runId}-${carry.ticks}`, grants });
      carry.granted += granted;
    }

    const grantable = snap.engagements.some((e) => e.state === 'active' && e.waiting > 0);
    if (!grantable && snap.inFlight === 0 && (await markPoolIdle({ poolKey: input.pool.poolKey })).idle) {
      // Nothing to do until a delivery arrives or an operator resumes: sleep without ticking.
      idle = true;
      if (!woken) await condition(() => woken, options.idleSleepMs);
      idle = false;
      continue;
    }
    if (!woken) await condition(() => woken, options.tickMs);
  }
}
