import type { Transaction } from 'kysely';
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

/**
 * Writes a new delivery: its row, its chain, its input attributes and the first event, inside the
 * caller's transaction. False when a delivery with that id exists already (nothing is written).
 */
export async function insertDeliveryRows(trx: Transaction<Database>, rows: DeliveryRows): Promise<boolean> {
  const deliveryId = rows.delivery.delivery_id;
  const inserted = await trx.insertInto('deliveries').values(rows.delivery).onConflict((oc) => oc.column('delivery_id').doNothing()).returning('delivery_id').executeTakeFirst();
  if (!inserted) return false;
  await trx
    .insertInto('delivery_contacts')
    .values(
      rows.contacts.map((c, position) => ({
        delivery_id: deliveryId,
        position,
        contact_id: c.contactId,
        time_zone: c.timeZone ?? null,
        phones: JSON.stringify(c.phones),
        country: c.country ?? null,
        state: c.state ?? null,
        postal_code: c.postalCode ?? null,
      })),
    )
    .execute();
  const attributes = Object.entries(rows.inputAttributes);
  if (attributes.length > 0) {
    await trx.insertInto('delivery_attributes').values(attributes.map(([keyword, value]) => ({ delivery_id: deliveryId, keyword, value, type: 'input' }))).execute();
  }
  await trx.insertInto('delivery_events').values({ delivery_id: deliveryId, seq: 0, at: rows.delivery.created_at ?? new Date(), status: rows.firstEvent.status, detail: rows.firstEvent.detail }).execute();
  return true;
}
