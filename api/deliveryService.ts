import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/connect';
import type { Transaction } from 'kysely';
import { type DeliveryRows, insertDeliveryRows } from '../db/deliveryRows';
import type { Database } from '../db/schema';
import { windowBounds, windowsOrDefault, type WindowInput } from '../domain/contactWindows';
import type { ChainContact, DeliveryPlan } from '../domain/deliveryPlan';
import { type EngagementConfig, type EngagementSnapshot, snapshotEngagement } from '../domain/engagement';
import { deliveryWorkflowId } from '../domain/workflowIds';
import { startDeliveryWorkflow } from '../runtime/deliveryWorkflowStart';
import { type PolicyRow, suppressingPolicy } from './cancellationPolicyService';
import { ApiError, schedulingFailed } from './errors';

export interface DeliveryServiceDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

/** A delivery request after validation, whichever endpoint it came through. */
export interface NewDeliveryRequest {
  engagementId: string;
  contacts: ChainContact[];
  windows?: WindowInput[];
  inputAttributes?: Record<string, string>;
  trackingId?: string;
  customPriority?: number | string;
}

export interface CreatedDelivery {
  deliveryId: string;
  /** False when an earlier request with the same Idempotency-Key created it. */
  created: boolean;
}

function requestHash(request: NewDeliveryRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Stores a delivery and starts its workflow in one unit: the rows are committed only once Temporal
 * has accepted the workflow, so a failed start leaves nothing behind and the caller may simply retry.
 */
export async function createDelivery(deps: DeliveryServiceDeps, request: NewDeliveryRequest, idempotencyKey?: string): Promise<CreatedDelivery> {
  const { db, temporal, taskQueue } = deps;
  const hash = requestHash(request);
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(db, idempotencyKey, hash);
    if (existing) return existing;
  }

  const engagement = await db.selectFrom('engagements').selectAll().where('engagement_id', '=', request.engagementId).executeTakeFirst();
  if (!engagement) {
    throw new ApiError(400, 'validation_failed', 'the request has invalid fields', [{ path: 'engagementId', message: `no engagement "${request.engagementId}"` }]);
  }
  if (engagement.state === 'stopped') throw new ApiError(409, 'engagement_stopped', `engagement "${request.engagementId}" is stopped and takes no new deliveries`);
  const config = engagement.config as EngagementConfig;

  const now = new Date();
  const policy = await suppressingPolicy(db, { engagementId: request.engagementId, contacts: request.contacts }, now);
  const plan = buildDeliveryPlan(engagement.engagement_id, config, { contacts: request.contacts, windows: windowsOrDefault(request.windows, now), inputAttributes: request.inputAttributes ?? {} });
  const rows = newDeliveryRows(plan, config, { policy, now, trackingId: request.trackingId, customPriority: request.customPriority, idempotencyKey, requestHash: hash });

  try {
    await db.transaction().execute(async (trx) => {
      await insertDeliveryRows(trx, rows);
      if (policy) {
        await countPolicyCancellations(trx, policy.policy_id, 1);
        return;
      }
      await startDeliveryWorkflow(temporal, taskQueue, plan);
    });
  } catch (err) {
    if (idempotencyKey && isUniqueViolation(err)) {
      // A concurrent request with the same key won the race; answer as it did.
      const existing = await findByIdempotencyKey(db, idempotencyKey, hash);
      if (existing) return existing;
    }
    if (err instanceof ApiError) throw err;
    if (isUniqueViolation(err)) throw err;
    throw schedulingFailed(err, 'the delivery could not be scheduled, nothing was stored');
  }
  return { deliveryId: plan.deliveryId, created: true };
}

/** The workflow input of a new delivery: fixed at acceptance, the engagement's settings snapshotted. */
export function buildDeliveryPlan(
  engagementId: string,
  config: EngagementConfig,
  delivery: { contacts: ChainContact[]; windows: WindowInput[]; inputAttributes: Record<string, string> },
  snapshot: EngagementSnapshot = snapshotEngagement(engagementId, config),
): DeliveryPlan {
  return {
    deliveryId: randomUUID(),
    conversationId: randomUUID(),
    channel: config.channel,
    windows: delivery.windows,
    contacts: delivery.contacts,
    engagement: snapshot,
    inputAttributes: delivery.inputAttributes,
  };
}

export interface NewDeliveryOptions {
  /** The active policy that suppresses it on arrival: stored Cancelled, never scheduled. */
  policy?: PolicyRow;
  now: Date;
  trackingId?: string;
  /** Stored as the input attribute Priority (dispatch's custom call order reads it from there). */
  customPriority?: number | string;
  idempotencyKey?: string;
  requestHash?: string;
  uploadId?: string;
}

/** The rows of a new delivery (row, chain, input attributes, first event), whichever way it arrived. */
export function newDeliveryRows(plan: DeliveryPlan, config: EngagementConfig, o: NewDeliveryOptions): DeliveryRows {
  const { policy, now } = o;
  const bounds = windowBounds(plan.windows);
  const first = plan.contacts[0]!;
  const inputAttributes = { ...plan.inputAttributes };
  if (o.customPriority !== undefined) inputAttributes.Priority = String(o.customPriority);
  return {
    delivery: {
      delivery_id: plan.deliveryId,
      conversation_id: plan.conversationId,
      engagement_id: plan.engagement.engagementId,
      contact_id: first.contactId,
      channel: config.channel,
      status: policy ? 'Cancelled' : 'Pending',
      result: policy ? 'Cancelled' : null,
      result_date: policy ? now : null,
      end_date: policy ? now : null,
      cancelled_by_policy_id: policy?.policy_id ?? null,
      queue_id: config.routing.queueId,
      tracking_id: o.trackingId ?? null,
      dial_mode_type: config.dialMode,
      to_address: first.phones[0]?.number ?? null,
      from_address: config.routing.queueDisplayNumber,
      window_start_date: bounds.start,
      window_end_date: bounds.end,
      windows: JSON.stringify(plan.windows),
      workflow_id: deliveryWorkflowId(plan.deliveryId),
      idempotency_key: o.idempotencyKey ?? null,
      request_hash: o.requestHash ?? null,
      upload_id: o.uploadId ?? null,
      // The API starts the workflow in the same unit of work; an upload's are started later, in batches.
      workflow_started_at: o.uploadId || policy ? null : now,
      created_at: now,
      updated_at: now,
    },
    contacts: plan.contacts,
    inputAttributes,
    // Suppressed on arrival: stored for reporting, never scheduled.
    firstEvent: policy ? { status: 'Cancelled', detail: `cancelled on arrival by policy ${policy.policy_id}: ${policy.comment}` } : { status: 'Pending', detail: 'accepted' },
  };
}

export async function countPolicyCancellations(trx: Transaction<Database>, policyId: string, n: number): Promise<void> {
  await trx.updateTable('cancellation_policies').set((eb) => ({ cancelled_count: eb('cancelled_count', '+', n) })).where('policy_id', '=', policyId).execute();
}

async function findByIdempotencyKey(db: Db, key: string, hash: string): Promise<CreatedDelivery | undefined> {
  const row = await db.selectFrom('deliveries').select(['delivery_id', 'request_hash']).where('idempotency_key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== hash) throw new ApiError(409, 'idempotency_conflict', 'this Idempotency-Key was already used with a different request body');
  return { deliveryId: row.delivery_id, created: false };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
