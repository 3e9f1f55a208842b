/**
 * Pacing module: how many calls to place now. Pure and deterministic (no clock, no randomness, no
 * I/O, no Temporal imports), so the dispatch workflow and bench/pacing share it.
 */
export type { AgentSnapshot, AgentState, PacingState, RingingCall } from './types';
export { clampDecision, inFlight, room } from './types';
export type { Lognormal } from './distributions';
export { lognormalCdf, lognormalFromMeanCv, lognormalMean, normalCdf } from './distributions';
export type { EstimatorConfig, Estimates, LogMoments, Outcome, Priors } from './estimator';
export {
  answerProbability,
  DEFAULT_ESTIMATOR_CONFIG,
  DEFAULT_PRIORS,
  initialEstimates,
  liveRingDistribution,
  meanWrapMs,
  nonLiveSurvival,
  observeOutcome,
  talkDistribution,
} from './estimator';
export type { AbandonController, RollingWindowConfig } from './abandonController';
export {
  controllerForTarget,
  controllerTheta,
  DEFAULT_ROLLING_WINDOW,
  effectiveSetPoint,
  initialController,
  observeLiveAnswer,
  RECOMMENDED_SET_POINT_FACTOR,
  RECOMMENDED_SET_POINT_Z,
  rollingAllowance,
  rollingCounts,
  steadyAllowance,
} from './abandonController';
export type { PredictiveConfig, PredictiveDiagnostics } from './predictive';
export { cautiousParameters, guardFactor, marginalAbandonProbability, predictiveDecision, predictiveModel } from './predictive';
export type { FixedRatioConfig, PacingKnowledge, PolicyConfig, ProgressiveConfig } from './policies';
export { decide, describePolicy, fixedRatio, predictive, progressive } from './policies';
