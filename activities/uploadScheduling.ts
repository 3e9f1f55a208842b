import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { activePolicies, matchingPolicy } from '../db/activePolicies';
import type { Db } from '../db/connect';
import type { ChainContact, ContactPhone, DeliveryPlan } from '../domain/deliveryPlan';
import { INTAKE_STATES, type UploadState } from '../domain/csvIntake/uploadStates';
import { type EngagementConfig, type EngagementSnapshot, snapshotEngagement } from '../domain/engagement';
import { startDeliveryWorkflow } from '../runtime/deliveryWorkflowStart';

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

/** Workflow starts in flight at once. */
const START_CONCURRENCY = 32;

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
      if (!temporal || !taskQueue) throw ApplicationFailure.nonRetryable('the worker has no Temporal client to start delivery workflows with');
      // Read the state before the deliveries: once storing is over, every delivery is committed.
      const upload = await db.selectFrom('uploads').select(['engagement_id', 'state', 'updated_at', 'engagement_config']).where('upload_id', '=', input.uploadId).executeTakeFirst();
      if (!upload) return { started: 0, handled: 0, done: true }; // refused before anything was stored
      let state = upload.state as UploadState;
      if (INTAKE_STATES.includes(state) && Date.now() - upload.updated_at.getTime() > input.staleAfterMs) {
        await db
          .updateTable('uploads')
          .set({ state: 'failed', error: `interrupted while ${state}: the API stopped working on the file; the deliveries stored (whole) are scheduled`, updated_at: new Date() })
          .where('upload_id', '=', input.uploadId)
          .where('state', '=', state)
          .execute();
        state = 'failed';
      }
      const ids = await db
        .selectFrom('deliveries')
        .select('delivery_id')
        .where('upload_id', '=', input.uploadId)
        .where('workflow_started_at', 'is', null)
        .where('status', '=', 'Pending')
        .orderBy('delivery_id')
        .limit(input.batchSize)
        .execute();
      if (ids.length === 0) {
        if (INTAKE_STATES.includes(state)) return { started: 0, handled: 0, done: false };
        await db.updateTable('uploads').set({ state: 'completed', completed_at: new Date(), updated_at: new Date() }).where('upload_id', '=', input.uploadId).where('state', '=', 'scheduling').execute();
        return { started: 0, handled: 0, done: true };
      }

      const now = new Date();
      const engagement = snapshotEngagement(upload.engagement_id, upload.engagement_config as EngagementConfig);
      const plans = await loadPlans(db, ids.map((r) => r.delivery_id), engagement);
      // A policy created since the rows were stored could not signal these (no workflow yet): apply it now.
      const policies = await activePolicies(db, engagement.engagementId, now);
      const suppressed = new Map(plans.flatMap((p) => {
        const policy = matchingPolicy(policies, { engagementId: engagement.engagementId, contacts: p.contacts }, now);
        return policy ? [[p.deliveryId, policy] as const] : [];
      }));
      const toStart = plans.filter((p) => !suppressed.has(p.deliveryId));
      const queue = [...toStart];
      await Promise.all(
        Array.from({ length: START_CONCURRENCY }, async () => {
          for (let plan = queue.shift(); plan; plan = queue.shift()) {
            await startDeliveryWorkflow(temporal, taskQueue, plan);
            Context.current().heartbeat();
          }
        }),
      );
      await db.transaction().execute(async (trx) => {
        const marked = toStart.length === 0 ? [] : await trx
          .updateTable('deliveries')
          .set({ workflow_started_at: now })
          .where('delivery_id', 'in', toStart.map((p) => p.deliveryId))
          .where('workflow_started_at', 'is', null)
          .returning('delivery_id')
          .execute();
        let cancelled = 0;
        for (const [deliveryId, policy] of suppressed) {
          const row = await trx
            .updateTable('deliveries')
            .set({ status: 'Cancelled', result: 'Cancelled', result_date: now, end_date: now, cancelled_by_policy_id: policy.policy_id, updated_at: now })
            .where('delivery_id', '=', deliveryId)
            .where('status', '=', 'Pending')
            .where('workflow_started_at', 'is', null)
            .returning('delivery_id')
            .executeTakeFirst();
          if (!row) continue;
          cancelled += 1;
          await trx.insertInto('delivery_events').values({ delivery_id: deliveryId, seq: 1, at: now, status: 'Cancelled', detail: `cancelled before scheduling by policy ${policy.policy_id}: ${policy.comment}` }).onConflict((oc) => oc.doNothing()).execute();
          await trx.updateTable('cancellation_policies').set((eb) => ({ cancelled_count: eb('cancelled_count', '+', 1) })).where('policy_id', '=', policy.policy_id).execute();
        }
        await trx
          .updateTable('uploads')
          .set({ deliveries_scheduled: sql`deliveries_scheduled + ${marked.length}`, deliveries_suppressed: sql`deliveries_suppressed + ${cancelled}`, updated_at: now })
          .where('upload_id', '=', input.uploadId)
          .execute();
      });
      return { started: toStart.length, handled: plans.length, done: false };
    },
  };
}

/** The workflow input of stored deliveries, as createDelivery built it: rows, chain, input attributes, the upload's snapshot. */
async function loadPlans(db: Db, deliveryIds: string[], engagement: EngagementSnapshot): Promise<DeliveryPlan[]> {
  const [deliveries, contacts, attributes] = await Promise.all([
    db.selectFrom('deliveries').select(['delivery_id', 'conversation_id', 'channel', 'windows']).where('delivery_id', 'in', deliveryIds).execute(),
    db.selectFrom('delivery_contacts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('delivery_id').orderBy('position').execute(),
    db.selectFrom('delivery_attributes').select(['delivery_id', 'keyword', 'value']).where('delivery_id', 'in', deliveryIds).where('type', '=', 'input').orderBy('id').execute(),
  ]);
  const chains = new Map<string, ChainContact[]>();
  for (const c of contacts) {
    const chain = chains.get(c.delivery_id) ?? [];
    chain.push({
      contactId: c.contact_id,
      ...(c.time_zone ? { timeZone: c.time_zone } : {}),
      phones: c.phones as ContactPhone[],
      ...(c.country ? { country: c.country } : {}),
      ...(c.state ? { state: c.state } : {}),
      ...(c.postal_code ? { postalCode: c.postal_code } : {}),
    });
    chains.set(c.delivery_id, chain);
  }
  const inputs = new Map<string, Record<string, string>>();
  for (const a of attributes) {
    // Priority is stored beside the input attributes for dispatch; createDelivery leaves it out of the plan too.
    if (a.keyword === 'Priority') continue;
    const record = inputs.get(a.delivery_id) ?? {};
    record[a.keyword] = a.value;
    inputs.set(a.delivery_id, record);
  }
  return deliveries.map((d) => ({
    deliveryId: d.delivery_id,
    conversationId: d.conversation_id,
    channel: d.channel as DeliveryPlan['channel'],
    windows: d.windows,
    contacts: chains.get(d.delivery_id) ?? [],
    engagement,
    inputAttributes: inputs.get(d.delivery_id) ?? {},
  }));
}
