/**
 * A pool of representatives who take answered calls, and the abandonment that follows when none is free.
 *
 * The model (kept deliberately small):
 * - `count` identical representatives; each conversation keeps its representative busy for `handleMs`
 *   from the instant it connects (talk and wrap-up together), or for the handle time the call brings
 *   (the stochastic mode draws one per conversation; `handleMs` is then their mean).
 * - A live answer at instant A waits at most `graceMs` (the call's `_AbandonSeconds`). If a representative
 *   is free at A, or becomes free at some t ≤ A + graceMs, the call connects at max(A, t) and that
 *   representative is busy until connect + handleMs. Otherwise the caller is abandoned at A + graceMs.
 * - Callers are served first come, first served: calls must be offered in order of answer instant
 *   (ties in the order the calls were placed). Each takes the representative that frees earliest
 *   (ties: lowest index), which is exactly what a FIFO queue with impatient callers does, so an
 *   answer's fate depends only on calls answered before it and is final as soon as it is offered.
 */

export interface RepresentativesConfig {
  /** Number of representatives; 0 abandons every live answer. */
  count: number;
  /** How long one conversation keeps a representative busy, in ms. */
  handleMs: number;
}

export type PoolDecision =
  { connected: true; representative: number; connectedAt: number; waitedMs: number } | { connected: false; abandonedAt: number };

interface Slot {
  freeAt: number;
  /** When its current (or last) conversation began. */
  busySince: number;
  index: number;
}

function before(a: Slot, b: Slot): boolean {
  return a.freeAt < b.freeAt || (a.freeAt === b.freeAt && a.index < b.index);
}

export class RepresentativePool {
  /** Min-heap of representatives by the instant they are next free. */
  private readonly heap: Slot[] = [];
  private lastAnswerAt = -Infinity;
  connected = 0;
  abandoned = 0;

  constructor(readonly config: RepresentativesConfig) {
    if (!Number.isInteger(config.count) || config.count < 0)
      throw new RangeError(`representatives count must be a whole number ≥ 0, got ${config.count}`);
    if (!Number.isFinite(config.handleMs) || config.handleMs < 0) throw new RangeError(`handleMs must be ≥ 0, got ${config.handleMs}`);
    for (let index = 0; index < config.count; index += 1) this.heap.push({ freeAt: -Infinity, busySince: -Infinity, index });
  }

  /**
   * Offers a caller who answered at `answerAt` (epoch ms) and waits at most `graceMs`; a connected
   * conversation lasts `handleMs` (the pool's when not given).
   * Calls must be offered in non-decreasing `answerAt` order; an earlier one (a clock that went
   * backwards) is treated as answering at the latest instant offered so far.
   */
  offer(at: number, graceMs: number, handleMs: number = this.config.handleMs): PoolDecision {
    const answerAt = Math.max(at, this.lastAnswerAt);
    this.lastAnswerAt = answerAt;
    const first = this.heap[0];
    const connectAt = first ? Math.max(answerAt, first.freeAt) : Infinity;
    if (!first || connectAt > answerAt + Math.max(0, graceMs)) {
      this.abandoned += 1;
      return { connected: false, abandonedAt: answerAt + Math.max(0, graceMs) };
    }
    first.busySince = connectAt;
    first.freeAt = connectAt + Math.max(0, handleMs);
    this.siftDown(0);
    this.connected += 1;
    return { connected: true, representative: first.index, connectedAt: connectAt, waitedMs: connectAt - answerAt };
  }

  /** Each representative's presence at instant `at`: busy ones with the time since their conversation began. */
  presenceAt(at: number): Array<{ state: 'available' | 'busy'; elapsedMs: number }> {
    return this.heap
      .slice()
      .sort((a, b) => a.index - b.index)
      .map((slot) =>
        slot.freeAt > at
          ? { state: 'busy' as const, elapsedMs: Math.max(0, at - slot.busySince) }
          : { state: 'available' as const, elapsedMs: Number.isFinite(slot.freeAt) ? at - slot.freeAt : 0 },
      );
  }

  /** Representatives in a conversation (or already promised to one) at instant `at`, as far as offered calls go. */
  busyAt(at: number): number {
    return this.heap.filter((slot) => slot.freeAt > at).length;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}
