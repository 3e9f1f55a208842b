/**
 * How the dial activity is retried (after a dialer 5xx, a timeout, a lost connection, a database error or
 * a worker crash): exponential and capped, so a slow dialer is asked again after 2 s, 4 s … then every
 * minute, not every few seconds. On its last attempt the activity never fails for a call that may
 * have been placed: it records the call as Unknown instead (activities/calls.ts).
 */
export const DIAL_RETRY = {
  initialIntervalMs: 2_000,
  backoffCoefficient: 2,
  maximumIntervalMs: 60_000,
  maximumAttempts: 10,
} as const;

/** `attempt` is Temporal's 1-based activity attempt. */
export const isLastDialAttempt = (attempt: number): boolean => attempt >= DIAL_RETRY.maximumAttempts;
