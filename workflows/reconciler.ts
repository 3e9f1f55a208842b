import { continueAsNew, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';

export interface ReconcilerInput {
  /** Between passes. */
  intervalMs?: number;
  /** Deliveries and workflows younger than this are left alone (an intake commits after its start). */
  graceMs?: number;
  batchSize?: number;
  afterDeliveryId?: string;
  orphansCheckedUntil?: string;
}

export const RECONCILER_DEFAULTS = { intervalMs: 60_000, graceMs: 5 * 60_000, batchSize: 200 };

/** Passes per run before continue-as-new: a few events each, so a run stays small. */
const PASSES_PER_RUN = 100;

const { reconcileDeliveries } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/**
 * One per deployment, forever: ends in Postgres the deliveries whose workflow was closed or lost
 * outside the engine, and terminates delivery workflows whose rows never committed. Its cursor is its
 * only state, carried through continue-as-new.
 */
export async function reconcilerWorkflow(input: ReconcilerInput = {}): Promise<never> {
  const { intervalMs, graceMs, batchSize } = { ...RECONCILER_DEFAULTS, ...input };
  let { afterDeliveryId, orphansCheckedUntil } = input;
  for (let pass = 0; pass < PASSES_PER_RUN; pass++) {
    const result = await reconcileDeliveries({ graceMs, batchSize, afterDeliveryId, orphansCheckedUntil });
    if (result.ended.length || result.orphansTerminated.length)
      log.info('reconciled', { ended: result.ended.length, orphansTerminated: result.orphansTerminated.length });
    afterDeliveryId = result.afterDeliveryId;
    orphansCheckedUntil = result.orphansCheckedUntil;
    // A full batch means more rows wait: go on at once rather than after the interval.
    if (!afterDeliveryId) await sleep(intervalMs);
  }
  return continueAsNew<typeof reconcilerWorkflow>({ ...input, afterDeliveryId, orphansCheckedUntil });
}
