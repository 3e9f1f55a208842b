import type { DialMode, DialModeSettings } from '../engagement';
import { type AgentSnapshot, decide, type PacingKnowledge, predictive, progressive, type RingingCall } from '../pacing';
import { poolInFlightLimit } from './grantAtRequest';

/** What a dispatcher sees of its pool at one tick (availability contract + its own calls in flight). */
export interface PoolSnapshot {
  nowMs: number;
  /** The queue is inside its operating hours. */
  inQueueHours: boolean;
  /** Staffed representatives (offline ones left out) with the time spent in their state. */
  agents: AgentSnapshot[];
  /** Calls placed and not yet answered or released, pool-wide. */
  ringing: RingingCall[];
  /**
   * Dial slots granted whose call does not ring yet: not dialled, being placed (the dialer has not
   * acknowledged), or between two numbers of a chain. A granted slot is a call in flight from the
   * grant on, so no mode exceeds its limit however slowly the dialer answers.
   */
  placing: number;
  /** Live answers waiting for a representative, when the availability contract says. */
  waitingLive: number;
  /** Answers waiting for a representative are hidden among the ringing calls (see PacingState). */
  answersReportedAtConnect?: boolean;
  /** Preview offers made and not yet turned into calls. */
  offers: number;
  /** Every slot granted and not yet released (offers, ringing and connected calls). */
  inFlight: number;
}

export interface DialModeConfig {
  dialMode: DialMode;
  settings: DialModeSettings;
  /** Abandonment target of predictive pacing (fraction of live answers). */
  abandonTarget: number;
  /** Seconds a live answer may wait for a representative before it is abandoned. */
  abandonSeconds: number;
}

/** Predictive never has more calls ringing than this many per staffed representative. */
export const PREDICTIVE_CALLS_PER_AGENT_CAP = 5;

function available(pool: PoolSnapshot): number {
  return pool.agents.filter((a) => a.state === 'available').length;
}

/** Calls in flight as pacing sees them: the ringing ones, and each slot still being placed as a call that just started. */
export function callsInFlight(pool: Pick<PoolSnapshot, 'ringing' | 'placing'>): RingingCall[] {
  const placing = Math.max(0, Math.floor(pool.placing));
  return placing === 0 ? pool.ringing : [...pool.ringing, ...Array.from({ length: placing }, () => ({ elapsedMs: 0 }))];
}

/**
 * How many new calls (or, in preview, offers) the pool may start now under one dial mode (spec §4):
 * - preview: one offer per available representative not already holding an offer or a call;
 * - progressive: in flight (granted and not yet answered) = available representatives × calls per representative;
 * - predictive: the pacing module's decision from the live state and what it has learnt;
 * - AI agent: up to the engagement's concurrency limit, in or (when allowed) out of queue hours.
 */
export function dialModeAllowance(config: DialModeConfig, pool: PoolSnapshot, knowledge: PacingKnowledge): number {
  const ai = config.dialMode === 'ai-agent';
  if (!pool.inQueueHours && !(ai && config.settings.allowOutsideQueueHours)) return 0;
  const ringing = callsInFlight(pool);
  const state = {
    nowMs: pool.nowMs,
    agents: pool.agents,
    ringing,
    waitingLive: pool.waitingLive,
    ...(pool.answersReportedAtConnect ? { answersReportedAtConnect: true } : {}),
    abandonTarget: config.abandonTarget,
    graceMs: config.abandonSeconds * 1000,
  };
  switch (config.dialMode) {
    case 'ai-agent':
      return Math.max(0, (poolInFlightLimit(config.dialMode, config.settings) ?? 0) - pool.inFlight);
    case 'preview':
      return Math.max(0, available(pool) - pool.offers - ringing.length - pool.waitingLive);
    case 'progressive': {
      const perRep = config.settings.callsPerRepresentative;
      return decide(progressive(perRep), { ...state, hardCap: available(pool) * perRep }, knowledge);
    }
    case 'predictive':
      return decide(predictive(), { ...state, hardCap: pool.agents.length * PREDICTIVE_CALLS_PER_AGENT_CAP }, knowledge);
  }
}
