import { type ExpressionBuilder, type Kysely, type Selectable, sql, type SqlBool, type Expression } from 'kysely';
import {
  type ActivePolicy,
  type PolicyFilter,
  type PolicyLocationField,
  policyHasCriteria,
  policyLocationCriteria,
} from '../domain/cancellationPolicy';
import type { Db } from './connect';
import type { CancellationPoliciesTable, Database } from './schema';

export type PolicyRow = Selectable<CancellationPoliciesTable>;

/** Where each location field of a policy is stored on a chain's contact (delivery_contacts). */
const CONTACT_COLUMNS: Record<PolicyLocationField, 'country' | 'state' | 'postal_code'> = {
  country: 'country',
  state: 'state',
  postalCode: 'postal_code',
};

/**
 * The SQL form of domain/cancellationPolicy.ts' policyMatches for the deliveries aliased `d`, built
 * from the same field list and normalisation (test/db/policyMatchSql.test.ts proves they agree).
 */
export function policyMatchSql(
  policy: PolicyFilter,
): (eb: ExpressionBuilder<Database & { d: Database['deliveries'] }, 'd'>) => Expression<SqlBool> {
  return (eb) => {
    if (!policyHasCriteria(policy)) return sql<SqlBool>`false`;
    const criteria = policyLocationCriteria(policy).map(
      ({ field, value }) => sql`lower(btrim(${sql.ref(`c.${CONTACT_COLUMNS[field]}`)})) = ${value}`,
    );
    const contact = sql<SqlBool>`exists (select 1 from delivery_contacts c where c.delivery_id = d.delivery_id${sql.join(
      criteria.map((c) => sql` and ${c}`),
      sql``,
    )})`;
    const engagementId = policy.engagementId;
    return engagementId !== undefined && engagementId !== null ? eb.and([eb('d.engagement_id', '=', engagementId), contact]) : contact;
  };
}

export function toActivePolicy(p: PolicyRow): ActivePolicy {
  return {
    policyId: p.policy_id,
    comment: p.comment,
    engagementId: p.engagement_id,
    country: p.country,
    state: p.state,
    postalCode: p.postal_code,
    until: p.until,
    endedAt: p.ended_at,
  };
}

/** The policies that may suppress an engagement's deliveries arriving now, oldest first (read once per batch by CSV intake). */
export async function activePolicies(db: Kysely<Database>, engagementId: string, now: Date): Promise<ActivePolicy[]> {
  const rows = await db
    .selectFrom('cancellation_policies')
    .selectAll()
    .where('ended_at', 'is', null)
    .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
    .where((eb) => eb.or([eb('engagement_id', 'is', null), eb('engagement_id', '=', engagementId)]))
    .orderBy('created_at')
    .execute();
  return rows.map(toActivePolicy);
}

export interface NewPolicyRow extends PolicyFilter {
  policyId: string;
  until?: string;
  comment: string;
}

export async function insertPolicy(db: Db, policy: NewPolicyRow): Promise<PolicyRow> {
  return db
    .insertInto('cancellation_policies')
    .values({
      policy_id: policy.policyId,
      engagement_id: policy.engagementId ?? null,
      country: policy.country ?? null,
      state: policy.state ?? null,
      postal_code: policy.postalCode ?? null,
      until: policy.until ?? null,
      comment: policy.comment,
      ended_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deliveries still queued (Pending, or InProcess) that the policy matches. */
export async function queuedDeliveriesMatching(db: Db, policy: PolicyFilter): Promise<string[]> {
  const rows = await db
    .selectFrom('deliveries as d')
    .select('d.delivery_id')
    .where('d.status', 'in', ['Pending', 'InProcess'])
    .where(policyMatchSql(policy))
    .execute();
  return rows.map((r) => r.delivery_id);
}

export async function countPolicyCancellations(db: Kysely<Database>, policyId: string, n: number): Promise<PolicyRow> {
  return db
    .updateTable('cancellation_policies')
    .set((eb) => ({ cancelled_count: eb('cancelled_count', '+', n) }))
    .where('policy_id', '=', policyId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listPolicies(db: Db, limit: number): Promise<PolicyRow[]> {
  return db.selectFrom('cancellation_policies').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
}

/** Ends an active policy; undefined when there is none with that id. */
export async function endPolicy(db: Db, policyId: string, now: Date): Promise<PolicyRow | undefined> {
  return db
    .updateTable('cancellation_policies')
    .set({ ended_at: now })
    .where('policy_id', '=', policyId)
    .where('ended_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
