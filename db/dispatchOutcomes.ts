/** Call outcomes of dispatched calls (`dispatch_outcomes`): pacing learns from them, pacing rules count them. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { CampaignFigures, PacingOutcomeRow } from '../domain/dispatch';
import type { Database } from './schema';

type Conn = Kysely<Database> | Transaction<Database>;

/** An engagement's figures over its outcomes since `since`. */
export async function engagementFiguresSince(db: Conn, engagementId: string, since: Date): Promise<CampaignFigures> {
  const row = await db
    .selectFrom('dispatch_outcomes')
    .select((eb) => [
      sql<string>`count(*) filter (where live)`.as('live_answers'),
      sql<string>`count(*) filter (where live and abandoned is not null)`.as('abandonment_reported'),
      sql<string>`count(*) filter (where abandoned)`.as('abandoned'),
      sql<string | null>`avg(wait_ms) filter (where live and not abandoned and wait_ms is not null)`.as('average_wait_ms'),
      eb.fn.countAll<string>().as('calls'),
      sql<string>`count(*) filter (where failed)`.as('failed_calls'),
    ])
    .where('engagement_id', '=', engagementId)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return {
    liveAnswers: Number(row.live_answers),
    abandonmentReported: Number(row.abandonment_reported),
    abandoned: Number(row.abandoned),
    averageWaitMs: row.average_wait_ms === null ? null : Number(row.average_wait_ms),
    calls: Number(row.calls),
    failedCalls: Number(row.failed_calls),
  };
}

/** The pool's outcomes after the cursor, oldest first, at most `limit`. */
export async function outcomesAfter(db: Conn, poolKey: string, cursor: string, limit: number): Promise<PacingOutcomeRow[]> {
  const rows = await db
    .selectFrom('dispatch_outcomes')
    .select(['id', 'at', 'ring_ms', 'live', 'abandoned', 'engagement_id', 'wait_ms'])
    .where('pool_key', '=', poolKey)
    .where('id', '>', cursor)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((o) => ({
    id: String(o.id),
    atMs: new Date(o.at).getTime(),
    ringMs: o.ring_ms,
    live: o.live,
    abandoned: o.abandoned,
    engagementId: o.engagement_id,
    waitMs: o.wait_ms,
  }));
}
