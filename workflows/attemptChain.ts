import { type ReattemptReason } from '../domain/callState';
import { asksForRetry, dispositionDeadline, type UnreachedAttempt } from '../domain/delivery/reattemptPolicy';
import { callIntentId, type DialTarget } from '../domain/delivery/deliveryPlan';
import type { ReattemptPolicy } from '../domain/engagement';
import type { AttemptChannel } from './attemptChannels';

export type AttemptResult =
  | { kind: 'reached'; detail: string }
  | { kind: 'cancelled' }
  /** `placed`: calls or messages actually placed (0 when every number was capped or not callable). */
  | ({ kind: 'unreached'; placed: number } & UnreachedAttempt);

export interface ChainAttempt {
  deliveryId: string;
  /** The pass over the chain (names the intents); `attempt` is what reports count. */
  pass: number;
  attempt: number;
  targets: DialTarget[];
  channel: AttemptChannel;
  policy: ReattemptPolicy;
  /** May this number be tried now (see domain/delivery/callableNumber.ts)? */
  callable(t: DialTarget): boolean;
  /** Numbers found invalid: never tried again by this delivery. */
  invalidNumbers: Set<string>;
  cancelRequested(): boolean;
  /** The disposition codes posted on a live call by `deadline` (waiting until then at most). */
  dispositions(callId: string, deadline: Date): Promise<string[]>;
}

/**
 * Step 4 (spec §3): contacts in chain order, numbers in phone-type order, until someone is reached.
 * A contact whose cap was taken meanwhile is skipped for the rest of the pass.
 */
export async function attemptChain(a: ChainAttempt): Promise<AttemptResult> {
  const reasons: ReattemptReason[] = [];
  const capped = new Set<string>();
  let placed = 0;
  for (const [index, target] of a.targets.entries()) {
    if (capped.has(target.contactId) || !a.callable(target)) continue;
    const intentId = callIntentId(a.deliveryId, a.pass, index);
    const tried = await a.channel.tryNumber({ target, intentId, attempt: a.attempt, at: new Date() });
    if (tried.kind === 'capped') {
      capped.add(target.contactId);
      continue;
    }
    placed += 1;
    if (tried.kind === 'reached') {
      const deadline = tried.live ? dispositionDeadline(a.policy, new Date()) : null;
      if (deadline && asksForRetry(await a.dispositions(intentId, deadline), a.policy)) {
        return { kind: 'unreached', reasons, retryDisposition: true, placed };
      }
      return { kind: 'reached', detail: tried.detail };
    }
    if (tried.numberInvalid) a.invalidNumbers.add(target.numberId);
    if (tried.reason) reasons.push(tried.reason);
    // A cancellation that arrived during the call takes effect once that call is over.
    if (a.cancelRequested()) return { kind: 'cancelled' };
  }
  return { kind: 'unreached', reasons, retryDisposition: false, placed };
}
