import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Transaction } from 'kysely';
import { activePolicies, countPolicyCancellations } from '../db/cancellationPolicyStore';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { deliveryByIdempotencyKey, insertDelivery, linkFollowUp } from '../db/deliveryStore';
import { newDelivery, newDeliveryPlan, type NewDelivery, type NewDeliveryRequest } from '../domain/delivery/newDelivery';
import { smsFollowUpChain, smsFollowUpRefusal, smsFollowUpWindows } from '../domain/delivery/smsFollowUpRules';
import type { WindowInput } from '../domain/delivery/windowInputs';
import type { ChainContact } from '../domain/delivery/deliveryPlan';
import type { EngagementConfig } from '../domain/engagement';
import { startDeliveryWorkflow } from '../workflowStarts/deliveryWorkflowStart';
import { IntakeError } from './intakeError';

export type { NewDeliveryRequest };

export interface IntakeDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

export interface AcceptedDelivery {
  deliveryId: string;
  /** False when an earlier request with the same Idempotency-Key created it. */
  created: boolean;
}

function requestHash(request: NewDeliveryRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/** The engagement a request names, with its state and settings (every intake path reads it the same way). */
export async function loadEngagement(db: Db, engagementId: string) {
  const row = await db
    .selectFrom('engagements')
    .select(['engagement_id', 'state', 'config'])
    .where('engagement_id', '=', engagementId)
    .executeTakeFirst();
  return row && { engagementId: row.engagement_id, state: row.state, config: row.config as EngagementConfig };
}

/**
 * Stores one new delivery whole and starts its workflow in one unit: the rows are committed only once
 * Temporal has accepted the workflow, so a failed start leaves nothing behind and the caller may retry.
 * A delivery an active policy suppresses is stored Cancelled (counted on the policy) and never started.
 * False when a delivery with its id exists already (nothing is written, nothing started).
 */
async function storeAndStart(
  deps: IntakeDeps,
  delivery: NewDelivery,
  onStored?: (trx: Transaction<Database>) => Promise<void>,
): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await insertDelivery(trx, delivery);
    if (!inserted) return false;
    await onStored?.(trx);
    if (delivery.suppression) await countPolicyCancellations(trx, delivery.suppression.policyId, 1);
    else await startDeliveryWorkflow(deps.temporal, deps.taskQueue, delivery.plan);
    return true;
  });
}

/** A delivery requested through the API (native or seed-compatible), once per Idempotency-Key. */
export async function acceptDelivery(deps: IntakeDeps, request: NewDeliveryRequest, idempotencyKey?: string): Promise<AcceptedDelivery> {
  const { db } = deps;
  const hash = requestHash(request);
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(db, idempotencyKey, hash);
    if (existing) return existing;
  }

  const engagement = await loadEngagement(db, request.engagementId);
  if (!engagement)
    throw new IntakeError('invalid', 'validation_failed', 'the request has invalid fields', {
      path: 'engagementId',
      message: `no engagement "${request.engagementId}"`,
    });
  if (engagement.state === 'stopped')
    throw new IntakeError('conflict', 'engagement_stopped', `engagement "${request.engagementId}" is stopped and takes no new deliveries`);

  const now = new Date();
  const plan = newDeliveryPlan(
    { deliveryId: randomUUID(), conversationId: randomUUID() },
    engagement.engagementId,
    engagement.config,
    request,
    now,
  );
  const delivery = newDelivery(plan, engagement.config, {
    origin: { kind: 'request', idempotencyKey, requestHash: hash },
    now,
    policies: await activePolicies(db, engagement.engagementId, now),
    trackingId: request.trackingId,
    customPriority: request.customPriority,
  });
  try {
    await storeAndStart(deps, delivery);
  } catch (err) {
    if (idempotencyKey && isUniqueViolation(err)) {
      // A concurrent request with the same key won the race; answer as it did.
      const existing = await findByIdempotencyKey(db, idempotencyKey, hash);
      if (existing) return existing;
    }
    // Nothing was stored; the caller tells a database outage from a Temporal one (and never shows their text).
    throw err;
  }
  return { deliveryId: plan.deliveryId, created: true };
}

