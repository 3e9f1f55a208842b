/** A cancellation / suppression policy: an AND filter; an absent field matches anything. */
export interface PolicyFilter {
  engagementId?: string | null;
  country?: string | null;
  state?: string | null;
  postalCode?: string | null;
}

export interface PolicyTarget {
  engagementId: string;
  contacts: Array<{ country?: string | null; state?: string | null; postalCode?: string | null }>;
}

const same = (want: string | null | undefined, have: string | null | undefined) =>
  want === undefined || want === null || (have !== undefined && have !== null && want.trim().toLowerCase() === have.trim().toLowerCase());

/**
 * A delivery matches when its engagement matches and one contact of its chain matches every
 * location field the policy sets (case-insensitive). A policy with no field set matches nothing:
 * suppressing everything is what pausing an engagement is for.
 */
export function policyMatches(policy: PolicyFilter, target: PolicyTarget): boolean {
  const anyField = [policy.engagementId, policy.country, policy.state, policy.postalCode].some((v) => v !== undefined && v !== null);
  if (!anyField || !same(policy.engagementId, target.engagementId)) return false;
  return target.contacts.some((c) => same(policy.country, c.country) && same(policy.state, c.state) && same(policy.postalCode, c.postalCode));
}

/** Active: not ended, and its "until" date (if any) still ahead. */
export function policyActive(policy: { until?: Date | null; endedAt?: Date | null }, now: Date): boolean {
  return !policy.endedAt && (!policy.until || policy.until.getTime() > now.getTime());
}
