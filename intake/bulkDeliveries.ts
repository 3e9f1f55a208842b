import { randomUUID } from 'node:crypto';
import { activePolicies, countPolicyCancellations } from '../db/cancellationPolicyStore';
import { forgetDeliveryBatch, insertDeliveryBatch, markDeliveryBatchStored } from '../db/deliveryBatches';
import { insertDeliveries } from '../db/deliveryStore';
import { BULK_STORE_CHUNK } from '../domain/delivery/bulkLimits';
import type { ChainContact } from '../domain/delivery/deliveryPlan';
import { newDelivery, newDeliveryPlan, type NewDelivery } from '../domain/delivery/newDelivery';
import { snapshotEngagement } from '../domain/engagement';
import { startUploadScheduling } from '../workflowStarts/uploadSchedulingStart';
import { loadEngagement, type IntakeDeps } from './deliveryIntake';
import { IntakeError } from './intakeError';

/** One valid record of a bulk request: its chain (the bulk API has one contact per record, no windows). */
export interface BulkDeliveryRecord {
  contacts: ChainContact[];
}

export interface BulkIntake {
  engagementId: string;
  /** Stored as every delivery's tracking id. */
  trackingId?: string;
  /** Size of the request body, kept on the batch row. */
  bytes: number;
  /**
   * The records in request order, null for one the caller refused. Read once, lazily, inside the
   * storing transaction: the caller may validate each record as it is pulled.
   */
  records: Iterable<BulkDeliveryRecord | null>;
}

export interface AcceptedBulk {
  /** The batch (GET /v1/uploads/:id shows its scheduling); undefined when nothing was stored. */
  batchId?: string;
  /** Per record, the delivery created, or null for a refused record. */
  deliveryIds: Array<string | null>;
  created: number;
  suppressed: number;
}

/** Thrown inside the transaction when no record was valid, so it rolls back and the batch row goes too. */
class NothingStored extends Error {}

/**
 * Stores every valid record of a bulk request as a whole delivery, all of them in one transaction
 * (multi-row inserts, BULK_STORE_CHUNK at a time), so a failure leaves none behind; refused records
 * are skipped and keep their index. Workflows are not started here: the batch's scheduling workflow
 * (started before storing, as for a CSV upload) starts them after the commit, in bounded batches,
 * and survives an API crash. Suppression on arrival applies as to any delivery.
 */
export async function acceptBulkDeliveries(deps: IntakeDeps, intake: BulkIntake): Promise<AcceptedBulk> {
  const { db } = deps;
  const engagement = await loadEngagement(db, intake.engagementId);
  if (!engagement)
    throw new IntakeError('invalid', 'validation_failed', 'the request has invalid fields', {
      path: 'engagementId',
      message: `no engagement "${intake.engagementId}"`,
    });
  if (engagement.state === 'stopped')
    throw new IntakeError('conflict', 'engagement_stopped', `engagement "${intake.engagementId}" is stopped and takes no new deliveries`);

  const { engagementId, config } = engagement;
  const snapshot = snapshotEngagement(engagementId, config);
  const batchId = randomUUID();
  const receivedAt = new Date();
  await insertDeliveryBatch(db, { batchId, engagementId, config, bytes: intake.bytes, intakeRun: randomUUID(), at: receivedAt });
  const deliveryIds: Array<string | null> = [];
  let created = 0;
  const suppressedBy = new Map<string, number>();
  try {
    await startUploadScheduling(deps.temporal, deps.taskQueue, batchId);
    await db.transaction().execute(async (trx) => {
      const policies = await activePolicies(trx, engagementId, receivedAt);
      let chunk: NewDelivery[] = [];
      const flush = async () => {
        await insertDeliveries(trx, chunk);
        for (const d of chunk)
          if (d.suppression) suppressedBy.set(d.suppression.policyId, (suppressedBy.get(d.suppression.policyId) ?? 0) + 1);
        created += chunk.length;
        chunk = [];
      };
      for (const record of intake.records) {
        if (!record) {
          deliveryIds.push(null);
          continue;
        }
        const plan = newDeliveryPlan(
          { deliveryId: randomUUID(), conversationId: randomUUID() },
          engagementId,
          config,
          { contacts: record.contacts },
          receivedAt,
          snapshot,
        );
        chunk.push(
          newDelivery(plan, config, {
            origin: { kind: 'upload', uploadId: batchId },
            now: receivedAt,
            policies,
            trackingId: intake.trackingId,
          }),
        );
        deliveryIds.push(plan.deliveryId);
        if (chunk.length >= BULK_STORE_CHUNK) await flush();
      }
      await flush();
      if (created === 0) throw new NothingStored();
      for (const [policyId, n] of suppressedBy) await countPolicyCancellations(trx, policyId, n);
      await markDeliveryBatchStored(
        trx,
        batchId,
        { read: deliveryIds.length, accepted: created, rejected: deliveryIds.length - created, suppressed: total(suppressedBy) },
        new Date(),
      );
    });
  } catch (err) {
    await forgetDeliveryBatch(db, batchId).catch(() => undefined);
    if (err instanceof NothingStored) return { deliveryIds, created: 0, suppressed: 0 };
    throw err;
  }
  return { batchId, deliveryIds, created, suppressed: total(suppressedBy) };
}

function total(counts: Map<string, number>): number {
  return [...counts.values()].reduce((a, b) => a + b, 0);
}
