/**
 * The record of one dispatcher tick, built from the planner's inputs (the snapshot, what pacing has
 * learnt) and its output (the grants), and the minute aggregates the dispatcher sends with its next
 * write. Pure and deterministic: the dispatcher workflow calls it after planning.
 */
import type { HeldBy, PacingEngagementEntry, PacingMinuteBucket, PacingTickRecord } from '../db/pacingDecisions';
import { dialModeAllowance, type DispatchSnapshot, poolAtTick, ruleAllowance, type SlotGrant } from '../domain/dispatch';
import { PRIORITIES } from '../domain/engagement';
import { answerProbability, lognormalMean, meanWrapMs, type PacingKnowledge, talkDistribution } from '../domain/pacing';

const ALLOWANCE_CEILING = 1_000_000;

/** At most this many minutes of unsent aggregates before the dispatcher sends them by themselves. */
export const PENDING_MINUTES_MAX = 15;

export function buildTickRecord(
  tickId: string,
  run: number,
  tick: number,
  snap: DispatchSnapshot,
  knowledge: PacingKnowledge,
  grants: readonly SlotGrant[],
  pausedNow: ReadonlySet<string>,
): PacingTickRecord {
  const pool = poolAtTick(snap);
  const grantedOf = (id: string) => grants.find((g) => g.engagementId === id)?.count ?? 0;
  const poolGranted = grants.reduce((n, g) => n + g.count, 0);
  const rank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number]);
  const engagements = snap.engagements.map((e): PacingEngagementEntry => {
    const dialAllowance = dialModeAllowance(
      {
        dialMode: e.dialMode,
        settings: e.dialModeSettings,
        abandonTarget: e.pacingRules.abandonmentCapPercent / 100,
        abandonSeconds: e.abandonmentSeconds,
      },
      pool,
      knowledge,
    );
    const rules = ruleAllowance(e.pacingRules, e.figures, e.inFlight, snap.agents.length);
    // Whole slots, as the allocation hands them out (bounded: a column, not Infinity).
    const allowance = Math.floor(Math.min(dialAllowance, rules, ALLOWANCE_CEILING));
    const granted = grantedOf(e.engagementId);
    const outranked = snap.engagements.some(
      (o) => o.state === 'active' && o.waiting > 0 && rank(o.priority) > rank(e.priority) && o.engagementId !== e.engagementId,
    );
    const mayRunOutside = e.dialMode === 'ai-agent' && e.dialModeSettings.allowOutsideQueueHours;
    let heldBy: HeldBy | null = null;
    if (e.waiting > granted) {
      if (e.state !== 'active') heldBy = 'paused';
      else if (snap.availabilityError !== undefined && !mayRunOutside) heldBy = 'availability-unknown';
      else if (!snap.withinOperatingHours && !mayRunOutside) heldBy = 'queue-closed';
      else if (outranked) heldBy = 'priority';
      else if (Math.floor(allowance) <= poolGranted) {
        const average = e.pacingRules.maxAverageWaitSeconds;
        const waitRule = average !== undefined && (e.figures.averageWaitMs ?? 0) > average * 1000;
        heldBy = rules < dialAllowance ? (waitRule ? 'pacing-rule:max-average-wait' : 'pacing-rule:max-queue-share') : 'dial-mode-limit';
      } else heldBy = 'round-robin';
    }
    return {
      engagementId: e.engagementId,
      state: e.state,
      reason: e.reason,
      dialMode: e.dialMode,
      waiting: e.waiting,
      inFlight: e.inFlight,
      dialModeAllowance: dialAllowance,
      ruleAllowance: Number.isFinite(rules) ? rules : null,
      allowance,
      granted,
      heldBy,
      pausedNow: pausedNow.has(e.engagementId),
    };
  });
  const available = snap.agents.filter((a) => a.state === 'available').length;
  const { estimates } = knowledge;
  return {
    tickId,
    atMs: snap.nowMs,
    inputs: {
      run,
      tick,
      withinOperatingHours: snap.withinOperatingHours,
      ...(snap.availabilityError !== undefined ? { availabilityError: snap.availabilityError } : {}),
      available,
      busy: snap.agents.length - available,
      ...(snap.offline !== undefined ? { offline: snap.offline } : {}),
      inFlight: snap.inFlight,
      ringing: snap.ringingMs.length,
      offers: snap.offers,
      answerProbability: round(answerProbability(estimates), 4),
      handleMs: Math.round(lognormalMean(talkDistribution(estimates)) + meanWrapMs(estimates)),
    },
    engagements,
  };
}

/** What makes a tick worth a write without grants: the queue's hours and, per engagement, whether and why it is held. */
export function decisionSignature(record: PacingTickRecord): string {
  const { withinOperatingHours, availabilityError } = record.inputs;
  return JSON.stringify([
    withinOperatingHours,
    availabilityError !== undefined,
    record.engagements.map((e) => [e.engagementId, e.state, e.heldBy, e.pausedNow]),
  ]);
}

/** Adds the tick to the unsent minute aggregates (one bucket per engagement and minute). */
export function addTick(buckets: Map<string, PacingMinuteBucket>, record: PacingTickRecord): void {
  const minuteMs = Math.floor(record.atMs / 60_000) * 60_000;
  const agents = record.inputs.available + record.inputs.busy;
  for (const e of record.engagements) {
    const key = `${e.engagementId}|${minuteMs}`;
    const { allowance } = e;
    const b = buckets.get(key);
    if (!b) {
      buckets.set(key, {
        engagementId: e.engagementId,
        minuteMs,
        ticks: 1,
        grants: e.granted,
        allowanceMin: allowance,
        allowanceMax: allowance,
        allowanceSum: allowance,
        agentsSum: agents,
        availableSum: record.inputs.available,
        inFlightSum: e.inFlight,
      });
      continue;
    }
    b.ticks += 1;
    b.grants += e.granted;
    b.allowanceMin = Math.min(b.allowanceMin, allowance);
    b.allowanceMax = Math.max(b.allowanceMax, allowance);
    b.allowanceSum += allowance;
    b.agentsSum += agents;
    b.availableSum += record.inputs.available;
    b.inFlightSum += e.inFlight;
  }
}

/** Minutes the unsent aggregates span. */
export function pendingMinutes(buckets: Map<string, PacingMinuteBucket>): number {
  return new Set([...buckets.values()].map((b) => b.minuteMs)).size;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
