import { isCancellation, log, setHandler } from '@temporalio/workflow';
import { parseWindows } from '../domain/delivery/windowInputs';
import { isCallableAt, quietHoursOf } from '../domain/delivery/callableNumber';
import { CHANNEL_RESULTS, followsUpBySms, reachablePhoneTypes } from '../domain/delivery/channelRules';
import { WORKFLOW_CANCELLED_DETAIL } from '../domain/delivery/outsideEnds';
import { decideReattempt } from '../domain/delivery/reattemptPolicy';
import { decideAfterDecline, PREVIEW_DECLINE_RESULT } from '../domain/delivery/previewDecline';
import { type DeliveryPlan, dialTargets } from '../domain/delivery/deliveryPlan';
import type { DeliveryResult, DeliveryStatus } from '../domain/delivery/deliveryStatus';
import { attemptChain } from './attemptChain';
import { type AttemptChannel, smsChannel, voiceChannel } from './attemptChannels';
import { DeliveryJournal } from './deliveryJournal';
import { deliveryTimers } from './deliveryTimers';
import {
  type CancelRequest,
  cancelDeliverySignal,
  type DeliveryOutcome,
  type DeliveryState,
  deliveryStateQuery,
  dispositionsPostedSignal,
} from './deliveryMessages';
import { useDialSlot } from './dialSlot';
import { followUpBySms } from './followUpBySms';
import { waitUntilEligible } from './waitUntilEligible';

/**
 * One delivery, from acceptance to its final status (spec §3): wait for the earliest instant inside a
 * window, outside a number's quiet hours and under the caps; attempt the chain; reattempt as the
 * engagement allows; follow up by SMS; persist every transition.
 */