async function findByIdempotencyKey(db: Db, key: string, hash: string): Promise<AcceptedDelivery | undefined> {
  const row = await deliveryByIdempotencyKey(db, key);
  if (!row) return undefined;
  if (row.requestHash !== hash)
    throw new IntakeError('conflict', 'idempotency_conflict', 'this Idempotency-Key was already used with a different request body');
  return { deliveryId: row.deliveryId, created: false };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export interface SmsFollowUpRequest {
  voiceDeliveryId: string;
  /** Chosen by the voice workflow (deterministically), so a retried call creates the same delivery. */
  smsDeliveryId: string;
  conversationId: string;
  smsEngagementId: string;
  contacts: ChainContact[];
  /** Windows of the voice delivery; those still open at `at` are kept, the next 24 hours when none is. */
  windows: WindowInput[];
  inputAttributes: Record<string, string>;
  at: string;
}

export type SmsFollowUpOutcome =
  | { kind: 'created'; deliveryId: string }
  | { kind: 'suppressed'; deliveryId: string; policyId: string }
  | { kind: 'skipped'; reason: string };

/**
 * The SMS delivery that follows up an unreached voice delivery, linked both ways, with the SMS
 * engagement's own settings and the chain's mobile numbers; suppressed like any other delivery.
 * Its workflow is started here. Idempotent per smsDeliveryId: a retry answers as the first call did.
 */
export async function acceptSmsFollowUp(deps: IntakeDeps, input: SmsFollowUpRequest): Promise<SmsFollowUpOutcome> {
  const { db } = deps;
  const engagement = await loadEngagement(db, input.smsEngagementId);
  const refusal = smsFollowUpRefusal(input.smsEngagementId, engagement);
  if (refusal || !engagement) return { kind: 'skipped', reason: refusal ?? 'no engagement' };
  const contacts = smsFollowUpChain(input.contacts);
  if (contacts.length === 0) return { kind: 'skipped', reason: 'the chain has no mobile number' };

  const at = new Date(input.at);
  const plan = newDeliveryPlan(
    { deliveryId: input.smsDeliveryId, conversationId: input.conversationId },
    engagement.engagementId,
    engagement.config,
    {
      contacts,
      windows: smsFollowUpWindows(input.windows, at),
      inputAttributes: input.inputAttributes,
      parentDeliveryId: input.voiceDeliveryId,
    },
    at,
  );
  const delivery = newDelivery(plan, engagement.config, {
    origin: { kind: 'smsFollowUp', parentDeliveryId: input.voiceDeliveryId },
    now: at,
    policies: await activePolicies(db, engagement.engagementId, new Date()),
  });
  const inserted = await storeAndStart(deps, delivery, (trx) => linkFollowUp(trx, input.voiceDeliveryId, plan.deliveryId, at));
  if (!inserted) return earlierFollowUp(deps, delivery);
  if (delivery.suppression) return { kind: 'suppressed', deliveryId: plan.deliveryId, policyId: delivery.suppression.policyId };
  return { kind: 'created', deliveryId: plan.deliveryId };
}

/** A retried follow-up whose first call committed: answer from what it stored (its start was accepted before the commit). */
async function earlierFollowUp(deps: IntakeDeps, delivery: NewDelivery): Promise<SmsFollowUpOutcome> {
  const { deliveryId } = delivery.plan;
  const row = await deps.db
    .selectFrom('deliveries')
    .select(['cancelled_by_policy_id', 'workflow_started_at'])
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirstOrThrow();
  if (row.cancelled_by_policy_id && !row.workflow_started_at)
    return { kind: 'suppressed', deliveryId, policyId: row.cancelled_by_policy_id };
  await startDeliveryWorkflow(deps.temporal, deps.taskQueue, delivery.plan);
  return { kind: 'created', deliveryId };
}
