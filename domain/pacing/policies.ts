/**
 * Pacing policies and the single entry point `decide`: how many calls to place now. Every policy
 * returns an integer in [0, hardCap − inFlight] and is a pure function of its inputs.
 */
import type { AbandonController } from './abandonController';
import type { Estimates } from './estimator';
import { type PredictiveConfig, predictiveDecision } from './predictive';
import { clampDecision, inFlight, type PacingState } from './types';

/** Progressive: calls in flight = available representatives × calls per representative (1..5). */
export interface ProgressiveConfig {
  readonly kind: 'progressive';
  readonly callsPerRep: number;
}

/** Fixed dial ratio: calls in flight = available representatives × ratio (any ratio > 0). */
export interface FixedRatioConfig {
  readonly kind: 'fixedRatio';
  readonly ratio: number;
}

export type PolicyConfig = ProgressiveConfig | FixedRatioConfig | PredictiveConfig;

export function progressive(callsPerRep = 1): ProgressiveConfig {
  return { kind: 'progressive', callsPerRep: Math.min(5, Math.max(1, Math.round(callsPerRep))) };
}

export function fixedRatio(ratio: number): FixedRatioConfig {
  return { kind: 'fixedRatio', ratio };
}

export function predictive(config: Omit<PredictiveConfig, 'kind'> = {}): PredictiveConfig {
  return { ...config, kind: 'predictive' };
}

function availableAgents(state: PacingState): number {
  let n = 0;
  for (const a of state.agents) if (a.state === 'available') n++;
  return n;
}

function ratioDecision(ratio: number, state: PacingState): number {
  const target = Math.ceil(availableAgents(state) * Math.max(0, ratio) - 1e-9);
  return clampDecision(target - inFlight(state), state);
}

/** Knowledge a policy may use besides the snapshot (ignored by progressive and fixed ratio). */
export interface PacingKnowledge {
  readonly estimates: Estimates;
  readonly controller: AbandonController;
}

export function decide(policy: PolicyConfig, state: PacingState, knowledge: PacingKnowledge): number {
  switch (policy.kind) {
    case 'progressive':
      return ratioDecision(policy.callsPerRep, state);
    case 'fixedRatio':
      return ratioDecision(policy.ratio, state);
    case 'predictive':
      return clampDecision(predictiveDecision(policy, state, knowledge.estimates, knowledge.controller), state);
  }
}

export function describePolicy(policy: PolicyConfig): string {
  switch (policy.kind) {
    case 'progressive':
      return `progressive ×${policy.callsPerRep}`;
    case 'fixedRatio':
      return `fixed ratio ${policy.ratio.toFixed(1)}`;
    case 'predictive':
      return 'predictive';
  }
}