export async function deliveryWorkflow(plan: DeliveryPlan): Promise<DeliveryOutcome> {
  const e = plan.engagement;
  const targets = dialTargets(plan.contacts, reachablePhoneTypes(plan.channel, e.schedule));
  const invalidNumbers = new Set<string>();
  const windows = parseWindows(plan.windows);
  const rules = { windows, quietHours: quietHoursOf(e.schedule), timeZoneMode: e.timeZoneMode, excludedNumberIds: invalidNumbers };
  const dispositions = new Map<string, string[]>();
  const state: DeliveryState = { status: 'Pending', attempt: 0, cancelRequested: false };
  const journal = new DeliveryJournal(plan.deliveryId, state);
  let cancelRequest: CancelRequest | undefined;
  const cancelRequested = () => cancelRequest !== undefined;

  setHandler(cancelDeliverySignal, (request) => {
    cancelRequest ??= request;
    state.cancelRequested = true;
  });
  setHandler(dispositionsPostedSignal, ({ callId, codes }) => void dispositions.set(callId, codes));
  setHandler(deliveryStateQuery, () => state);

  // Dispatch (voice): the delivery waits in its pool's backlog until the dispatcher grants a slot.
  const dialSlot = useDialSlot(plan, windows, state, cancelRequested, journal);
  const { waitOnTimer, sleepUntil } = deliveryTimers(state, cancelRequested);

  async function finish(status: DeliveryStatus, result: DeliveryResult, detail: string, followUpDeliveryId?: string) {
    await journal.finish(status, result, detail, cancelRequest?.policyId);
    return { status, result, detail, ...(followUpDeliveryId ? { followUpDeliveryId } : {}) };
  }

  function cancelled(): Promise<DeliveryOutcome> {
    const by = cancelRequest?.policyId ? ` by policy ${cancelRequest.policyId}` : '';
    return finish('Cancelled', 'Cancelled', `${cancelRequest?.reason ?? 'cancelled'}${by}`);
  }

  async function unreachedEnd(detail: string): Promise<DeliveryOutcome> {
    const result = CHANNEL_RESULTS[plan.channel].unreached;
    if (!followsUpBySms(plan.channel, e.smsFollowUpEngagementId)) return finish('Complete', result, detail);
    const followUp = await followUpBySms(plan, e.smsFollowUpEngagementId);
    return finish('Complete', result, `${detail}${followUp.note}`, followUp.deliveryId);
  }

  try {
    let channel: AttemptChannel | undefined;
    let attempt = 0;
    /** Every pass over the chain, including passes that placed nothing; names call intents. */
    let pass = 0;
    for (;;) {
      const eligible = await waitUntilEligible({ targets, rules, limits: e.frequencyLimits, cancelRequested, sleepUntil, journal });
      if (eligible.kind === 'cancelled') return await cancelled();
      if (eligible.kind === 'none') {
        if (eligible.reason === 'no-callable-number') return await unreachedEnd('no callable number left');
        if (attempt > 0) return await finish('Expired', 'Expired', `no eligible instant left in the windows after ${attempt} attempt(s)`);
        return await finish('Expired', 'Expired', `no eligible instant in the windows (${eligible.reason})`);
      }

      if (plan.channel === 'voice') {
        const slot = await dialSlot.wait(attempt + 1);
        if (slot === 'cancelled') return await cancelled();
        if (slot === 'recheck') continue;
        if (slot === 'declined') {
          // Not a call: no attempt is used; the rule (domain/delivery/previewDecline.ts) says re-offer or end.
          const { decline, declines } = dialSlot.lastDecline();
          const next = decideAfterDecline(decline, declines, e.reattempts, new Date());
          journal.note('previewDecline', { result: PREVIEW_DECLINE_RESULT, ...decline, declines });
          if (next.kind === 'stop') return await finish('Complete', PREVIEW_DECLINE_RESULT, next.detail);
          const reofferWait = { text: next.detail, result: PREVIEW_DECLINE_RESULT };
          await journal.transition('Pending', next.detail, {
            waitingFor: { reason: 'reattempt-wait', until: next.at.toISOString(), detail: reofferWait },
          });
          if (await sleepUntil(next.at)) return await cancelled();
          continue;
        }
      }

      attempt += 1;
      state.attempt = attempt;
      const started = { started: attempt === 1, attempt: { number: attempt, event: 'started' as const } };
      await journal.transition('InProcess', `attempt ${attempt} started`, started);
      // Whatever follows the attempt (end, wait, error) is a transition, and that transition frees the slot.
      channel ??= plan.channel === 'sms' ? smsChannel(plan) : voiceChannel(plan, dialSlot.poolKey);
      pass += 1;
      const result = await attemptChain({
        deliveryId: plan.deliveryId,
        pass,
        attempt,
        targets,
        channel,
        policy: e.reattempts,
        callable: (t) => isCallableAt(rules, t, new Date()),
        invalidNumbers,
        cancelRequested,
        dispositions: async (callId, deadline) => {
          const text = `waiting for the representative's disposition codes on call ${callId}`;
          await journal.wait({ reason: 'disposition-wait', until: deadline.toISOString(), detail: { text, callId } });
          await waitOnTimer(deadline, () => dispositions.has(callId));
          return dispositions.get(callId) ?? [];
        },
      });
      if (result.kind === 'reached') return await finish('Complete', CHANNEL_RESULTS[plan.channel].reached, result.detail);
      if (result.kind === 'cancelled' || cancelRequest) return await cancelled();

      if (result.placed === 0) {
        // Quiet hours began or a cap was taken between the check and the dial: wait again, same attempt.
        attempt -= 1;
        await journal.transition('Pending', 'no number could be tried at this instant; waiting for the next eligible one');
        continue;
      }
      const next = decideReattempt(result, attempt, e.reattempts, new Date());
      if (next.kind === 'stop') return await unreachedEnd(next.detail);
      const reattemptWait = { text: next.detail, reasons: result.reasons, retryDisposition: result.retryDisposition };
      await journal.transition('Pending', next.detail, {
        waitingFor: { reason: 'reattempt-wait', until: next.at.toISOString(), detail: reattemptWait },
      });
      if (await sleepUntil(next.at)) return await cancelled();
    }
  } catch (err) {
    if (isCancellation(err)) {
      await journal.cancelledFromOutside(WORKFLOW_CANCELLED_DETAIL);
      throw err;
    }
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
