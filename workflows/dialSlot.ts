import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type ContactWindow, windowContaining } from '../domain/delivery/windowInputs';
import type { DeliveryPlan } from '../domain/delivery/deliveryPlan';
import { dispatchPool } from '../domain/dispatch/poolKey';
import type { PreviewDecline } from '../domain/delivery/previewDecline';
import {
  acceptPreviewUpdate,
  declinePreviewUpdate,
  type DeliveryState,
  type DialSlotGrant,
  dialSlotGrantedSignal,
  type PreviewAcceptance,
  startPreviewCallUpdate,
} from './deliveryMessages';
import type { DeliveryJournal } from './deliveryJournal';
import { shortActivities } from './shortActivities';

const { recordPreviewAcceptance } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

/**
 * A delivery waiting for a slot steps out and back in (eligibility re-checked, dispatcher re-knocked)
 * after an hour, then twice as long each time up to a day: a campaign paused for weeks costs its
 * waiting deliveries a few dozen events each, not thousands.
 */
const SLOT_RECHECK_FIRST_MS = 60 * 60_000;
const SLOT_RECHECK_MAX_MS = 24 * 60 * 60_000;

/** `declined`: a representative declined the offer (see `lastDecline`). */
export type SlotOutcome = 'granted' | 'cancelled' | 'recheck' | 'declined';

/**
 * Step 3 of a voice delivery (spec §3, §4): its place in the pool's backlog, the dispatcher's grant,
 * and, in preview, the representative's accept and start (updates with validators). Registers its
 * handlers on the calling workflow; `state.dispatch` tells queries (and the next transition) where it is.
 */
