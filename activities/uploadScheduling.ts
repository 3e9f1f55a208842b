import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { unstartedUploadDeliveries } from '../db/deliveryStore';
import { INTAKE_STATES, type UploadState } from '../domain/csvIntake/uploadStates';
import { type EngagementConfig, snapshotEngagement } from '../domain/engagement';
import { scheduleStoredDeliveries } from '../intake/uploadDeliveries';
import { bulkDeliveriesTaskQueue } from '../temporal/taskQueues';

export interface ScheduleUploadBatchInput {
  uploadId: string;
  batchSize: number;
  /** An upload still in intake whose last progress is older than this was abandoned by the API. */
  staleAfterMs: number;
}

export interface ScheduleUploadBatchResult {
  /** Delivery workflows started by this call. */
  started: number;
  /** Deliveries taken off the queue by this call: started, or cancelled by a policy instead. */
  handled: number;
  /** Nothing left to start and nothing more will be stored. */
  done: boolean;
}

/**
 * Starts the delivery workflows of an upload's stored deliveries, one batch per call. Idempotent: a
 * delivery is marked only after its start was accepted, and starting an id that exists counts as
 * started, so a call retried after a crash starts no workflow twice.
 */
export function createUploadSchedulingActivities(deps: { db: Db; temporal?: Client; taskQueue?: string }) {
  const { db } = deps;
  return {
    async scheduleUploadBatch(input: ScheduleUploadBatchInput): Promise<ScheduleUploadBatchResult> {
      const { temporal, taskQueue } = deps;
      if (!temporal || !taskQueue)
        throw ApplicationFailure.nonRetryable('the worker has no Temporal client to start delivery workflows with');
      // Read the state before the deliveries: once storing is over, every delivery is committed.
      const upload = await db
        .selectFrom('uploads')
        .select(['engagement_id', 'state', 'updated_at', 'engagement_config'])
        .where('upload_id', '=', input.uploadId)
        .executeTakeFirst();
      if (!upload) return { started: 0, handled: 0, done: true }; // refused before anything was stored
      let state = upload.state as UploadState;
      if (INTAKE_STATES.includes(state) && Date.now() - upload.updated_at.getTime() > input.staleAfterMs) {
        await db
          .updateTable('uploads')
          .set({
            state: 'failed',
            error: `interrupted while ${state}: the API stopped working on the file; the deliveries stored (whole) are scheduled`,
            updated_at: new Date(),
          })
          .where('upload_id', '=', input.uploadId)
          .where('state', '=', state)
          .execute();
        state = 'failed';
      }
      // Nothing starts while the API is still storing (see README, "Uploads"): workflow starts would
      // take the CPU and Postgres from the inserts on a small machine, and the whole file is stored
      // within seconds (uploads are at most 10 MB), so its deliveries start barely later.
      if (INTAKE_STATES.includes(state)) return { started: 0, handled: 0, done: false };
      const ids = await unstartedUploadDeliveries(db, input.uploadId, input.batchSize);
      if (ids.length === 0) {
        await db
          .updateTable('uploads')
          .set({ state: 'completed', completed_at: new Date(), updated_at: new Date() })
          .where('upload_id', '=', input.uploadId)
          .where('state', '=', 'scheduling')
          .execute();
        return { started: 0, handled: 0, done: true };
      }

      const engagement = snapshotEngagement(upload.engagement_id, upload.engagement_config as EngagementConfig);
      const result = await scheduleStoredDeliveries({ db, temporal, taskQueue: bulkDeliveriesTaskQueue(taskQueue) }, ids, engagement, {
        now: new Date(),
        onStarted: () => Context.current().heartbeat(),
        inTransaction: async (trx, counts) => {
          await trx
            .updateTable('uploads')
            .set({
              deliveries_scheduled: sql`deliveries_scheduled + ${counts.marked}`,
              deliveries_suppressed: sql`deliveries_suppressed + ${counts.cancelled}`,
              updated_at: new Date(),
            })
            .where('upload_id', '=', input.uploadId)
            .execute();
        },
      });
      return { ...result, done: false };
    },
  };
}
