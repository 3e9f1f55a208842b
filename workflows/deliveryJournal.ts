import { CancellationScope, setCurrentDetails, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import type { DeliveryResult, DeliveryStatus } from '../domain/delivery/deliveryStatus';
import type { ScheduleSnapshot } from '../domain/delivery/scheduleSnapshot';
import { NOT_WAITING, type WaitingFor } from '../domain/delivery/waitingFor';
import type { DeliveryState } from './deliveryMessages';
import { DeliveryStatusKey, WaitingForKey } from '../temporal/searchAttributes';
import { shortActivities } from './shortActivities';

export interface TransitionExtra {
  releaseDialSlot?: boolean;
  result?: DeliveryResult;
  started?: boolean;
  errorReason?: string;
  cancelledByPolicyId?: string;
  attempt?: { number: number; event: 'started' | 'ended'; outcome?: string };
  /** What the delivery waits for after this transition (a reattempt's wait). */
  waitingFor?: WaitingFor;
}

/**
 * Every status change of one delivery, persisted in order (seq) with its attempt rows, mirrored in the
 * queryable state and the DeliveryStatus search attribute.
 */
export class DeliveryJournal {
  private seq = 0;
  private openAttempt: number | undefined;
  /** Sent once, with the first record. */
  private scheduleRules: ScheduleSnapshot | undefined;
  private scheduleRulesSent = false;
  /** Why the next transition happens (numbers callable, the grant used), attached to it as data. */
  private notes: Record<string, unknown> = {};
  /** The current wait's reason and until, as the search attribute and memo show it. */
  private shownWait = '';

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
    const waitingFor = extra.waitingFor ?? (status === 'Pending' ? undefined : null);
    upsertSearchAttributes([{ key: DeliveryStatusKey, value: status }, ...this.showWait(waitingFor)]);
    const data = Object.keys(this.notes).length > 0 ? this.notes : undefined;
    this.notes = {};
    const request = {
      deliveryId: this.deliveryId,
      seq: this.seq,
      status,
      at: new Date().toISOString(),
      detail,
      ...extra,
      ...(waitingFor === null ? { waitingFor: null } : {}),
      ...(data ? { data } : {}),
      ...this.takeScheduleRules(),
    };
    // Not cancellable: a workflow cancelled while a transition is written waits for it, so no earlier seq
    // lands after the Cancelled one.
    await CancellationScope.nonCancellable(() => shortActivities().recordTransition(request));
  }

  /** The schedule rules to store with the first record (the explain endpoint evaluates them). */
  useScheduleRules(rules: ScheduleSnapshot): void {
    if (!this.scheduleRulesSent) this.scheduleRules = rules;
  }

  /** Attaches `value` to the next transition's data under `key` (why that attempt, which grant). */
  note(key: string, value: unknown): void {
    this.notes[key] = value;
  }

  /**
   * Records a wait with its reason (one activity) and shows it on the WaitingFor search attribute and
   * the memo. The same wait again (same reason and end) records nothing.
   */
  async wait(waitingFor: WaitingFor): Promise<void> {
    if (this.shownWait === waitKey(waitingFor)) return;
    this.seq += 1;
    const at = new Date().toISOString();
    const stored = await shortActivities().recordWait({
      deliveryId: this.deliveryId,
      seq: this.seq,
      status: this.state.status,
      at,
      waitingFor,
      ...this.takeScheduleRules(),
    });
    const shown = this.showWait(stored);
    if (shown.length > 0) upsertSearchAttributes(shown);
  }

  /**
   * A wait shown (search attribute, current details) and noted for the next transition, but not
   * recorded by an activity of its own: the dial-slot wait of every voice attempt, which the backlog
   * row already makes visible (the API reads it there), so each attempt costs no extra activity.
   */
  show(waitingFor: WaitingFor): void {
    this.note('slotWait', { ...waitingFor, since: new Date().toISOString() });
    const shown = this.showWait(waitingFor, false);
    if (shown.length > 0) upsertSearchAttributes(shown);
  }

  private takeScheduleRules(): { scheduleRules?: ScheduleSnapshot } {
    if (this.scheduleRulesSent || !this.scheduleRules) return {};
    this.scheduleRulesSent = true;
    return { scheduleRules: this.scheduleRules };
  }

  /** The WaitingFor search attribute to upsert when the shown wait changes (memo updated with it); undefined: unchanged. */
  private showWait(waitingFor: WaitingFor | null | undefined, memo = true) {
    if (waitingFor === undefined) return [];
    const key = waitingFor === null ? NOT_WAITING : waitKey(waitingFor);
    if (key === this.shownWait || (waitingFor === null && this.shownWait === '')) return [];
    this.shownWait = key;
    // The memo (an event each time) changes with each wait and is left as it was once the wait is
    // over (its words say since when); the current details (no event) always say what is going on.
    setCurrentDetails(waitingFor === null ? `${this.state.status}: not waiting` : `Waiting for ${waitMemo(waitingFor)}`);
    if (waitingFor !== null && memo) upsertMemo({ waitingFor: `${waitMemo(waitingFor)} (since ${new Date().toISOString()})` });
    return [{ key: WaitingForKey, value: waitingFor === null ? NOT_WAITING : waitingFor.reason }];
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

function waitKey(w: WaitingFor): string {
  return `${w.reason}@${w.until ?? ''}`;
}

/** The memo's words for a wait: reason, until when, and the detail's text. */
function waitMemo(w: WaitingFor): string {
  return `${w.reason}${w.until ? ` until ${w.until}` : ''}: ${w.detail.text}`;
}