export function useDialSlot(
  plan: DeliveryPlan,
  windows: ContactWindow[],
  state: DeliveryState,
  cancelRequested: () => boolean,
  /** Records the slot and preview waits, and notes the grant the attempt uses. */
  journal?: DeliveryJournal,
) {
  const e = plan.engagement;
  const pool = dispatchPool(e);
  const countdownSeconds = e.dialModeSettings?.previewCountdownSeconds;
  let grant: DialSlotGrant | undefined;
  let acceptance: PreviewAcceptance | undefined;
  let startRequested = false;
  let declined: PreviewDecline | undefined;
  let declines = 0;
  let requests = 0;
  /** Consecutive re-checks while waiting for a slot (reset by a grant). */
  let rechecks = 0;

  setHandler(dialSlotGrantedSignal, (g) => {
    // Only a delivery that asked takes a grant; a repeat of the same grant changes nothing.
    if (state.dispatch === 'waiting') grant ??= g;
  });
  setHandler(
    acceptPreviewUpdate,
    async (a) => {
      acceptance = a;
      state.dispatch = 'accepted';
      await recordPreviewAcceptance({ deliveryId: plan.deliveryId, representativeId: a.representativeId });
      return { startsAt: countdownSeconds === undefined ? null : new Date(Date.now() + countdownSeconds * 1000).toISOString() };
    },
    {
      validator: (a) => {
        if (!a.representativeId) throw new Error('representativeId is required');
        if (state.dispatch !== 'offered' || cancelRequested()) throw new Error('this delivery is not offered for preview now');
      },
    },
  );
  setHandler(
    startPreviewCallUpdate,
    () => {
      startRequested = true;
      return { started: true as const };
    },
    {
      validator: (a) => {
        if (state.dispatch !== 'accepted' || !acceptance) throw new Error('this delivery has no accepted preview waiting to start');
        if (a.representativeId !== acceptance.representativeId)
          throw new Error(`the preview was accepted by ${acceptance.representativeId}`);
      },
    },
  );

  setHandler(
    declinePreviewUpdate,
    (d) => {
      const afterAccept = acceptance !== undefined;
      declined = { representativeId: d.representativeId, afterAccept, ...(d.reason ? { reason: d.reason } : {}) };
      declines += 1;
      return { declined: true as const, afterAccept };
    },
    {
      validator: (d) => {
        if (!d.representativeId) throw new Error('representativeId is required');
        if (cancelRequested()) throw new Error('this delivery is being cancelled: nothing to decline');
        const open = state.dispatch === 'offered' || state.dispatch === 'accepted';
        if (!open || startRequested || declined) {
          const where =
            startRequested || state.dispatch === 'granted' ? 'the call has started' : `dispatch state ${state.dispatch ?? 'none'}`;
          throw new Error(`this delivery has no preview offer to decline now (${where}, status ${state.status})`);
        }
        if (acceptance && d.representativeId !== acceptance.representativeId)
          throw new Error(`the preview was accepted by ${acceptance.representativeId}`);
      },
    },
  );

  async function giveBack(): Promise<void> {
    state.dispatch = undefined;
    await shortActivities().releaseDialSlot({ deliveryId: plan.deliveryId });
  }

  /** Preview: the offer held until a representative accepts and starts it (or the countdown runs out). */
  async function previewAccepted(windowEnd: Date): Promise<boolean> {
    state.dispatch = 'offered';
    await journal?.wait({
      reason: 'preview-offer',
      until: windowEnd.toISOString(),
      detail: { text: `offered to the representatives of pool ${pool.poolKey} for preview`, pool: pool.poolKey, grantId: grant?.grantId },
    });
    const untilWindowEnd = () => Math.max(windowEnd.getTime() - Date.now(), 1);
    // `declined` is only ever set by the decline update (newer than these waits): older histories replay the same.
    await condition(() => acceptance !== undefined || cancelRequested() || declined !== undefined, untilWindowEnd());
    if (!acceptance || cancelRequested() || declined) return false;
    const countdown = countdownSeconds === undefined ? untilWindowEnd() : countdownSeconds * 1000;
    await condition(() => startRequested || cancelRequested() || declined !== undefined, countdown);
    return !cancelRequested() && !declined && (startRequested || countdownSeconds !== undefined);
  }

  /**
   * Waits for a dial slot, still cancellable. Now and then (and when the window closes) it steps out
   * of the backlog so the caller re-checks eligibility.
   */
  async function wait(attemptNumber: number): Promise<SlotOutcome> {
    const windowEnd = windowContaining(windows, new Date())?.end ?? new Date();
    grant = undefined;
    acceptance = undefined;
    startRequested = false;
    declined = undefined;
    state.dispatch = 'waiting';
    requests += 1;
    // A pool with room grants at the request (AI agent; no grant signal follows). Older histories' results carry no grant.
    const request = await shortActivities().requestDialSlot({
      pool,
      deliveryId: plan.deliveryId,
      workflowId: workflowInfo().workflowId,
      engagementId: e.engagementId,
      attempt: attemptNumber,
      windowEnd: windowEnd.toISOString(),
      forceWake: requests > 1,
    });
    if (request.grant) {
      // Granted at the request: it never waited, so nothing to show (and no search-attribute write).
      grant = request.grant;
    } else {
      journal?.show({
        reason: 'dial-slot',
        detail: {
          text: `waiting in pool ${pool.poolKey} for a ${e.dialMode} dial slot (attempt ${attemptNumber})`,
          pool: pool.poolKey,
          engagementId: e.engagementId,
          dialMode: e.dialMode,
          attempt: attemptNumber,
        },
      });
    }
    const recheckMs = Math.min(windowEnd.getTime() - Date.now(), SLOT_RECHECK_FIRST_MS * 2 ** Math.min(rechecks, 10), SLOT_RECHECK_MAX_MS);
    await condition(() => grant !== undefined || cancelRequested(), Math.max(recheckMs, 1));
    if (!grant) {
      const withdrawal = await shortActivities().withdrawDialSlot({ deliveryId: plan.deliveryId });
      if (withdrawal.withdrawn) {
        rechecks += 1;
        state.dispatch = undefined;
        return cancelRequested() ? 'cancelled' : 'recheck';
      }
      // A grant won the race with the withdrawal: its signal is on its way.
      await condition(() => grant !== undefined);
    }
    if (!cancelRequested() && grant!.kind === 'offer' && !(await previewAccepted(windowEnd))) {
      await giveBack();
      if (cancelRequested()) return 'cancelled';
      return declined ? 'declined' : 'recheck';
    }
    if (cancelRequested()) {
      await giveBack();
      return 'cancelled';
    }
    state.dispatch = 'granted';
    journal?.note('grant', { grantId: grant!.grantId, kind: grant!.kind, pool: pool.poolKey, dialMode: e.dialMode });
    rechecks = 0;
    return 'granted';
  }

  return {
    poolKey: pool.poolKey,
    wait,
    /** The decline that made `wait` answer `declined`, and how many this delivery has had. */
    lastDecline: () => ({ decline: declined!, declines }),
  };
}
