/**
 * One dispatch tick's decisions, from the tick's snapshot and what the pool has learnt: what to learn
 * from new outcomes, where to steer the abandonment controller, which engagements break a pause rule,
 * and how many slots each engagement gets. Pure: the dispatcher workflow reads, calls these, and writes.
 */
import { type AbandonController, controllerForTarget, observeLiveAnswer, observeOutcome, type PacingKnowledge } from '../pacing';
import type { SlotGrant } from './dialSlots';
import { dialModeAllowance, type PoolSnapshot } from './dialModeAllowance';
import { poolInFlightLimit } from './grantAtRequest';
import type { PacingMemory } from './dispatcherRun';
import { evaluatePauseRules, ruleAllowance } from './pacingRules';
import { allocateSlots } from './slotAllocation';
import type { DispatchSnapshot, EngagementAtTick, PacingOutcomeRow } from './tickSnapshot';

/**
 * How long a live answer rang before the person answered. The outcome is recorded when the dialer
 * reports it, at the connect or the abandon: a connected answer waited `waitMs` for its
 * representative before that, an abandoned one the engagement's abandonment seconds.
 */
export function answeredAfterMs(
  o: PacingOutcomeRow,
  engagements: readonly Pick<EngagementAtTick, 'engagementId' | 'abandonmentSeconds'>[] = [],
): number {
  const graceMs = (engagements.find((e) => e.engagementId === o.engagementId)?.abandonmentSeconds ?? 0) * 1000;
  const waited = o.abandoned ? graceMs : (o.waitMs ?? 0);
  return Math.max(0, o.ringMs - waited);
}

export interface LearnOptions {
  /**
   * Learn the availability contract's average handle time with the prior's spread (`handledOnAverage`)
   * rather than as if each conversation had lasted exactly the average, which taught pacing a spread
   * of zero (it then over-dialled: bench/pacing, "as the live engine saw before 2026-12-01").
   */
  handleTimeWithSpread?: boolean;
}

/** Feeds the snapshot's outcomes, oldest first, to the estimates and the controller; moves the cursor past them. */
export function learn(
  memory: PacingMemory,
  snap: Pick<DispatchSnapshot, 'outcomes' | 'averageHandleMs'> & { engagements?: DispatchSnapshot['engagements'] },
  options: LearnOptions = {},
): PacingMemory {
  let { estimates, controller, outcomeCursor } = memory;
  for (const o of snap.outcomes) {
    estimates = observeOutcome(
      estimates,
      o.live
        ? { kind: 'live', atMs: o.atMs, ringMs: answeredAfterMs(o, snap.engagements) }
        : { kind: 'nonLive', atMs: o.atMs, durationMs: o.ringMs },
    );
    if (o.live) {
      // An answer whose abandonment the dialer did not report teaches the controller nothing: counted
      // as connected, it would make an unmeasured abandonment rate look like zero.
      if (o.abandoned !== null) controller = observeLiveAnswer(controller, o.abandoned, o.atMs);
      // Handle time comes from the availability contract's average (the dialer does not report talk time).
      if (!o.abandoned && snap.averageHandleMs !== undefined) {
        estimates = observeOutcome(
          estimates,
          options.handleTimeWithSpread
            ? { kind: 'handledOnAverage', atMs: o.atMs, handleMs: snap.averageHandleMs }
            : { kind: 'handled', atMs: o.atMs, talkMs: snap.averageHandleMs, wrapMs: 0 },
        );
      }
    }
    outcomeCursor = o.id;
  }
  return { estimates, controller, outcomeCursor };
}

/** The pool's abandonment target: the strictest cap among its engagements (a fraction); undefined without any. */
export function poolAbandonTarget(engagements: readonly Pick<EngagementAtTick, 'pacingRules'>[]): number | undefined {
  if (engagements.length === 0) return undefined;
  return Math.min(...engagements.map((e) => e.pacingRules.abandonmentCapPercent)) / 100;
}

