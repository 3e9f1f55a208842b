import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Kysely, Transaction } from 'kysely';
import { activePolicies, countPolicyCancellations } from '../db/cancellationPolicyStore';
import { type ContactUpsert, upsertContacts } from '../db/contactRows';
import { cancelUnstarted, insertDeliveriesUnnested, loadStoredPlans, markWorkflowsStarted } from '../db/deliveryStore';
import type { Database } from '../db/schema';
import type { ChainDelivery } from '../domain/csvIntake/chains';
import type { IntakeRow } from '../domain/csvIntake/rows';
import { newDelivery, newDeliveryPlan, suppressionOf, type Suppression } from '../domain/delivery/newDelivery';
import type { EngagementConfig, EngagementSnapshot } from '../domain/engagement';
import { startDeliveryWorkflow } from '../workflowStarts/deliveryWorkflowStart';

export interface UploadBatchContext {
  uploadId: string;
  engagementId: string;
  config: EngagementConfig;
  snapshot: EngagementSnapshot;
  /** Deliveries without windows get the 24 hours from here. */
  receivedAt: Date;
}

/**
 * A batch of a CSV upload's chains is stored in two steps inside the caller's transaction: its contacts
 * (upsertUploadContacts), then its deliveries (insertUploadDeliveries), each suppressed on arrival like
 * any delivery. Apart so that a caller overlapping batches lets one batch take its contacts' row locks
 * before the next asks for them. Their workflows are started later, in batches (scheduleStoredDeliveries).
 */
export async function upsertUploadContacts(
  trx: Transaction<Database>,
  ctx: UploadBatchContext,
  batch: ChainDelivery[],
  now: Date,
): Promise<void> {
  await upsertContacts(
    trx,
    ctx.engagementId,
    ctx.config.uniqueIdentifierAttribute,
    ctx.uploadId,
    batch.flatMap((d) => d.rows.map(contactUpsert)),
    now,
  );
}

/** Returns the counts stored. */
export async function insertUploadDeliveries(
  trx: Transaction<Database>,
  ctx: UploadBatchContext,
  batch: ChainDelivery[],
  now: Date,
): Promise<{ created: number; suppressed: number }> {
  const policies = await activePolicies(trx, ctx.engagementId, now);
  const deliveries = batch.map((d) => {
    const plan = newDeliveryPlan(
      { deliveryId: randomUUID(), conversationId: randomUUID() },
      ctx.engagementId,
      ctx.config,
      { contacts: d.rows.map((r) => r.contact), windows: d.windows, inputAttributes: d.inputAttributes },
      ctx.receivedAt,
      ctx.snapshot,
    );
    return newDelivery(plan, ctx.config, {
      origin: { kind: 'upload', uploadId: ctx.uploadId },
      now,
      policies,
      trackingId: d.trackingId,
      customPriority: d.customPriority,
    });
  });
  await insertDeliveriesUnnested(trx, deliveries);
  const suppressedBy = new Map<string, number>();
  for (const d of deliveries)
    if (d.suppression) suppressedBy.set(d.suppression.policyId, (suppressedBy.get(d.suppression.policyId) ?? 0) + 1);
  for (const [policyId, n] of suppressedBy) await countPolicyCancellations(trx, policyId, n);
  return { created: deliveries.length, suppressed: [...suppressedBy.values()].reduce((a, b) => a + b, 0) };
}

function contactUpsert(row: IntakeRow): ContactUpsert {
  const phone = (type: string) => row.contact.phones.find((p) => p.type === type)?.number;
  return {
    uniqueIdentifier: row.contact.contactId,
    firstName: row.firstName,
    lastName: row.lastName,
    country: row.contact.country,
    state: row.contact.state,
    postalCode: row.contact.postalCode,
    timeZone: row.contact.timeZone ?? undefined,
    mobilePhone: phone('mobile'),
    businessPhone: phone('business'),
    homePhone: phone('home'),
    attributes: row.passThrough,
  };
}

/** Workflow starts in flight at once. */
const START_CONCURRENCY = 32;

export interface ScheduleDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
}

/**
 * Starts the workflows of stored, not yet started deliveries, applying the policies created since they
 * were stored (those could not signal them: no workflow yet). A delivery is marked started only after
 * its start was accepted, and starting an id that exists counts as started, so a retried call starts
 * no workflow twice. `inTransaction` runs in the transaction that marks them, with the counts.
 */
export async function scheduleStoredDeliveries(
  deps: ScheduleDeps,
  deliveryIds: string[],
  engagement: EngagementSnapshot,
  o: {
    now: Date;
    onStarted?: () => void;
    inTransaction?: (trx: Transaction<Database>, counts: { marked: number; cancelled: number }) => Promise<void>;
  },
): Promise<{ started: number; handled: number }> {
  const { db, temporal, taskQueue } = deps;
  const plans = await loadStoredPlans(db, deliveryIds, engagement);
  const policies = await activePolicies(db, engagement.engagementId, o.now);
  const suppressed = new Map<string, Suppression>();
  for (const p of plans) {
    const s = suppressionOf(policies, p, o.now);
    if (s) suppressed.set(p.deliveryId, s);
  }
  const toStart = plans.filter((p) => !suppressed.has(p.deliveryId));
  const queue = [...toStart];
  await Promise.all(
    Array.from({ length: START_CONCURRENCY }, async () => {
      for (let plan = queue.shift(); plan; plan = queue.shift()) {
        await startDeliveryWorkflow(temporal, taskQueue, plan);
        o.onStarted?.();
      }
    }),
  );
  await db.transaction().execute(async (trx) => {
    const marked = await markWorkflowsStarted(
      trx,
      toStart.map((p) => p.deliveryId),
      o.now,
    );
    let cancelled = 0;
    for (const [deliveryId, s] of suppressed) {
      if (!(await cancelUnstarted(trx, deliveryId, s, o.now))) continue;
      cancelled += 1;
      await countPolicyCancellations(trx, s.policyId, 1);
    }
    await o.inTransaction?.(trx, { marked: marked.length, cancelled });
  });
  return { started: toStart.length, handled: plans.length };
}
