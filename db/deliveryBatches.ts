import type { Kysely, Transaction } from 'kysely';
import type { Db } from './connect';
import type { Database } from './schema';

/**
 * A bulk API request is a batch of deliveries scheduled like a CSV upload's: its row in `uploads`
 * (no file, `bytes` the body's size) lets the upload scheduling workflow start the workflows of the
 * deliveries stored under its id, durably and in bounded batches, after the request committed them.
 */
export async function insertDeliveryBatch(
  db: Db,
  b: { batchId: string; engagementId: string; config: unknown; bytes: number; intakeRun: string; at: Date },
): Promise<void> {
  await db
    .insertInto('uploads')
    .values({
      upload_id: b.batchId,
      engagement_id: b.engagementId,
      state: 'storing',
      bytes: b.bytes,
      default_country: null,
      engagement_config: JSON.stringify(b.config),
      intake_run: b.intakeRun,
      created_at: b.at,
      updated_at: b.at,
    })
    .execute();
}

/** The batch's deliveries are committed with this update: its scheduling workflow starts them from here on. */
export async function markDeliveryBatchStored(
  trx: Transaction<Database>,
  batchId: string,
  counts: { read: number; accepted: number; rejected: number; suppressed: number },
  at: Date,
): Promise<void> {
  await trx
    .updateTable('uploads')
    .set({
      state: 'scheduling',
      rows_read: counts.read,
      rows_accepted: counts.accepted,
      rows_rejected: counts.rejected,
      deliveries_created: counts.accepted,
      deliveries_suppressed: counts.suppressed,
      stored_at: at,
      updated_at: at,
    })
    .where('upload_id', '=', batchId)
    .execute();
}

/** A batch that stored nothing leaves no row: its scheduling workflow then finds no batch and ends. */
export async function forgetDeliveryBatch(db: Kysely<Database>, batchId: string): Promise<void> {
  await db.deleteFrom('uploads').where('upload_id', '=', batchId).execute();
}
