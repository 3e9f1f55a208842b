import type { Db } from '../../db/connect';

/**
 * What a refused request must not have written: deliveries, their attributes, chains and first events.
 * First events only (seq 0): workflows of deliveries accepted earlier keep recording their waits meanwhile.
 */
export async function deliveryRowCounts(db: Db): Promise<{ deliveries: number; attributes: number; contacts: number; events: number }> {
  const count = async (table: 'deliveries' | 'delivery_attributes' | 'delivery_contacts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const events = await db
    .selectFrom('delivery_events')
    .where('seq', '=', 0)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return {
    deliveries: await count('deliveries'),
    attributes: await count('delivery_attributes'),
    contacts: await count('delivery_contacts'),
    events: Number(events.n),
  };
}
