/**
 * Display numbers (spec §5): which number a call shows as caller ID.
 *
 * The queue's number is the default. An engagement may list more: automated distribution spreads
 * calls evenly over them (pseudo-random, reproducible per call key); rule-based distribution picks
 * by up to five rules on contact fields, first match wins, else the queue's number.
 *
 * Pure and deterministic (no clock, no randomness, no I/O, no Node built-ins), so workflow code can
 * import it.
 */
export type {
  DisplayNumberCondition,
  DisplayNumberContext,
  DisplayNumberPolicy,
  DisplayNumberReason,
  DisplayNumberRule,
  DisplayNumberSelection,
} from './types';
export { DISPLAY_NUMBER_CONDITIONS, MAX_DISPLAY_NUMBER_RULES } from './types';
export { fnv1a32, stableHash } from './hash';
export { evaluateRule, lookupField } from './rules';
export { selectDisplayNumber } from './select';
