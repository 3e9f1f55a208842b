import { isCancellation, log, proxyActivities, condition, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { classifyCall, type ReattemptReason } from '../domain/callState';
import { nextWindowInstant, parseWindows } from '../domain/contactWindows';
import { callIntentId, dialTargets, type DeliveryPlan } from '../domain/deliveryPlan';
import type { DeliveryResult, DeliveryStatus } from '../domain/deliveryStatus';
import { type CancelRequest, cancelDeliverySignal, type DeliveryOutcome, type DeliveryState, deliveryStateQuery } from './deliveryMessages';
import { DeliveryStatusKey, NextAttemptAtKey } from './searchAttributes';

const { recordTransition } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

const { placeCall } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

const { awaitCallResult } = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 20 },
});

/**
 * One delivery, from acceptance to its final status (spec §3): wait for a window, attempt every
 * callable number of the chain, reattempt as the engagement allows, and persist every transition.
 */
export async function deliveryWorkflow(plan: DeliveryPlan): Promise<DeliveryOutcome> {
  const windows = parseWindows(plan.windows);
  const policy = plan.engagement.reattempts;
  const targets = dialTargets(plan.contacts, plan.engagement.phoneTypeOrder);
  const invalidNumbers = new Set<string>();

  const state: DeliveryState = { status: 'Pending', attempt: 0, cancelRequested: false };
  let cancelRequest: CancelRequest | undefined;
  let seq = 0;

  setHandler(cancelDeliverySignal, (request) => {
    cancelRequest ??= request;
    state.cancelRequested = true;
  });
  setHandler(deliveryStateQuery, () => state);

  type TransitionExtra = { result?: DeliveryResult; started?: boolean; errorReason?: string; attempt?: { number: number; event: 'started' | 'ended'; outcome?: string } };
  /** The attempt in progress, closed by the next transition. */
  let openAttempt: number | undefined;

  async function transition(status: DeliveryStatus, detail: string, extra: TransitionExtra = {}) {
    if (!extra.attempt && openAttempt !== undefined) extra.attempt = { number: openAttempt, event: 'ended', outcome: detail };
    openAttempt = extra.attempt?.event === 'started' ? extra.attempt.number : undefined;
    seq += 1;
    state.status = status;
    state.result = extra.result;
    upsertSearchAttributes([{ key: DeliveryStatusKey, value: status }]);
    await recordTransition({ deliveryId: plan.deliveryId, seq, status, at: new Date().toISOString(), detail, ...extra });
  }

  async function finish(status: DeliveryStatus, result: DeliveryResult, detail: string): Promise<DeliveryOutcome> {
    await transition(status, detail, { result, errorReason: status === 'Error' ? detail : undefined });
    return { status, result, detail };
  }

  /** Sleeps until `at` unless a cancellation arrives first; true when cancelled. */
  async function waitUntil(at: Date): Promise<boolean> {
    state.nextAttemptAt = at.toISOString();
    upsertSearchAttributes([{ key: NextAttemptAtKey, value: at }]);
    const ms = at.getTime() - Date.now();
    if (ms > 0) await condition(() => cancelRequest !== undefined, ms);
    return cancelRequest !== undefined;
  }

  function cancelled(): Promise<DeliveryOutcome> {
    const by = cancelRequest?.policyId ? ` by policy ${cancelRequest.policyId}` : '';
    return finish('Cancelled', 'Cancelled', `${cancelRequest?.reason ?? 'cancelled'}${by}`);
  }

  try {
    for (let attempt = 1; ; attempt++) {
      if (cancelRequest) return await cancelled();
      const next = nextWindowInstant(windows, new Date());
      if (!next) return await finish('Expired', 'Expired', 'no contact window left');
      if (await waitUntil(next)) return await cancelled();

      state.attempt = attempt;
      await transition('InProcess', `attempt ${attempt} started`, { started: attempt === 1, attempt: { number: attempt, event: 'started' } });

      const reasons: ReattemptReason[] = [];
      let dialled = 0;
      for (const [index, target] of targets.entries()) {
        if (invalidNumbers.has(target.number)) continue;
        dialled += 1;
        const callId = callIntentId(plan.deliveryId, attempt, index);
        const { uniqueId } = await placeCall({
          callId,
          deliveryId: plan.deliveryId,
          attemptNumber: attempt,
          contactId: target.contactId,
          phoneType: target.phoneType,
          to: target.number,
          from: plan.engagement.routing.queueDisplayNumber,
          at: new Date().toISOString(),
          dialer: plan.engagement.dialer,
        });
        const facts = await awaitCallResult({ callId, uniqueId });
        const outcome = classifyCall(facts);
        if (outcome.reachedPerson) return await finish('Complete', 'CallEnded', `${target.phoneType} number of contact ${target.contactId} answered`);
        if (outcome.numberInvalid) invalidNumbers.add(target.number);
        if (outcome.reattemptReason) reasons.push(outcome.reattemptReason);
        // A cancellation that arrived during the call takes effect once that call is over.
        if (cancelRequest) return await cancelled();
      }

      if (dialled === 0) return await finish('Complete', 'CallFailed', 'no callable number left');
      const retryable = reasons.some((r) => policy.reasons.includes(r));
      if (!retryable || attempt >= policy.maxAttempts) {
        return await finish('Complete', 'CallFailed', `unreached after ${attempt} attempt(s): ${reasons.join(', ')}`);
      }
      const retryAt = new Date(Date.now() + policy.waitSeconds * 1000);
      await transition('Pending', `attempt ${attempt} unreached (${reasons.join(', ')}); next attempt not before ${retryAt.toISOString()}`);
      if (await waitUntil(retryAt)) return await cancelled();
    }
  } catch (err) {
    if (isCancellation(err)) throw err;
    const reason = failureReason(err);
    log.error('delivery failed unexpectedly', { deliveryId: plan.deliveryId, reason });
    return await finish('Error', 'Error', reason);
  }
}

/** The innermost message: an ActivityFailure says only "Activity task failed"; its cause says why. */
function failureReason(err: unknown): string {
  const messages: string[] = [];
  let current: unknown = err;
  while (current instanceof Error && messages.length < 5) {
    messages.push(current.message);
    current = (current as Error & { cause?: unknown }).cause;
  }
  return messages.length ? messages.join(': ') : String(err);
}
