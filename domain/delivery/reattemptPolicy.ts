/**
 * Between attempts (spec §3 step 5): whether a delivery that reached nobody is attempted again, when,
 * and the words its events use for it.
 */
import type { ReattemptReason } from '../callState';
import type { ReattemptPolicy } from '../engagement';

/** What an attempt that reached nobody leaves behind. */
export interface UnreachedAttempt {
  /** Why each call or message placed in the attempt reached nobody, in order. */
  reasons: ReattemptReason[];
  /** A representative posted a retry disposition code after a live call. */
  retryDisposition: boolean;
}

export type ReattemptDecision = { kind: 'reattempt'; at: Date; detail: string } | { kind: 'stop'; detail: string };

/** Why the attempt counts as unreached, for event details. */
export function unreachedWhy(unreached: UnreachedAttempt): string {
  return unreached.retryDisposition ? 'a retry disposition code' : unreached.reasons.join(', ') || 'no reason';
}

/** A retry code, or any reason the engagement lists, makes an unreached attempt worth another one. */
export function isRetryable(unreached: UnreachedAttempt, policy: Pick<ReattemptPolicy, 'reasons'>): boolean {
  return unreached.retryDisposition || unreached.reasons.some((r) => policy.reasons.includes(r));
}

/** After `attempt` attempts (1-based) ended unreached at `now`: another one `waitSeconds` later, or stop. */
export function decideReattempt(
  unreached: UnreachedAttempt,
  attempt: number,
  policy: Pick<ReattemptPolicy, 'maxAttempts' | 'waitSeconds' | 'reasons'>,
  now: Date,
): ReattemptDecision {
  const why = unreachedWhy(unreached);
  if (!isRetryable(unreached, policy) || attempt >= policy.maxAttempts) {
    return { kind: 'stop', detail: `unreached after ${attempt} attempt(s) (last: ${why})` };
  }
  const at = new Date(now.getTime() + policy.waitSeconds * 1000);
  return { kind: 'reattempt', at, detail: `attempt ${attempt} unreached (${why}); next attempt not before ${at.toISOString()}` };
}

/**
 * After a live call the representative may post disposition codes during wrap-up; only an engagement
 * with retry codes waits for them, and only until this deadline.
 */
export function dispositionDeadline(
  policy: Pick<ReattemptPolicy, 'retryDispositionCodes' | 'dispositionWaitSeconds'>,
  callEnded: Date,
): Date | null {
  if (policy.retryDispositionCodes.length === 0) return null;
  return new Date(callEnded.getTime() + policy.dispositionWaitSeconds * 1000);
}

/** A retry code among the posted ones means "call again": the live call counts as unreached. */
export function asksForRetry(postedCodes: readonly string[], policy: Pick<ReattemptPolicy, 'retryDispositionCodes'>): boolean {
  return postedCodes.some((c) => policy.retryDispositionCodes.includes(c));
}
