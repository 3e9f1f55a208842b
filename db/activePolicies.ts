import type { Selectable } from 'kysely';
import { policyActive, policyMatches, type PolicyTarget } from '../domain/cancellationPolicy';
import type { Db } from './connect';
import type { CancellationPoliciesTable } from './schema';

export type PolicyRow = Selectable<CancellationPoliciesTable>;

/** The policies that may suppress an engagement's deliveries arriving now (read once per batch by CSV intake). */
export async function activePolicies(db: Db, engagementId: string, now: Date): Promise<PolicyRow[]> {
  return db
    .selectFrom('cancellation_policies')
    .selectAll()
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .where((eb) => eb.or([eb('engagement_id', 'is', null), eb('engagement_id', '=', engagementId)]))
    .orderBy('created_at')
    .execute();
}

/** The oldest of `policies` that is active and matches the delivery. */
export function matchingPolicy(policies: PolicyRow[], target: PolicyTarget, now: Date): PolicyRow | undefined {
  return policies.find(
    (p) => policyActive({ until: p.until, endedAt: p.ended_at }, now) && policyMatches({ engagementId: p.engagement_id, country: p.country, state: p.state, postalCode: p.postal_code }, target),
  );
}
