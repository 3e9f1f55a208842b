import { type Kysely, sql } from 'kysely';

/**
 * The decision trail (issue 11): every wait and decision of a delivery is an event with its kind,
 * until when, and structured data; the delivery keeps what it waits for now and when it next tries,
 * and the schedule rules its workflow runs with (the explain endpoint evaluates those, not the
 * engagement's current settings).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('delivery_events')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('transition'))
    .addColumn('until', 'timestamptz')
    .addColumn('data', 'jsonb')
    .execute();
  await db.schema
    .alterTable('deliveries')
    .addColumn('waiting_for', 'jsonb')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('schedule_rules', 'jsonb')
    .execute();
  await sql`comment on column deliveries.schedule_rules is 'the schedule inputs the delivery workflow uses (numbers, quiet hours, zone mode, caps)'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deliveries').dropColumn('schedule_rules').dropColumn('next_attempt_at').dropColumn('waiting_for').execute();
  await db.schema.alterTable('delivery_events').dropColumn('data').dropColumn('until').dropColumn('kind').execute();
}
