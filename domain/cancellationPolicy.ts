/**
 * The location fields a cancellation / suppression policy may filter on, each matched against one
 * contact of the chain. This list is the single definition: the TypeScript predicate below and the
 * SQL that finds queued deliveries (db/cancellationPolicyStore.ts) are both built from it.
 */
export const POLICY_LOCATION_FIELDS = ['country', 'state', 'postalCode'] as const;
export type PolicyLocationField = (typeof POLICY_LOCATION_FIELDS)[number];

/** A cancellation / suppression policy: an AND filter; an absent field matches anything. */
export type PolicyFilter = { engagementId?: string | null } & { [F in PolicyLocationField]?: string | null };

export interface PolicyTarget {
  engagementId: string;
  contacts: Array<{ [F in PolicyLocationField]?: string | null }>;
}

/** A stored policy, as suppression on arrival needs it. */
export interface ActivePolicy extends PolicyFilter {
  policyId: string;
  comment: string;
  until?: Date | null;
  endedAt?: Date | null;
}

/**
 * Location values compare without surrounding spaces and case. Spaces only (not every whitespace), as
 * Postgres' btrim does: the SQL form is lower(btrim(column)), and a property test holds the two equal.
 */
export function normalizeLocation(value: string): string {
  return value.replace(/^ +| +$/g, '').toLowerCase();
}

const isSet = (v: string | null | undefined): v is string => v !== undefined && v !== null;

/** The location fields a policy sets, normalised: what both forms of the predicate compare. */
export function policyLocationCriteria(policy: PolicyFilter): Array<{ field: PolicyLocationField; value: string }> {
  return POLICY_LOCATION_FIELDS.flatMap((field) => {
    const want = policy[field];
    return isSet(want) ? [{ field, value: normalizeLocation(want) }] : [];
  });
}

/** A policy with no field set matches nothing: suppressing everything is what pausing an engagement is for. */
export function policyHasCriteria(policy: PolicyFilter): boolean {
  return isSet(policy.engagementId) || policyLocationCriteria(policy).length > 0;
}

/**
 * A delivery matches when its engagement is the policy's (ids compare exactly) and one contact of its
 * chain matches every location field the policy sets.
 */
export function policyMatches(policy: PolicyFilter, target: PolicyTarget): boolean {
  if (!policyHasCriteria(policy)) return false;
  if (isSet(policy.engagementId) && policy.engagementId !== target.engagementId) return false;
  const criteria = policyLocationCriteria(policy);
  return target.contacts.some((c) => criteria.every(({ field, value }) => isSet(c[field]) && normalizeLocation(c[field]) === value));
}

/** Active: not ended, and its "until" date (if any) still ahead. */
export function policyActive(policy: { until?: Date | null; endedAt?: Date | null }, now: Date): boolean {
  return !policy.endedAt && (!policy.until || policy.until.getTime() > now.getTime());
}

/** The first of `policies` (oldest first) that is active and matches: the one a delivery arriving now is suppressed by. */
export function suppressingPolicy<P extends ActivePolicy>(policies: readonly P[], target: PolicyTarget, now: Date): P | undefined {
  return policies.find((p) => policyActive(p, now) && policyMatches(p, target));
}
