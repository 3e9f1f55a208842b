import { CancellationScope, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryResult, DeliveryStatus } from '../domain/delivery/deliveryStatus';
import type { DeliveryState } from './deliveryMessages';
import { DeliveryStatusKey } from '../temporal/searchAttributes';

const { recordTransition } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 50 },
});

export interface TransitionExtra {
  releaseDialSlot?: boolean;
  result?: DeliveryResult;
  started?: boolean;
  errorReason?: string;
  cancelledByPolicyId?: string;
  attempt?: { number: number; event: 'started' | 'ended'; outcome?: string };
}

/**
 * Every status change of one delivery, persisted in order (seq) with its attempt rows, mirrored in the
 * queryable state and the DeliveryStatus search attribute.
 */
export class DeliveryJournal {
  private seq = 0;
  private openAttempt: number | undefined;

  constructor(
    private readonly deliveryId: string,
    private readonly state: DeliveryState,
  ) {}

  async transition(status: DeliveryStatus, detail: string, extra: TransitionExtra = {}): Promise<void> {
    if (!extra.attempt && this.openAttempt !== undefined) extra.attempt = { number: this.openAttempt, event: 'ended', outcome: detail };
    this.openAttempt = extra.attempt?.event === 'started' ? extra.attempt.number : undefined;
    this.seq += 1;
    // The first transition after an attempt that held a dial slot gives it back (one activity, not two).
    if (this.state.dispatch === 'granted' && status !== 'InProcess') {
      extra.releaseDialSlot = true;
      this.state.dispatch = undefined;
    }
    this.state.status = status;
    this.state.result = extra.result;
    upsertSearchAttributes([{ key: DeliveryStatusKey, value: status }]);
    const request = { deliveryId: this.deliveryId, seq: this.seq, status, at: new Date().toISOString(), detail, ...extra };
    // Not cancellable: a workflow cancelled while a transition is written waits for it, so no earlier seq
    // lands after the Cancelled one.
    await CancellationScope.nonCancellable(() => recordTransition(request));
  }

  /** The final transition: with its result, and why it ended when it ended in error or cancellation. */
  async finish(status: DeliveryStatus, result: DeliveryResult, detail: string, cancelledByPolicyId?: string): Promise<void> {
    await this.transition(status, detail, {
      result,
      errorReason: status === 'Error' ? detail : undefined,
      cancelledByPolicyId: status === 'Cancelled' ? cancelledByPolicyId : undefined,
    });
  }

  /**
   * The workflow itself was cancelled from outside the engine (Temporal UI, `temporal workflow cancel`):
   * Postgres records it as Cancelled, and the delivery's place in its pool's backlog, or its dial slot,
   * is given back whatever the dispatch step was.
   */
  async cancelledFromOutside(detail: string): Promise<void> {
    this.state.dispatch = undefined;
    await CancellationScope.nonCancellable(() => this.transition('Cancelled', detail, { result: 'Cancelled', releaseDialSlot: true }));
  }
}
