import type { Insertable, Transaction } from 'kysely';
import type { ChainContact } from '../domain/deliveryPlan';
import type { Database, NewDelivery } from './schema';

export interface DeliveryRows {
  delivery: NewDelivery;
  contacts: ChainContact[];
  /** Stored as attributes of type input. */
  inputAttributes: Record<string, string>;
  /** The first entry of the event trail. */
  firstEvent: { status: string; detail: string };
}

/** Postgres takes at most 65,535 parameters per statement; multi-row inserts stay well below. */
const MAX_PARAMETERS = 30_000;

/**
 * Writes a new delivery: its row, its chain, its input attributes and the first event, inside the
 * caller's transaction. False when a delivery with that id exists already (nothing is written).
 */
export async function insertDeliveryRows(trx: Transaction<Database>, rows: DeliveryRows): Promise<boolean> {
  const inserted = await trx.insertInto('deliveries').values(rows.delivery).onConflict((oc) => oc.column('delivery_id').doNothing()).returning('delivery_id').executeTakeFirst();
  if (!inserted) return false;
  await insertChildRows(trx, [rows]);
  return true;
}

/** Writes many new deliveries (fresh ids) with multi-row inserts, inside the caller's transaction: CSV intake. */
export async function insertDeliveryRowsBatch(trx: Transaction<Database>, batch: DeliveryRows[]): Promise<void> {
  if (batch.length === 0) return;
  await insertChunked(trx, 'deliveries', batch.map((r) => r.delivery));
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
  return Object.entries(rows.inputAttributes).map(([keyword, value]) => ({ delivery_id: rows.delivery.delivery_id, keyword, value, type: 'input' }));
}

function firstEventRow(rows: DeliveryRows): Insertable<Database['delivery_events']> {
  return { delivery_id: rows.delivery.delivery_id, seq: 0, at: rows.delivery.created_at ?? new Date(), status: rows.firstEvent.status, detail: rows.firstEvent.detail };
}

async function insertChunked<T extends 'deliveries' | 'delivery_contacts' | 'delivery_attributes' | 'delivery_events'>(trx: Transaction<Database>, table: T, values: Array<Insertable<Database[T]>>): Promise<void> {
  if (values.length === 0) return;
  const perRow = Object.keys(values[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / perRow));
  for (let i = 0; i < values.length; i += size) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await trx.insertInto(table).values(values.slice(i, i + size) as any).execute();
  }
}
