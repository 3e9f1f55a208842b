import { type Kysely, sql } from 'kysely';

/**
 * The product's result words per call (domain/delivery/productOutcomes.ts), the SIP facts they may
 * come from, and how the result reached the engine: a dialer's push to ResultDestination or polling.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .addColumn('result', 'text')
    .addColumn('sip_code', 'integer')
    .addColumn('sip_diagnostics', 'text')
    // A connected live answer's wait for a representative, as the dialer reports it (pacing's average-wait rule).
    .addColumn('wait_ms', 'integer')
    .addColumn('result_source', 'text', (c) => c.check(sql`result_source in ('poll', 'push', 'engine')`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('calls')
    .dropColumn('result')
    .dropColumn('sip_code')
    .dropColumn('sip_diagnostics')
    .dropColumn('wait_ms')
    .dropColumn('result_source')
    .execute();
}