/** The controller aimed at the pool's target: the same one while the target holds, a fresh one when it changes. */
export function steer(controller: AbandonController, engagements: readonly Pick<EngagementAtTick, 'pacingRules'>[]): AbandonController {
  const target = poolAbandonTarget(engagements);
  if (target === undefined) return controller;
  if (controller.abandonTarget !== undefined && Math.abs(controller.abandonTarget - target) < 1e-9) return controller;
  return controllerForTarget(target);
}

/** Active engagements whose figures break a pause rule, with the reason to record. */
export function pausesDue(engagements: readonly EngagementAtTick[]): Array<{ engagementId: string; reason: string }> {
  const due: Array<{ engagementId: string; reason: string }> = [];
  for (const e of engagements) {
    if (e.state !== 'active') continue;
    const verdict = evaluatePauseRules(e.pacingRules, e.figures, e.dialMode === 'ai-agent');
    if (verdict.kind === 'pause') due.push({ engagementId: e.engagementId, reason: verdict.reason });
  }
  return due;
}

export interface TickGrants {
  grants: SlotGrant[];
  /** Where round-robin resumes next tick. */
  roundRobinAfter?: string;
}

/** The pool as the dial modes see it; unknown availability counts as outside queue hours (dial nothing). */
export function poolAtTick(snap: DispatchSnapshot): PoolSnapshot {
  return {
    nowMs: snap.nowMs,
    inQueueHours: snap.withinOperatingHours && snap.availabilityError === undefined,
    agents: snap.agents,
    ringing: snap.ringingMs.map((elapsedMs) => ({ elapsedMs })),
    placing: snap.placing,
    waitingLive: 0,
    ...(snap.answersReportedAtConnect ? { answersReportedAtConnect: true } : {}),
    offers: snap.offers,
    inFlight: snap.inFlight,
  };
}

/**
 * The slots of this tick: each engagement's allowance is the tighter of its dial mode's and its pacing
 * rules'; strict priority and round-robin split them. Preview engagements get offers, the rest dials.
 */
export function planGrants(snap: DispatchSnapshot, knowledge: PacingKnowledge, roundRobinAfter?: string): TickGrants {
  const pool = poolAtTick(snap);
  const demands = snap.engagements.map((e) => ({
    engagementId: e.engagementId,
    priority: e.priority,
    paused: e.state !== 'active',
    waiting: e.waiting,
    allowance: Math.min(
      dialModeAllowance(
        {
          dialMode: e.dialMode,
          settings: e.dialModeSettings,
          abandonTarget: e.pacingRules.abandonmentCapPercent / 100,
          abandonSeconds: e.abandonmentSeconds,
        },
        pool,
        knowledge,
      ),
      ruleAllowance(e.pacingRules, e.figures, e.inFlight, snap.agents.length),
    ),
  }));
  const allocation = allocateSlots(demands, roundRobinAfter);
  const grants = snap.engagements
    .filter((e) => (allocation.grants[e.engagementId] ?? 0) > 0)
    .map((e) => {
      const limit = poolInFlightLimit(e.dialMode, e.dialModeSettings);
      return {
        engagementId: e.engagementId,
        count: allocation.grants[e.engagementId]!,
        kind: e.dialMode === 'preview' ? ('offer' as const) : ('dial' as const),
        callOrder: e.callOrder,
        retryPriority: e.retryPriority,
        ...(limit !== undefined ? { poolInFlightLimit: limit } : {}),
      };
    });
  return { grants, roundRobinAfter: allocation.roundRobinAfter };
}

/** Nothing to grant and nothing in flight: the pool may go idle (the backlog has the last word, under its lock). */
export function poolMayIdle(snap: Pick<DispatchSnapshot, 'engagements' | 'inFlight'>): boolean {
  const grantable = snap.engagements.some((e) => e.state === 'active' && e.waiting > 0);
  return !grantable && snap.inFlight === 0;
}
