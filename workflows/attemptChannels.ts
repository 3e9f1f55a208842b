/**
 * How one number of the chain is tried, per channel: the voice adapter dials (display number,
 * dialer inputs, cap slot, outcome), the SMS adapter sends. The chain loop (workflows/attemptChain.ts)
 * is the same for both.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { classifyCall, type ReattemptReason } from '../domain/callState';
import { dialerInputs } from '../domain/delivery/dialerInputs';
import { DIAL_RETRY } from '../domain/dialRetry';
import { displayNumberFields } from '../domain/delivery/displayNumberFields';
import type { DeliveryPlan, DialTarget } from '../domain/delivery/deliveryPlan';
import { selectDisplayNumber } from '../domain/displayNumbers';
import { renderMessage } from '../domain/messageTemplate';
import { resolveZone } from '../domain/schedule';

/** One call from dial to outcome; heartbeats while it rings and talks. */
const { dialNumber } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: DIAL_RETRY.initialIntervalMs,
    backoffCoefficient: DIAL_RETRY.backoffCoefficient,
    maximumInterval: DIAL_RETRY.maximumIntervalMs,
    maximumAttempts: DIAL_RETRY.maximumAttempts,
  },
});

const { sendSms } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 10 },
});

export interface NumberTry {
  target: DialTarget;
  /** The intent id of this call or message (see callIntentId). */
  intentId: string;
  attempt: number;
  at: Date;
}

export type TryOutcome =
  /** The contact's cap was used meanwhile: nothing was placed. */
  | { kind: 'capped' }
  /** `live`: a representative may still post disposition codes on this call. */
  | { kind: 'reached'; detail: string; live: boolean }
  | { kind: 'unreached'; reason?: ReattemptReason; numberInvalid: boolean };

export interface AttemptChannel {
  tryNumber(t: NumberTry): Promise<TryOutcome>;
}

/** Caps count the contact's own local days, whatever zone its quiet hours use. */
const capsZone = (t: DialTarget) => resolveZone(t.contactZone, 'contact');

export function voiceChannel(plan: DeliveryPlan, poolKey: string | undefined): AttemptChannel {
  const e = plan.engagement;
  return {
    async tryNumber({ target: t, intentId, attempt, at }) {
      const display = selectDisplayNumber(e.displayNumbers, {
        queueNumber: e.routing.queueDisplayNumber,
        callKey: intentId,
        fields: displayNumberFields(plan.contacts[t.contactIndex], t, plan.inputAttributes),
      });
      const dial = await dialNumber({
        callId: intentId,
        deliveryId: plan.deliveryId,
        engagementId: e.engagementId,
        attemptNumber: attempt,
        contactId: t.contactId,
        contactZone: capsZone(t),
        phoneType: t.phoneType,
        to: t.number,
        from: display.number,
        displayNumberReason: display.reason,
        limits: e.frequencyLimits,
        at: at.toISOString(),
        dialer: e.dialer,
        inputs: dialerInputs(e, plan.inputAttributes),
        poolKey,
      });
      if (dial.kind === 'capped') return { kind: 'capped' };
      // Decided by the activity (product result words); a history recorded before that has none.
      const outcome = dial.outcome ?? classifyCall(dial.facts);
      if (outcome.reachedPerson) return { kind: 'reached', detail: `${t.phoneType} number of contact ${t.contactId} answered`, live: true };
      return { kind: 'unreached', reason: outcome.reattemptReason, numberInvalid: outcome.numberInvalid };
    },
  };
}

export function smsChannel(plan: DeliveryPlan): AttemptChannel {
  const e = plan.engagement;
  const sms = e.sms;
  if (!sms) throw new Error(`engagement ${e.engagementId} has no SMS settings`);
  return {
    async tryNumber({ target: t, intentId, attempt, at }) {
      const sent = await sendSms({
        messageId: intentId,
        deliveryId: plan.deliveryId,
        engagementId: e.engagementId,
        attemptNumber: attempt,
        contactId: t.contactId,
        contactZone: capsZone(t),
        to: t.number,
        from: sms.senderNumber,
        body: renderMessage(sms.messageText, plan.inputAttributes),
        limits: e.frequencyLimits,
        at: at.toISOString(),
      });
      if (sent.kind === 'capped') return { kind: 'capped' };
      if (sent.kind === 'sent') {
        return { kind: 'reached', detail: `message sent to the mobile number of contact ${t.contactId}`, live: false };
      }
      return { kind: 'unreached', reason: 'Failed', numberInvalid: false };
    },
  };
}
