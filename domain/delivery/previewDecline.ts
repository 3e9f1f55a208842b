/**
 * A representative declines a preview offer (or cancels one they accepted, before the call starts):
 * the result word it is recorded with, and what happens to the delivery next.
 *
 * Result: `CSRCancelled` for both. The product's preview outcomes (reference §5) tell a representative's
 * own act, "accepted, then pressed Cancel without dialling" (`CSRCancelled`), from nobody acting before
 * the window ended (`Terminated`). A decline here is always a representative's act and the customer is
 * never called, so it is `CSRCancelled`; `Terminated` stays the word for an offer nobody took in time.
 *
 * Next step: a decline is not a failed call. Nobody was dialled, so it does not use one of the
 * engagement's attempts (`reattempts.maxAttempts` counts calls), and the reattempt reasons (NoAnswer,
 * Busy, …) do not apply. The delivery goes back to its pool's backlog and is offered again, to any
 * representative of the pool, after the engagement's reattempt wait (never sooner than
 * PREVIEW_REOFFER_MIN_SECONDS, so the desk that declined it has moved on and another representative
 * can take it). Declines are bounded: the PREVIEW_DECLINE_LIMIT-th one ends the delivery as
 * `Complete` / `CSRCancelled` (representatives keep passing on it: a supervisor looks at it rather
 * than the engine offering it forever). No SMS follow-up: the customer was not unreached, nobody called.
 * The contact windows still apply: a re-offer falling after the last window ends the delivery as Expired.
 */
import type { ReattemptPolicy } from '../engagement';
import type { VoiceProductResult } from './productOutcomes';

export const PREVIEW_DECLINE_RESULT = 'CSRCancelled' as const satisfies VoiceProductResult;

/** Declines a delivery takes before it ends (the last one ends it). */
export const PREVIEW_DECLINE_LIMIT = 3;

/** The shortest pause before a declined delivery is offered again. */
export const PREVIEW_REOFFER_MIN_SECONDS = 60;

/** The longest reason a representative may give (shown in the decision trail). */
export const PREVIEW_DECLINE_REASON_MAX = 500;

/** What a representative said when declining. */
export interface PreviewDecline {
  representativeId: string;
  /** The offer had been accepted by this representative (a cancel before dialling) or was still open. */
  afterAccept: boolean;
  reason?: string;
}

export type DeclineDecision = { kind: 'reoffer'; at: Date; detail: string } | { kind: 'stop'; detail: string };

/** The words of one decline for event details: result, who, and why when they said. */
export function declineWhy(d: PreviewDecline): string {
  const what = d.afterAccept ? 'accepted preview cancelled before dialling' : 'preview offer declined';
  return `${PREVIEW_DECLINE_RESULT}: ${what} by ${d.representativeId}${d.reason ? ` (${d.reason})` : ''}`;
}

/** After the `declines`-th decline (1-based) at `now`: offer it again later, or end the delivery. */
export function decideAfterDecline(
  decline: PreviewDecline,
  declines: number,
  policy: Pick<ReattemptPolicy, 'waitSeconds'>,
  now: Date,
): DeclineDecision {
  const why = declineWhy(decline);
  if (declines >= PREVIEW_DECLINE_LIMIT) return { kind: 'stop', detail: `${why}; declined ${declines} time(s): not offered again` };
  const at = new Date(now.getTime() + Math.max(policy.waitSeconds, PREVIEW_REOFFER_MIN_SECONDS) * 1000);
  return {
    kind: 'reoffer',
    at,
    detail: `${why}; offered again not before ${at.toISOString()} (decline ${declines} of ${PREVIEW_DECLINE_LIMIT})`,
  };
}
