/**
 * Inputs of the pacing decision: a snapshot of the representatives and of the calls in flight.
 * All times are milliseconds; "elapsed" is measured from the state's start to `nowMs`.
 */
export type AgentState = 'available' | 'busy' | 'wrap';

export interface AgentSnapshot {
  readonly state: AgentState;
  /** Time since the agent entered this state (for 'busy': talk time so far; for 'wrap': wrap time so far). */
  readonly elapsedMs: number;
}

export interface RingingCall {
  /** Time since the call was placed and not yet resolved (answered, failed or released). */
  readonly elapsedMs: number;
}

export interface PacingState {
  readonly nowMs: number;
  readonly agents: readonly AgentSnapshot[];
  readonly ringing: readonly RingingCall[];
  /** Live answers waiting (within grace) for a representative; they count as in flight. */
  readonly waitingLive?: number;
  /**
   * The dialer reports a live answer only when it connects to a representative or is abandoned (the
   * seed's dialer contract): an answer waiting for a representative is not in `waitingLive` but looks
   * like a call still ringing, for up to the grace.
   */
  readonly answersReportedAtConnect?: boolean;
  /** Never more calls in flight (ringing + waiting) than this. */
  readonly hardCap: number;
  /** Abandonment target as a fraction of live answers (e.g. 0.03). */
  readonly abandonTarget: number;
  /** A live answer with no free representative within this many ms is abandoned. */
  readonly graceMs: number;
}

/** Calls in flight: ringing plus answered calls waiting for a representative. */
export function inFlight(state: PacingState): number {
  return state.ringing.length + Math.max(0, Math.floor(state.waitingLive ?? 0));
}

/** Largest number of calls that may be placed now without exceeding the hard cap. */
export function room(state: PacingState): number {
  const cap = Number.isFinite(state.hardCap) ? Math.floor(state.hardCap) : 0;
  return Math.max(0, cap - inFlight(state));
}

/** Clamp any candidate count to an integer in [0, room]. */
export function clampDecision(candidate: number, state: PacingState): number {
  if (!Number.isFinite(candidate) || candidate <= 0) return 0;
  return Math.min(Math.floor(candidate), room(state));
}
