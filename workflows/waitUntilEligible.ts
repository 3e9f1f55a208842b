import type { CallableRules } from '../domain/delivery/callableNumber';
import type { DialTarget } from '../domain/delivery/deliveryPlan';
import { scheduleInput, scheduleSnapshot } from '../domain/delivery/scheduleSnapshot';
import { scheduleWaitingFor } from '../domain/delivery/waitingFor';
import { type FrequencyLimits, hasCaps, type NoneReason } from '../domain/schedule';
import { explainAt, scheduleWithReason } from '../domain/schedule/explain';
import type { DeliveryJournal } from './deliveryJournal';
import { shortActivities } from './shortActivities';

export interface Eligibility {
  targets: DialTarget[];
  rules: CallableRules;
  limits: FrequencyLimits;
  cancelRequested(): boolean;
  /** Sleeps until `at`; true when a cancellation cut the sleep short. */
  sleepUntil(at: Date): Promise<boolean>;
  /** Records each wait with its reason, and why the attempt may go ahead (numbers callable, others not). */
  journal?: DeliveryJournal;
}

export type EligibleOutcome = { kind: 'eligible' } | { kind: 'none'; reason: NoneReason } | { kind: 'cancelled' };

/**
 * Step 2 (spec §3): waits for the earliest eligible instant; re-evaluated after every sleep, since
 * another delivery may have used the contact's cap meanwhile. Each wait is recorded with the
 * condition that binds (window, quiet hours, caps: domain/schedule/explain.ts), one activity per wait.
 */
export async function waitUntilEligible(e: Eligibility): Promise<EligibleOutcome> {
  const contactIds = [...new Set(e.targets.map((t) => t.contactId))];
  const snapshot = scheduleSnapshot(e.targets, e.rules, e.limits);
  e.journal?.useScheduleRules(snapshot);
  for (;;) {
    if (e.cancelRequested()) return { kind: 'cancelled' };
    const now = new Date();
    const touches = hasCaps(e.limits) ? await shortActivities().loadContactTouches({ contactIds, at: now.toISOString() }) : {};
    const input = scheduleInput(snapshot, e.rules.windows, now, touches, e.rules.excludedNumberIds);
    const { decision, wait } = scheduleWithReason(input);
    if (decision.kind === 'none') return decision;
    if (decision.at.getTime() <= Date.now()) {
      e.journal?.note('eligibility', whyTheseNumbers(input, decision.callableNumberIds));
      return { kind: 'eligible' };
    }
    if (wait) await e.journal?.wait(scheduleWaitingFor(wait));
    if (await e.sleepUntil(decision.at)) return { kind: 'cancelled' };
  }
}

/** The numbers the attempt may call, in chain order, and why each other number may not (compact). */
function whyTheseNumbers(input: ReturnType<typeof scheduleInput>, callableNumberIds: string[]) {
  const skipped = explainAt(input, input.now)
    .numbers.filter((n) => !n.callable)
    .map((n) => ({ numberId: n.numberId, reasons: n.reasons.map((r) => `${r.code}: ${r.detail.text}`) }));
  return { at: input.now.toISOString(), callableNumberIds, ...(skipped.length > 0 ? { skipped } : {}) };
}
