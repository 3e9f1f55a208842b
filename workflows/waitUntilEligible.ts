import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CallableRules } from '../domain/delivery/callableNumber';
import type { DialTarget } from '../domain/delivery/deliveryPlan';
import { type FrequencyLimits, hasCaps, nextEligibleInstant, type NoneReason } from '../domain/schedule';

const { loadContactTouches } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

export interface Eligibility {
  targets: DialTarget[];
  rules: CallableRules;
  limits: FrequencyLimits;
  cancelRequested(): boolean;
  /** Sleeps until `at`; true when a cancellation cut the sleep short. */
  sleepUntil(at: Date): Promise<boolean>;
}

export type EligibleOutcome = { kind: 'eligible' } | { kind: 'none'; reason: NoneReason } | { kind: 'cancelled' };

/**
 * Step 2 (spec §3): waits for the earliest eligible instant; re-evaluated after every sleep, since
 * another delivery may have used the contact's cap meanwhile.
 */
export async function waitUntilEligible(e: Eligibility): Promise<EligibleOutcome> {
  const contactIds = [...new Set(e.targets.map((t) => t.contactId))];
  for (;;) {
    if (e.cancelRequested()) return { kind: 'cancelled' };
    const now = new Date();
    const touches = hasCaps(e.limits) ? await loadContactTouches({ contactIds, at: now.toISOString() }) : {};
    const decision = nextEligibleInstant({
      ...e.rules,
      now,
      numbers: e.targets,
      limits: e.limits,
      touches: Object.fromEntries(Object.entries(touches).map(([id, list]) => [id, list.map((s) => new Date(s))])),
      excludedNumberIds: [...e.rules.excludedNumberIds],
    });
    if (decision.kind === 'none') return decision;
    if (decision.at.getTime() <= Date.now()) return { kind: 'eligible' };
    if (await e.sleepUntil(decision.at)) return { kind: 'cancelled' };
  }
}
