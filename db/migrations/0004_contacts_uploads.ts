import { type Kysely, sql } from 'kysely';

/** Contacts upserted by CSV intake, uploads with their progress and row errors, and the link from a delivery to its upload. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One contact per engagement and unique identifier (the engagement's uniqueIdentifierAttribute value).
  await db.schema
    .createTable('contacts')
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.engagement_id'))
    .addColumn('unique_identifier', 'text', (c) => c.notNull())
    .addColumn('identifier_attribute', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('country', 'text')
    .addColumn('state', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('business_phone', 'text')
    .addColumn('home_phone', 'text')
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('last_upload_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('contacts_pk', ['engagement_id', 'unique_identifier'])
    .execute();

  await db.schema
    .createTable('uploads')
    .addColumn('upload_id', 'uuid', (c) => c.primaryKey())
    .addColumn('engagement_id', 'text', (c) => c.notNull().references('engagements.engagement_id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('default_country', 'text')
    // The engagement settings every delivery of the upload fixes, as they were when it arrived (read
    // again to resume storing after a crash and by the scheduling workflow).
    .addColumn('engagement_config', 'jsonb', (c) => c.notNull())
    // The run storing the file: a run resumed elsewhere takes it over and the old one can commit no more.
    .addColumn('intake_run', 'uuid', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deliveries_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deliveries_suppressed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deliveries_scheduled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Bumped by every step of the intake: a stale one while storing means the API stopped mid-upload.
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('stored_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('uploads_engagement_created').on('uploads').columns(['engagement_id', 'created_at']).execute();

  await db.schema
    .createTable('upload_row_errors')
    .addColumn('upload_id', 'uuid', (c) => c.notNull().references('uploads.upload_id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_row_errors_pk', ['upload_id', 'line'])
    .execute();

  await db.schema
    .alterTable('deliveries')
    .addColumn('upload_id', 'uuid', (c) => c.references('uploads.upload_id'))
    .addColumn('workflow_started_at', 'timestamptz')
    .execute();
  // What the scheduling workflow reads: an upload's deliveries whose workflow is not started yet.
  await sql`create index deliveries_upload_unstarted on deliveries (upload_id, delivery_id) where upload_id is not null and workflow_started_at is null and status = 'Pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists deliveries_upload_unstarted`.execute(db);
  await db.schema.alterTable('deliveries').dropColumn('upload_id').dropColumn('workflow_started_at').execute();
  await db.schema.dropTable('upload_row_errors').execute();
  await db.schema.dropTable('uploads').execute();
  await db.schema.dropTable('contacts').execute();
}
