import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { capsAllow, capsFreeAt, type FrequencyLimits, hasCaps } from '../domain/schedule';

/** Touches older than this cannot share a local day or ISO week with now (10 days covers any zone). */
const LEDGER_LOOKBACK_MS = 10 * 24 * 3600 * 1000;

export interface TouchRequest {
  /** The call or message intent id: reserving the same intent twice counts once. */
  touchId: string;
  contactId: string;
  /** The contact's zone: caps count its local days and ISO weeks. */
  zone: string;
  limits: FrequencyLimits;
  channel: 'voice' | 'sms';
  engagementId: string;
  deliveryId: string;
  /** When the touch happens (workflow time). */
  at: string;
}

export type TouchReservation = { granted: true } | { granted: false; freeAt: string | null };

export interface ReserveTouchOptions {
  /**
   * Runs inside the transaction, before the lock: the race test holds every transaction here, so that all
   * of them have begun on warm connections before any reads the ledger (otherwise they barely overlap).
   */
  onTransactionStart?: () => Promise<void>;
}

/**
 * Takes one slot of the contact's frequency caps, atomically: a transaction-scoped advisory lock on the
 * contact serialises concurrent capped reservations, so two deliveries can never both take the last slot.
 * Every touch is recorded (also without caps): caps are shared by all engagements and channels.
 */
export async function reserveTouch(db: Db, r: TouchRequest, o: ReserveTouchOptions = {}): Promise<TouchReservation> {
  // Without caps nothing is read, so nothing needs the lock: a capped reservation running meanwhile reads
  // the ledger without this touch and is ordered before it. One statement instead of a locked transaction.
  if (!hasCaps(r.limits)) {
    await db
      .insertInto('contact_touches')
      .values(touchRow(r))
      .onConflict((oc) => oc.column('touch_id').doNothing())
      .execute();
    return { granted: true };
  }
  return db.transaction().execute(async (trx) => {
    await o.onTransactionStart?.();
    await sql`select pg_advisory_xact_lock(hashtextextended(${`touch:${r.contactId}`}, 0))`.execute(trx);
    const already = await trx.selectFrom('contact_touches').select('touch_id').where('touch_id', '=', r.touchId).executeTakeFirst();
    if (already) return { granted: true };
    const at = new Date(r.at);
    const rows = await trx
      .selectFrom('contact_touches')
      .select('at')
      .where('contact_id', '=', r.contactId)
      .where('at', '>=', new Date(at.getTime() - LEDGER_LOOKBACK_MS))
      .execute();
    const touches = rows.map((row) => row.at);
    if (!capsAllow(touches, r.limits, r.zone, at)) {
      const freeAt = capsFreeAt(touches, r.limits, r.zone, at);
      return { granted: false, freeAt: freeAt?.toISOString() ?? null };
    }
    await trx.insertInto('contact_touches').values(touchRow(r)).execute();
    return { granted: true };
  });
}

function touchRow(r: TouchRequest) {
  return {
    touch_id: r.touchId,
    contact_id: r.contactId,
    channel: r.channel,
    engagement_id: r.engagementId,
    delivery_id: r.deliveryId,
    at: new Date(r.at),
  };
}

/** Gives back a slot whose call or message was never placed. */
export async function releaseTouch(db: Db, touchId: string): Promise<void> {
  await db.deleteFrom('contact_touches').where('touch_id', '=', touchId).execute();
}

export function createFrequencyLedgerActivities(db: Db) {
  return {
    /** The recent touches of these contacts (ISO strings), for the workflow's schedule computation. */
    async loadContactTouches(input: { contactIds: string[]; at: string }): Promise<Record<string, string[]>> {
      const result: Record<string, string[]> = Object.fromEntries(input.contactIds.map((id) => [id, []]));
      if (input.contactIds.length === 0) return result;
      const rows = await db
        .selectFrom('contact_touches')
        .select(['contact_id', 'at'])
        .where('contact_id', 'in', input.contactIds)
        .where('at', '>=', new Date(new Date(input.at).getTime() - LEDGER_LOOKBACK_MS))
        .orderBy('at')
        .execute();
      for (const row of rows) result[row.contact_id]?.push(row.at.toISOString());
      return result;
    },
  };
}
