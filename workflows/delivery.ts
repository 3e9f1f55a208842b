import {
  condition,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { classifyCall, type ReattemptReason } from '../domain/callState';
import { parseWindows, windowContaining } from '../domain/contactWindows';
import { callIntentId, dialTargets, type DeliveryPlan, type DialTarget } from '../domain/deliveryPlan';
import type { DeliveryResult, DeliveryStatus } from '../domain/deliveryStatus';
import { selectDisplayNumber } from '../domain/displayNumbers';
import { phoneTypeOrder } from '../domain/engagement';
import { isInQuietHours, nextEligibleInstant, type QuietHours, resolveZone } from '../domain/schedule';
import { renderMessage } from '../domain/messageTemplate';
import {
  type CancelRequest,
  cancelDeliverySignal,
  type DeliveryOutcome,
  type DeliveryState,
  deliveryStateQuery,
  dispositionsPostedSignal,
} from './deliveryMessages';
import { useDialSlot } from './dialSlot';
import { DeliveryStatusKey, NextAttemptAtKey } from './searchAttributes';

const { recordTransition, loadContactTouches, createSmsFollowUp } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

/** One call from dial to outcome; heartbeats while it rings and talks. */
const { dialNumber } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

const { sendSms } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

type AttemptResult =
  | { kind: 'reached'; detail: string }
  | { kind: 'cancelled' }
  | { kind: 'unreached'; reasons: ReattemptReason[]; retryDisposition: boolean; placed: number };

/**
 * One delivery, from acceptance to its final status (spec §3): wait for the earliest instant inside a
 * window, outside a number's quiet hours and under the caps; attempt the chain; reattempt as the
 * engagement allows; follow up by SMS; persist every transition.
 */
export async function deliveryWorkflow(plan: DeliveryPlan): Promise<DeliveryOutcome> {
  const e = plan.engagement;
  const windows = parseWindows(plan.windows);
  const quietHours: QuietHours = Object.fromEntries(e.schedule.map((s) => [s.type, s.quietHours]));
  const targets = dialTargets(plan.contacts, plan.channel === 'sms' ? ['mobile'] : phoneTypeOrder(e.schedule));
  const contactIds = [...new Set(targets.map((t) => t.contactId))];
  const hasCaps = e.frequencyLimits.perDay !== undefined || e.frequencyLimits.perWeek !== undefined;
  const invalidNumbers = new Set<string>();
  const dispositions = new Map<string, string[]>();

  const state: DeliveryState = { status: 'Pending', attempt: 0, cancelRequested: false };
  let cancelRequest: CancelRequest | undefined;
  let seq = 0;
  let openAttempt: number | undefined;
  /** Every pass over the chain, including passes that placed nothing; names call intents. */
  let pass = 0;

  setHandler(cancelDeliverySignal, (request) => {
    cancelRequest ??= request;
    state.cancelRequested = true;
  });
  setHandler(dispositionsPostedSignal, ({ callId, codes }) => {
    dispositions.set(callId, codes);
  });
  setHandler(deliveryStateQuery, () => state);

  // Dispatch (voice): the delivery waits in its pool's backlog until the dispatcher grants a slot.
  const dialSlot = useDialSlot(plan, windows, state, () => cancelRequest !== undefined);

  const now = () => new Date();
  const zoneForQuietHours = (t: DialTarget) => resolveZone(t.contactZone, e.timeZoneMode);
  const zoneForCaps = (t: DialTarget) => resolveZone(t.contactZone, 'contact');

  type TransitionExtra = { releaseDialSlot?: boolean; result?: DeliveryResult; started?: boolean; errorReason?: string; cancelledByPolicyId?: string; attempt?: { number: number; event: 'started' | 'ended'; outcome?: string } };
  async function transition(status: DeliveryStatus, detail: string, extra: TransitionExtra = {}) {
    if (!extra.attempt && openAttempt !== undefined) extra.attempt = { number: openAttempt, event: 'ended', outcome: detail };
    openAttempt = extra.attempt?.event === 'started' ? extra.attempt.number : undefined;
    seq += 1;
    // The first transition after an attempt that held a dial slot gives it back (one activity, not two).
    if (state.dispatch === 'granted' && status !== 'InProcess') {
      extra.releaseDialSlot = true;
      state.dispatch = undefined;
    }
    state.status = status;
    state.result = extra.result;
    upsertSearchAttributes([{ key: DeliveryStatusKey, value: status }]);
    await recordTransition({ deliveryId: plan.deliveryId, seq, status, at: now().toISOString(), detail, ...extra });
  }

  async function finish(status: DeliveryStatus, result: DeliveryResult, detail: string, extra: Partial<DeliveryOutcome> = {}): Promise<DeliveryOutcome> {
    await transition(status, detail, { result, errorReason: status === 'Error' ? detail : undefined, cancelledByPolicyId: status === 'Cancelled' ? cancelRequest?.policyId : undefined });
    return { status, result, detail, ...extra };
  }

  function cancelled(): Promise<DeliveryOutcome> {
    const by = cancelRequest?.policyId ? ` by policy ${cancelRequest.policyId}` : '';
    return finish('Cancelled', 'Cancelled', `${cancelRequest?.reason ?? 'cancelled'}${by}`);
  }

  /** Sleeps until `at` unless a cancellation arrives first; true when cancelled. */
  async function sleepUntil(at: Date): Promise<boolean> {
    state.nextAttemptAt = at.toISOString();
    upsertSearchAttributes([{ key: NextAttemptAtKey, value: at }]);
    await waitOnTimer(at, () => cancelRequest !== undefined);
    return cancelRequest !== undefined;
  }

  /** Waits until `until` or until `done()` holds, telling queries which timer it waits on. */
  async function waitOnTimer(until: Date, done: () => boolean): Promise<void> {
    const ms = until.getTime() - Date.now();
    if (ms <= 0) return;
    state.timerUntil = until.toISOString();
    try {
      await condition(done, ms);
    } finally {
      state.timerUntil = undefined;
    }
  }

  /** Step 2: waits for the earliest eligible instant; re-evaluated after every sleep (caps may have moved). */
  async function waitUntilEligible(): Promise<{ kind: 'eligible' } | { kind: 'none'; reason: string } | { kind: 'cancelled' }> {
    for (;;) {
      if (cancelRequest) return { kind: 'cancelled' };
      const at = now();
      const touches = hasCaps ? await loadContactTouches({ contactIds, at: at.toISOString() }) : {};
      const decision = nextEligibleInstant({
        now: at,
        windows,
        numbers: targets.map((t) => ({ numberId: t.numberId, contactId: t.contactId, phoneType: t.phoneType, contactZone: t.contactZone })),
        quietHours,
        timeZoneMode: e.timeZoneMode,
        limits: e.frequencyLimits,
        touches: Object.fromEntries(Object.entries(touches).map(([id, list]) => [id, list.map((s) => new Date(s))])),
        excludedNumberIds: [...invalidNumbers],
      });
      if (decision.kind === 'none') return { kind: 'none', reason: decision.reason };
      if (decision.at.getTime() <= Date.now()) return { kind: 'eligible' };
      if (await sleepUntil(decision.at)) return { kind: 'cancelled' };
    }
  }

  /** A number may be tried now: inside a window, not found invalid, outside its quiet hours. */
  function callableNow(t: DialTarget): boolean {
    const at = now();
    return !invalidNumbers.has(t.numberId) && windowContaining(windows, at) !== undefined && !isInQuietHours(at, quietHours[t.phoneType], zoneForQuietHours(t));
  }

  /** Step 4 for voice: contacts in chain order, numbers in phone-type order, until a person is reached. */
  async function voiceAttempt(attempt: number): Promise<AttemptResult> {
    pass += 1;
    const reasons: ReattemptReason[] = [];
    const capped = new Set<string>();
    let placed = 0;
    for (const [index, t] of targets.entries()) {
      if (capped.has(t.contactId) || !callableNow(t)) continue;
      const callId = callIntentId(plan.deliveryId, pass, index);
      const display = selectDisplayNumber(e.displayNumbers, {
        queueNumber: e.routing.queueDisplayNumber,
        callKey: callId,
        fields: { ...plan.inputAttributes, contactId: t.contactId, phoneType: t.phoneType, destination: t.number, timeZone: t.contactZone ?? undefined },
      });
      const dial = await dialNumber({
        callId,
        deliveryId: plan.deliveryId,
        engagementId: e.engagementId,
        attemptNumber: attempt,
        contactId: t.contactId,
        contactZone: zoneForCaps(t),
        phoneType: t.phoneType,
        to: t.number,
        from: display.number,
        displayNumberReason: display.reason,
        limits: e.frequencyLimits,
        at: now().toISOString(),
        dialer: e.dialer,
        inputs: {
          ...plan.inputAttributes,
          _QueueId: e.routing.queueId,
          _AnsweringMachineAction: e.answeringMachine.action,
          ...(e.answeringMachine.voicemailMessage ? { _VoicemailMessage: e.answeringMachine.voicemailMessage } : {}),
          _AbandonSeconds: String(e.abandonment.seconds),
          _AbandonMessage: e.abandonment.message,
        },
        poolKey: dialSlot.poolKey,
      });
      if (dial.kind === 'capped') {
        capped.add(t.contactId);
        continue;
      }
      placed += 1;
      const outcome = classifyCall(dial.facts);
      if (outcome.reachedPerson) {
        const retryCodes = e.reattempts.retryDispositionCodes;
        if (retryCodes.length > 0) {
          // The representative sets disposition codes during wrap-up; a retry code means "call again".
          await waitOnTimer(new Date(Date.now() + e.reattempts.dispositionWaitSeconds * 1000), () => dispositions.has(callId));
          const codes = dispositions.get(callId) ?? [];
          if (codes.some((c) => retryCodes.includes(c))) return { kind: 'unreached', reasons, retryDisposition: true, placed };
        }
        return { kind: 'reached', detail: `${t.phoneType} number of contact ${t.contactId} answered` };
      }
      if (outcome.numberInvalid) invalidNumbers.add(t.numberId);
      if (outcome.reattemptReason) reasons.push(outcome.reattemptReason);
      // A cancellation that arrived during the call takes effect once that call is over.
      if (cancelRequest) return { kind: 'cancelled' };
    }
    return { kind: 'unreached', reasons, retryDisposition: false, placed };
  }

  /** Step 4 for SMS: the first mobile number, in chain order, that the gateway accepts. */
  async function smsAttempt(attempt: number): Promise<AttemptResult> {
    const reasons: ReattemptReason[] = [];
    const capped = new Set<string>();
    let placed = 0;
    if (!e.sms) throw new Error(`engagement ${e.engagementId} has no SMS settings`);
    pass += 1;
    for (const [index, t] of targets.entries()) {
      if (capped.has(t.contactId) || !callableNow(t)) continue;
      const sent = await sendSms({
        messageId: callIntentId(plan.deliveryId, pass, index),
        deliveryId: plan.deliveryId,
        engagementId: e.engagementId,
        attemptNumber: attempt,
        contactId: t.contactId,
        contactZone: zoneForCaps(t),
        to: t.number,
        from: e.sms.senderNumber,
        body: renderMessage(e.sms.messageText, plan.inputAttributes),
        limits: e.frequencyLimits,
        at: now().toISOString(),
      });
      if (sent.kind === 'capped') {
        capped.add(t.contactId);
        continue;
      }
      placed += 1;
      if (sent.kind === 'sent') return { kind: 'reached', detail: `message sent to the mobile number of contact ${t.contactId}` };
      reasons.push('Failed');
      if (cancelRequest) return { kind: 'cancelled' };
    }
    return { kind: 'unreached', reasons, retryDisposition: false, placed };
  }

  /** Step 6: the SMS follow-up of an unreached voice delivery: intake stores it (or suppresses it) and starts its workflow. */
  async function followUpBySms(): Promise<{ deliveryId?: string; note: string }> {
    if (plan.channel !== 'voice' || !e.smsFollowUpEngagementId) return { note: '' };
    const followUp = await createSmsFollowUp({
      voiceDeliveryId: plan.deliveryId,
      smsDeliveryId: uuid4(),
      conversationId: uuid4(),
      smsEngagementId: e.smsFollowUpEngagementId,
      contacts: plan.contacts,
      windows: plan.windows,
      inputAttributes: plan.inputAttributes,
      at: now().toISOString(),
    });
    if (followUp.kind === 'skipped') return { note: `; no SMS follow-up: ${followUp.reason}` };
    if (followUp.kind === 'suppressed') {
      return { deliveryId: followUp.deliveryId, note: `; SMS follow-up ${followUp.deliveryId} cancelled on arrival by policy ${followUp.policyId}` };
    }
    return { deliveryId: followUp.deliveryId, note: `; SMS follow-up ${followUp.deliveryId}` };
  }

  async function unreachedEnd(detail: string): Promise<DeliveryOutcome> {
    if (plan.channel === 'sms') return finish('Complete', 'MessageFailed', detail);
    const followUp = await followUpBySms();
    return finish('Complete', 'CallFailed', `${detail}${followUp.note}`, { followUpDeliveryId: followUp.deliveryId });
  }

  try {
    const policy = e.reattempts;
    let attempt = 0;
    for (;;) {
      const eligible = await waitUntilEligible();
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
      }

      attempt += 1;
      state.attempt = attempt;
      await transition('InProcess', `attempt ${attempt} started`, { started: attempt === 1, attempt: { number: attempt, event: 'started' } });
      // Whatever follows the attempt (end, wait, error) is a transition, and that transition frees the slot.
      const result = plan.channel === 'sms' ? await smsAttempt(attempt) : await voiceAttempt(attempt);
      if (result.kind === 'reached') return await finish('Complete', plan.channel === 'sms' ? 'MessageSent' : 'CallEnded', result.detail);
      if (result.kind === 'cancelled' || cancelRequest) return await cancelled();

      if (result.placed === 0) {
        // Quiet hours began or a cap was taken between the check and the dial: wait again, same attempt.
        attempt -= 1;
        await transition('Pending', 'no number could be tried at this instant; waiting for the next eligible one');
        continue;
      }
      const why = result.retryDisposition ? 'a retry disposition code' : result.reasons.join(', ') || 'no reason';
      const retryable = result.retryDisposition || result.reasons.some((r) => policy.reasons.includes(r));
      if (!retryable || attempt >= policy.maxAttempts) return await unreachedEnd(`unreached after ${attempt} attempt(s) (last: ${why})`);
      const retryAt = new Date(Date.now() + policy.waitSeconds * 1000);
      await transition('Pending', `attempt ${attempt} unreached (${why}); next attempt not before ${retryAt.toISOString()}`);
      if (await sleepUntil(retryAt)) return await cancelled();
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
