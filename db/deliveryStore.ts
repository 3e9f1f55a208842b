import type { Insertable, Kysely, Transaction } from 'kysely';
import { windowBounds } from '../domain/delivery/windowInputs';
import type { NewDelivery } from '../domain/delivery/newDelivery';
import type { ChainContact, ContactPhone, DeliveryPlan } from '../domain/delivery/deliveryPlan';
import type { EngagementSnapshot } from '../domain/engagement';
import { deliveryWorkflowId } from '../temporal/workflowIds';
import type { Database, NewDelivery as NewDeliveryRow } from './schema';
import { insertUnnested } from './unnestInsert';

/**
 * The deliveries store: the one module that inserts into \`deliveries\` (outside migrations), so a
 * delivery is always written whole (row, chain, input attributes, first event).
 */

export interface DeliveryRows {
  delivery: NewDeliveryRow;
  contacts: ChainContact[];
  /** Stored as attributes of type input. */
  inputAttributes: Record<string, string>;
  /** The first entry of the event trail. */
  firstEvent: { status: string; detail: string };
}

/** The rows of a new delivery, whichever way it arrived. */
export function deliveryRows(d: NewDelivery): DeliveryRows {
  const { plan, suppression, acceptedAt: now, origin } = d;
  const bounds = windowBounds(plan.windows);
  const first = plan.contacts[0]!;
  return {
    delivery: {
      delivery_id: plan.deliveryId,
      conversation_id: plan.conversationId,
      engagement_id: plan.engagement.engagementId,
      contact_id: first.contactId,
      channel: plan.channel,
      status: d.firstEvent.status,
      result: suppression ? 'Cancelled' : null,
      result_date: suppression ? now : null,
      end_date: suppression ? now : null,
      cancelled_by_policy_id: suppression?.policyId ?? null,
      queue_id: d.queueId,
      tracking_id: d.trackingId ?? null,
      dial_mode_type: d.dialMode,
      to_address: first.phones[0]?.number ?? null,
      from_address: d.fromAddress,
      window_start_date: bounds.start,
      window_end_date: bounds.end,
      windows: JSON.stringify(plan.windows),
      workflow_id: deliveryWorkflowId(plan.deliveryId),
      idempotency_key: origin.kind === 'request' ? (origin.idempotencyKey ?? null) : null,
      request_hash: origin.kind === 'request' ? (origin.requestHash ?? null) : null,
      upload_id: origin.kind === 'upload' ? origin.uploadId : null,
      parent_delivery_id: origin.kind === 'smsFollowUp' ? origin.parentDeliveryId : null,
      workflow_started_at: d.startsWithStore ? now : null,
      created_at: now,
      updated_at: now,
    },
    contacts: plan.contacts,
    inputAttributes: d.storedAttributes,
    firstEvent: d.firstEvent,
  };
}

/** Writes one new delivery inside the caller's transaction; false when its id exists already (nothing is written). */
export async function insertDelivery(trx: Transaction<Database>, d: NewDelivery): Promise<boolean> {
  return insertDeliveryRows(trx, deliveryRows(d));
}

/** Writes many new deliveries (fresh ids) with multi-row inserts, inside the caller's transaction: CSV intake. */
export async function insertDeliveries(trx: Transaction<Database>, ds: NewDelivery[]): Promise<void> {
  await insertDeliveryRowsBatch(trx, ds.map(deliveryRows));
}

/**
 * Writes many new deliveries (fresh ids) inside the caller's transaction with one statement per table,
 * whatever their number (arrays unnested: db/unnestInsert.ts): CSV intake's 2,000-delivery batches.
 */
export async function insertDeliveriesUnnested(trx: Transaction<Database>, ds: NewDelivery[]): Promise<void> {
  if (ds.length === 0) return;
  const batch = ds.map(deliveryRows);
  await insertUnnested(
    trx,
    'deliveries',
    batch.map((r) => r.delivery),
  );
  await insertUnnested(trx, 'delivery_contacts', batch.flatMap(contactRows));
  await insertUnnested(trx, 'delivery_attributes', batch.flatMap(attributeRows));
  await insertUnnested(trx, 'delivery_events', batch.map(firstEventRow));
}

/** Postgres takes at most 65,535 parameters per statement; multi-row inserts stay well below. */
const MAX_PARAMETERS = 30_000;

/**
 * Writes a new delivery: its row, its chain, its input attributes and the first event, inside the
 * caller's transaction. False when a delivery with that id exists already (nothing is written).
 */
export async function insertDeliveryRows(trx: Transaction<Database>, rows: DeliveryRows): Promise<boolean> {
  const inserted = await trx
    .insertInto('deliveries')
    .values(rows.delivery)
    .onConflict((oc) => oc.column('delivery_id').doNothing())
    .returning('delivery_id')
    .executeTakeFirst();
  if (!inserted) return false;
  await insertChildRows(trx, [rows]);
  return true;
}

async function insertDeliveryRowsBatch(trx: Transaction<Database>, batch: DeliveryRows[]): Promise<void> {
  if (batch.length === 0) return;
  await insertChunked(
    trx,
    'deliveries',
    batch.map((r) => r.delivery),
  );
  await insertChildRows(trx, batch);
}

async function insertChildRows(trx: Transaction<Database>, batch: DeliveryRows[]): Promise<void> {
  await insertChunked(trx, 'delivery_contacts', batch.flatMap(contactRows));
  await insertChunked(trx, 'delivery_attributes', batch.flatMap(attributeRows));
  await insertChunked(trx, 'delivery_events', batch.map(firstEventRow));
}

