import { createHash, randomUUID } from 'node:crypto';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../db/connect';
import { insertDeliveryRows } from '../db/deliveryRows';
import { windowBounds, windowsOrDefault, type WindowInput } from '../domain/contactWindows';
import type { ChainContact, DeliveryPlan } from '../domain/deliveryPlan';
import type { EngagementConfig } from '../domain/engagement';
import { snapshotEngagement } from '../domain/engagement';
import { maskPhoneNumber } from '../domain/phoneMasking';
import { deliveryWorkflowId } from '../domain/workflowIds';
import { DeliveryChannelKey, DeliveryStatusKey, EngagementIdKey, NextAttemptAtKey } from '../workflows/searchAttributes';
import { suppressingPolicy } from './cancellationPolicyService';
import { ApiError } from './errors';

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
  const deliveryId = randomUUID();
  const workflowId = deliveryWorkflowId(deliveryId);
  const windows = windowsOrDefault(request.windows, now);
  const bounds = windowBounds(windows);
  const first = request.contacts[0]!;
  const plan: DeliveryPlan = {
    deliveryId,
    conversationId: randomUUID(),
    channel: config.channel,
    windows,
    contacts: request.contacts,
    engagement: snapshotEngagement(engagement.engagement_id, config),
    inputAttributes: request.inputAttributes ?? {},
  };

  try {
    const inputAttributes = { ...request.inputAttributes };
    if (request.customPriority !== undefined) inputAttributes.Priority = String(request.customPriority);
    await db.transaction().execute(async (trx) => {
      await insertDeliveryRows(trx, {
        delivery: {
          delivery_id: deliveryId,
          conversation_id: plan.conversationId,
          engagement_id: engagement.engagement_id,
          contact_id: first.contactId,
          channel: config.channel,
          status: policy ? 'Cancelled' : 'Pending',
          result: policy ? 'Cancelled' : null,
          result_date: policy ? now : null,
          end_date: policy ? now : null,
          cancelled_by_policy_id: policy?.policy_id ?? null,
          queue_id: config.routing.queueId,
          tracking_id: request.trackingId ?? null,
          dial_mode_type: config.dialMode,
          to_address: first.phones[0]?.number ?? null,
          from_address: config.routing.queueDisplayNumber,
          window_start_date: bounds.start,
          window_end_date: bounds.end,
          windows: JSON.stringify(windows),
          workflow_id: workflowId,
          idempotency_key: idempotencyKey ?? null,
          request_hash: hash,
          created_at: now,
          updated_at: now,
        },
        contacts: request.contacts,
        inputAttributes,
        // Suppressed on arrival: stored for reporting, never scheduled.
        firstEvent: policy ? { status: 'Cancelled', detail: `cancelled on arrival by policy ${policy.policy_id}: ${policy.comment}` } : { status: 'Pending', detail: 'accepted' },
      });
      if (policy) {
        await trx.updateTable('cancellation_policies').set((eb) => ({ cancelled_count: eb('cancelled_count', '+', 1) })).where('policy_id', '=', policy.policy_id).execute();
        return;
      }
      await startDeliveryWorkflow(temporal, taskQueue, plan, config);
    });
  } catch (err) {
    if (idempotencyKey && isUniqueViolation(err)) {
      // A concurrent request with the same key won the race; answer as it did.
      const existing = await findByIdempotencyKey(db, idempotencyKey, hash);
      if (existing) return existing;
    }
    if (err instanceof ApiError) throw err;
    if (isUniqueViolation(err)) throw err;
    throw new ApiError(503, 'temporal_unavailable', `the delivery could not be scheduled, nothing was stored: ${(err as Error).message}`);
  }
  return { deliveryId, created: true };
}

export async function startDeliveryWorkflow(temporal: Client, taskQueue: string, plan: DeliveryPlan, config: EngagementConfig): Promise<void> {
  const masked = plan.contacts.flatMap((c) => c.phones.map((p) => `${p.type} ${maskPhoneNumber(p.number)}`)).join(', ');
  try {
    await temporal.workflow.start('deliveryWorkflow', {
      taskQueue,
      workflowId: deliveryWorkflowId(plan.deliveryId),
      args: [plan],
      typedSearchAttributes: [
        { key: DeliveryStatusKey, value: 'Pending' },
        { key: EngagementIdKey, value: plan.engagement.engagementId },
        { key: DeliveryChannelKey, value: plan.channel },
        { key: NextAttemptAtKey, value: new Date(plan.windows[0]!.start) },
      ],
      memo: {
        summary: `${plan.channel} delivery for engagement "${config.name}" to ${plan.contacts.length} contact(s): ${masked}`,
      },
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw err;
  }
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
