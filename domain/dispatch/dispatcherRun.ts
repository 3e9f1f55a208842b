import { type AbandonController, controllerForTarget, type Estimates, initialEstimates } from '../pacing';
import { DEFAULT_PACING_RULES } from './pacingRules';
import type { DispatchPool } from './poolKey';

export interface DispatcherOptions {
  /** Pause between ticks while there is work (ms). */
  tickMs: number;
  /** Longest sleep of an idle dispatcher before it looks again by itself (ms). */
  idleSleepMs: number;
  /** Continue-as-new once a run's history passes this many events. */
  maxHistoryEvents: number;
  /**
   * Quiet ticks (nothing waiting, nothing in flight) before the pool is marked idle. An idle pool grants
   * nothing at the request and each arrival must wake it and wait for its next tick; a stream of AI-agent
   * deliveries with short gaps would pay that at every gap, so the dispatcher stays awake a little.
   */
  idleAfterQuietTicks: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  tickMs: 1000,
  idleSleepMs: 10 * 60_000,
  maxHistoryEvents: 2000,
  idleAfterQuietTicks: 10,
};

/** What pacing has learnt of a pool: carried from tick to tick and across continue-as-new. */
export interface PacingMemory {
  estimates: Estimates;
  controller: AbandonController;
  /** The last outcome learnt from. */
  outcomeCursor: string;
}

/** What one run hands the next: small and bounded (no list of deliveries, ever). */
export interface DispatcherCarry extends PacingMemory {
  run: number;
  ticks: number;
  granted: number;
  roundRobinAfter?: string;
  /** Quiet ticks since the pool last had work; absent when it had none since it was last marked idle (it does not linger then). */
  quietTicks?: number;
}

export interface DispatcherInput {
  pool: DispatchPool;
  options?: Partial<DispatcherOptions>;
  carried?: DispatcherCarry;
}

/**
 * A new pool's carry. Its controller aims at the default abandonment cap until the first tick sees the
 * pool's engagements and steers it to theirs.
 */
export function initialCarry(): DispatcherCarry {
  return {
    run: 0,
    ticks: 0,
    granted: 0,
    estimates: initialEstimates(),
    controller: controllerForTarget(DEFAULT_PACING_RULES.abandonmentCapPercent / 100),
    outcomeCursor: '0',
  };
}
