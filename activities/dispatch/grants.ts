import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../db/connect';
import { claimWaiting, deleteQueueRow, poolSlotsHeld, type QueueRowRef, rowsOfGrant } from '../../db/dispatchQueue';
import { lockPool } from '../../db/dispatchPools';
import { type PacingWrite, recordPacing } from '../../db/pacingDecisions';
import type { GrantRequest, SlotGrant } from '../../domain/dispatch';
import { dialSlotGrantedSignal } from '../../workflows/deliveryMessages';

export interface GrantActivitiesDeps {
  db: Db;
  temporal: Client;
}

/** Deliveries signalled at once: enough to keep a tick short, few enough not to flood the frontend. */
const SIGNAL_BATCH = 50;

export function createGrantActivities({ db, temporal }: GrantActivitiesDeps) {
  /**
   * Claims each engagement's next deliveries in its call order and tells their workflows. Claimed
   * rows carry the grant id, so a retry signals the same deliveries again (a duplicate grant signal
   * is ignored by the delivery) and never holds more than the count under that id. A workflow that
   * is gone frees its row. Returns the deliveries newly claimed and told. The tick's pacing record,
   * when carried, is written after, with the grants each engagement really got (its id is the grant id).
   */
  async function grantDialSlots(input: GrantRequest & { pacing?: PacingWrite }): Promise<{ granted: number }> {
    let granted = 0;
    const told = new Map<string, number>();
    for (const g of input.grants) {
      const already = await rowsOfGrant(db, input.grantId, g.engagementId);
      const need = g.count - already.length;
      const claimed: QueueRowRef[] = need > 0 ? await claim(input.pool.poolKey, input.grantId, g, need) : [];
      const rows = [...already, ...claimed];
      const fresh = new Set(claimed.map((r) => r.delivery_id));
      for (let i = 0; i < rows.length; i += SIGNAL_BATCH) {
        await Promise.all(
          rows.slice(i, i + SIGNAL_BATCH).map(async (row) => {
            try {
              await temporal.workflow.getHandle(row.workflow_id).signal(dialSlotGrantedSignal, { grantId: input.grantId, kind: g.kind });
              if (fresh.has(row.delivery_id)) granted += 1;
              told.set(g.engagementId, (told.get(g.engagementId) ?? 0) + 1);
            } catch (err) {
              if (!(err instanceof WorkflowNotFoundError)) throw err;
              // Gone (finished or terminated): free its row; a retry of this grant may top up to the count.
              await deleteQueueRow(db, row.delivery_id);
            }
          }),
        );
      }
    }
    if (input.pacing) await recordPacing(db, withGrantsTold(input.pacing, told));
    return { granted };
  }

  /**
   * Claims up to `need` waiting rows. Under a pool in-flight limit the claim holds the pool's lock and
   * counts the slots held now, since slots granted at the request after the tick's snapshot count too.
   */
  async function claim(poolKey: string, grantId: string, g: SlotGrant, need: number): Promise<QueueRowRef[]> {
    const limit = g.poolInFlightLimit;
    if (limit === undefined) return claimWaiting(db, poolKey, grantId, g, need);
    return db.transaction().execute(async (trx) => {
      await lockPool(trx, poolKey);
      const room = Math.min(need, limit - (await poolSlotsHeld(trx, poolKey)));
      return room > 0 ? claimWaiting(trx, poolKey, grantId, g, room) : [];
    });
  }

  return { grantDialSlots };
}

/** The write with the grants the deliveries were told of (fewer than planned when rows went meanwhile). */
function withGrantsTold(write: PacingWrite, told: Map<string, number>): PacingWrite {
  const { tick } = write;
  if (!tick) return write;
  const minuteMs = Math.floor(tick.atMs / 60_000) * 60_000;
  const engagements = tick.engagements.map((e) => ({ ...e, granted: told.get(e.engagementId) ?? 0 }));
  const buckets = write.buckets.map((b) => {
    const planned = tick.engagements.find((e) => e.engagementId === b.engagementId);
    if (b.minuteMs !== minuteMs || !planned) return b;
    return { ...b, grants: b.grants - planned.granted + (told.get(b.engagementId) ?? 0) };
  });
  return { ...write, tick: { ...tick, engagements }, buckets };
}