function contactRows(rows: DeliveryRows): Array<Insertable<Database['delivery_contacts']>> {
  return rows.contacts.map((c, position) => ({
    delivery_id: rows.delivery.delivery_id,
    position,
    contact_id: c.contactId,
    time_zone: c.timeZone ?? null,
    phones: JSON.stringify(c.phones),
    country: c.country ?? null,
    state: c.state ?? null,
    postal_code: c.postalCode ?? null,
  }));
}

function attributeRows(rows: DeliveryRows): Array<Insertable<Database['delivery_attributes']>> {
  return Object.entries(rows.inputAttributes).map(([keyword, value]) => ({
    delivery_id: rows.delivery.delivery_id,
    keyword,
    value,
    type: 'input',
  }));
}

function firstEventRow(rows: DeliveryRows): Insertable<Database['delivery_events']> {
  return {
    delivery_id: rows.delivery.delivery_id,
    seq: 0,
    at: rows.delivery.created_at ?? new Date(),
    status: rows.firstEvent.status,
    detail: rows.firstEvent.detail,
  };
}

async function insertChunked<T extends 'deliveries' | 'delivery_contacts' | 'delivery_attributes' | 'delivery_events'>(
  trx: Transaction<Database>,
  table: T,
  values: Array<Insertable<Database[T]>>,
): Promise<void> {
  if (values.length === 0) return;
  const perRow = Object.keys(values[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  for (let i = 0; i < values.length; i += size) {
    await trx
      .insertInto(table)
      // kysely cannot narrow a union of table names to one row type; the values are typed by the caller.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .values(values.slice(i, i + size) as any)
      .execute();
  }
}

/** The delivery an earlier request with this Idempotency-Key created, with that request's hash. */
export async function deliveryByIdempotencyKey(
  db: Kysely<Database>,
  key: string,
): Promise<{ deliveryId: string; requestHash: string | null } | undefined> {
  const row = await db
    .selectFrom('deliveries')
    .select(['delivery_id', 'request_hash'])
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  return row && { deliveryId: row.delivery_id, requestHash: row.request_hash };
}

/** Links a voice delivery to its SMS follow-up (the follow-up row names its parent). */
export async function linkFollowUp(trx: Transaction<Database>, voiceDeliveryId: string, smsDeliveryId: string, at: Date): Promise<void> {
  await trx
    .updateTable('deliveries')
    .set({ follow_up_delivery_id: smsDeliveryId, updated_at: at })
    .where('delivery_id', '=', voiceDeliveryId)
    .execute();
}

/** An upload's stored deliveries whose workflow is not started yet, a batch at a time in id order. */
export async function unstartedUploadDeliveries(db: Kysely<Database>, uploadId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('deliveries')
    .select('delivery_id')
    .where('upload_id', '=', uploadId)
    .where('workflow_started_at', 'is', null)
    .where('status', '=', 'Pending')
    .orderBy('delivery_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.delivery_id);
}

/** Marks deliveries whose workflow start was accepted; returns those not marked before. */
export async function markWorkflowsStarted(trx: Transaction<Database>, deliveryIds: string[], at: Date): Promise<string[]> {
  if (deliveryIds.length === 0) return [];
  const rows = await trx
    .updateTable('deliveries')
    .set({ workflow_started_at: at })
    .where('delivery_id', 'in', deliveryIds)
    .where('workflow_started_at', 'is', null)
    .returning('delivery_id')
    .execute();
  return rows.map((r) => r.delivery_id);
}

/**
 * Cancels a stored delivery whose workflow never started (a policy created after it was stored):
 * the transition a workflow would have recorded, as its event seq 1. False when it was started or ended meanwhile.
 */
export async function cancelUnstarted(
  trx: Transaction<Database>,
  deliveryId: string,
  s: { policyId: string; comment: string },
  at: Date,
): Promise<boolean> {
  const row = await trx
    .updateTable('deliveries')
    .set({ status: 'Cancelled', result: 'Cancelled', result_date: at, end_date: at, cancelled_by_policy_id: s.policyId, updated_at: at })
    .where('delivery_id', '=', deliveryId)
    .where('status', '=', 'Pending')
    .where('workflow_started_at', 'is', null)
    .returning('delivery_id')
    .executeTakeFirst();
  if (!row) return false;
  // After whatever the trail holds (normally only the first event; more if a workflow ran before a crash).
  const last = await trx
    .selectFrom('delivery_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  await trx
    .insertInto('delivery_events')
    .values({
      delivery_id: deliveryId,
      seq: Number(last?.seq ?? 0) + 1,
      at,
      status: 'Cancelled',
      detail: `cancelled before scheduling by policy ${s.policyId}: ${s.comment}`,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}

/** The workflow input of stored deliveries, as intake built it: rows, chain, input attributes, the given snapshot. */
export async function loadStoredPlans(
  db: Kysely<Database>,
  deliveryIds: string[],
  engagement: EngagementSnapshot,
): Promise<DeliveryPlan[]> {
  if (deliveryIds.length === 0) return [];
  const [deliveries, contacts, attributes] = await Promise.all([
    db
      .selectFrom('deliveries')
      .select(['delivery_id', 'conversation_id', 'channel', 'windows'])
      .where('delivery_id', 'in', deliveryIds)
      .execute(),
    db
      .selectFrom('delivery_contacts')
      .selectAll()
      .where('delivery_id', 'in', deliveryIds)
      .orderBy('delivery_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('delivery_attributes')
      .select(['delivery_id', 'keyword', 'value'])
      .where('delivery_id', 'in', deliveryIds)
      .where('type', '=', 'input')
      .orderBy('id')
      .execute(),
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
    // Priority is stored beside the input attributes for dispatch; intake leaves it out of the plan too.
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
