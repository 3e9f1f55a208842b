import type { Db } from '../../db/connect';
import { dispatchedEngagements } from '../../db/dispatchEngagements';
import { engagementFiguresSince, outcomesAfter } from '../../db/dispatchOutcomes';
import { dialsInFlight, queueCounts } from '../../db/dispatchQueue';
import {
  type CampaignFigures,
  DEFAULT_PACING_RULES,
  type DispatchPool,
  type DispatchSnapshot,
  type EngagementAtTick,
  type PacingRules,
  rulesPeriodStartMs,
} from '../../domain/dispatch';
import type { AvailabilityClient } from '../availabilityClient';

export interface SnapshotActivitiesDeps {
  db: Db;
  availability: AvailabilityClient;
}

/** Outcomes learnt per tick at most: a long-idle pool catches up over a few ticks, in bounded reads. */
const OUTCOME_PAGE = 500;

export function createSnapshotActivities({ db, availability }: SnapshotActivitiesDeps) {
  /** The engagement's figures over its abandonment period, from its last resume if that is later. */
  function engagementFigures(engagementId: string, rules: PacingRules, rulesSince: Date | null): Promise<CampaignFigures> {
    return engagementFiguresSince(db, engagementId, new Date(rulesPeriodStartMs(rules, rulesSince, Date.now())));
  }

  /**
   * Everything one dispatch tick needs, in one read: the queue's availability, the pool's calls in
   * flight, each engagement's live settings, counts and rule figures, and the outcomes pacing has not
   * learnt from yet. Bounded: one entry per engagement, per call in flight, and a page of outcomes.
   */
  async function loadDispatchSnapshot(input: {
    pool: DispatchPool;
    outcomeCursor: string;
    extraEngagementIds?: string[];
  }): Promise<DispatchSnapshot> {
    const { pool } = input;
    const counts = await queueCounts(db, pool.poolKey);
    const { ringingMs, placing } = await dialsInFlight(db, pool.poolKey);
    const ids = [...new Set([...counts.map((c) => c.engagementId), ...(input.extraEngagementIds ?? [])])];
    const rows = await dispatchedEngagements(db, ids);
    const engagements: EngagementAtTick[] = [];
    for (const row of rows) {
      const { config } = row;
      const rules: PacingRules = { ...DEFAULT_PACING_RULES, ...config.pacingRules };
      const of = (state: string) => counts.find((c) => c.engagementId === row.engagementId && c.state === state)?.count ?? 0;
      engagements.push({
        engagementId: row.engagementId,
        state: row.state,
        reason: row.reason,
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
        figures: await engagementFigures(row.engagementId, rules, row.rulesSince),
      });
    }
    const outcomes = await outcomesAfter(db, pool.poolKey, input.outcomeCursor, OUTCOME_PAGE);

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
      ...(queue.offline !== undefined ? { offline: queue.offline } : {}),
      ...(queue.averageHandleMs !== undefined ? { averageHandleMs: queue.averageHandleMs } : {}),
      ringingMs,
      placing,
      offers,
      inFlight: engagements.reduce((n, e) => n + e.inFlight, 0),
      engagements,
      // The dialer contract (seed and simulator) says "answered" only with the connect or the abandon.
      answersReportedAtConnect: true,
      outcomes,
      ...(availabilityError ? { availabilityError } : {}),
    };
  }

  return { loadDispatchSnapshot };
}
