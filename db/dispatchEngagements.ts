/**
 * The `engagements` table as dispatch uses it: the live settings and state a tick reads, and the
 * state/priority changes that operators and pacing rules make through the dispatcher.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { EngagementConfig, Priority } from '../domain/engagement';
import type { Database } from './schema';

type Conn = Kysely<Database> | Transaction<Database>;

export interface DispatchedEngagementRow {
  engagementId: string;
  config: EngagementConfig;
  state: string;
  reason: string | null;
  /** When its pacing rules started counting (its last resume), if ever. */
  rulesSince: Date | null;
}

export async function dispatchedEngagements(db: Conn, engagementIds: string[]): Promise<DispatchedEngagementRow[]> {
  if (engagementIds.length === 0) return [];
  const rows = await db
    .selectFrom('engagements')
    .select(['engagement_id', 'config', 'state', 'state_reason', 'rules_since'])
    .where('engagement_id', 'in', engagementIds)
    .execute();
  return rows.map((r) => ({
    engagementId: r.engagement_id,
    config: r.config as EngagementConfig,
    state: r.state,
    reason: r.state_reason,
    rulesSince: r.rules_since,
  }));
}

export async function dispatchedEngagement(db: Conn, engagementId: string): Promise<DispatchedEngagementRow | undefined> {
  return (await dispatchedEngagements(db, [engagementId]))[0];
}

export interface EngagementControlChange {
  engagementId: string;
  state?: 'active' | 'paused';
  reason?: string | null;
  priority?: Priority;
}

/**
 * Writes an engagement's state and/or priority. A state change is a compare-and-set from the opposite
 * state (`changed` false when the engagement was not in it); a resume restarts its rules' period.
 * Undefined when there is no such engagement.
 */
export async function updateEngagementControl(
  db: Conn,
  input: EngagementControlChange,
): Promise<{ changed: boolean; state: string; reason: string | null; priority: Priority } | undefined> {
  let q = db.updateTable('engagements').set({ updated_at: new Date() }).where('engagement_id', '=', input.engagementId);
  if (input.state)
    q = q
      .set({ state: input.state, state_reason: input.reason ?? null })
      .where('state', '=', input.state === 'paused' ? 'active' : 'paused');
  if (input.state === 'active') q = q.set({ rules_since: new Date() });
  if (input.priority) q = q.set({ config: sql`jsonb_set(config, '{priority}', to_jsonb(${input.priority}::text))` });
  const updated = await q.returning(['state', 'state_reason', 'config']).executeTakeFirst();
  const row =
    updated ??
    (await db
      .selectFrom('engagements')
      .select(['state', 'state_reason', 'config'])
      .where('engagement_id', '=', input.engagementId)
      .executeTakeFirst());
  if (!row) return undefined;
  return { changed: !!updated, state: row.state, reason: row.state_reason, priority: (row.config as EngagementConfig).priority };
}
