import type { CallOrder, RetryPriority } from '../engagement';

/** What the dispatcher knows of a delivery waiting for a dial slot. */
export interface QueuedDelivery {
  deliveryId: string;
  /** When the delivery was accepted (FIFO / LIFO). */
  createdAtMs: number;
  /** End of the contact window the delivery is dialable in now (window-end order). */
  windowEndMs: number;
  /** Custom priority as a number (a date is its epoch ms); null when missing or invalid. */
  customPriority: number | null;
  /** A reattempt (attempt ≥ 2), placed by the engagement's retry priority. */
  isRetry: boolean;
}

export type OrderField = 'retryRank' | 'windowEndMs' | 'customMissing' | 'customPriority' | 'createdAtMs' | 'deliveryId';

export interface OrderKey {
  field: OrderField;
  direction: 'asc' | 'desc';
}

/**
 * The sort keys of an engagement's queue, most significant first. One definition serves the pure
 * comparator and the SQL that pages through a backlog of any size, so the two cannot disagree.
 * - retry priority: "higher" puts reattempts before new deliveries, "lower" after, "same" mixes them;
 * - custom priority: valid values first in the chosen direction, the rest FIFO;
 * - every order ends on acceptance time then id, so it is total and stable.
 */
export function orderKeys(callOrder: CallOrder, retryPriority: RetryPriority): OrderKey[] {
  const keys: OrderKey[] = [];
  if (retryPriority !== 'same') keys.push({ field: 'retryRank', direction: 'asc' });
  switch (callOrder) {
    case 'window-end':
      keys.push({ field: 'windowEndMs', direction: 'asc' }, { field: 'createdAtMs', direction: 'asc' });
      break;
    case 'fifo':
      keys.push({ field: 'createdAtMs', direction: 'asc' });
      break;
    case 'lifo':
      keys.push({ field: 'createdAtMs', direction: 'desc' });
      break;
    case 'custom-asc':
    case 'custom-desc':
      keys.push(
        { field: 'customMissing', direction: 'asc' },
        { field: 'customPriority', direction: callOrder === 'custom-asc' ? 'asc' : 'desc' },
        { field: 'createdAtMs', direction: 'asc' },
      );
      break;
  }
  keys.push({ field: 'deliveryId', direction: 'asc' });
  return keys;
}

/** 0 for the group served first under the retry priority, 1 for the other. */
export function retryRank(isRetry: boolean, retryPriority: RetryPriority): number {
  if (retryPriority === 'higher') return isRetry ? 0 : 1;
  if (retryPriority === 'lower') return isRetry ? 1 : 0;
  return 0;
}

function fieldValue(q: QueuedDelivery, field: OrderField, retryPriority: RetryPriority): number | string {
  switch (field) {
    case 'retryRank':
      return retryRank(q.isRetry, retryPriority);
    case 'customMissing':
      return q.customPriority === null ? 1 : 0;
    case 'customPriority':
      return q.customPriority ?? 0;
    case 'deliveryId':
      return q.deliveryId;
    default:
      return q[field];
  }
}

export function compareQueued(callOrder: CallOrder, retryPriority: RetryPriority): (a: QueuedDelivery, b: QueuedDelivery) => number {
  const keys = orderKeys(callOrder, retryPriority);
  return (a, b) => {
    for (const { field, direction } of keys) {
      const x = fieldValue(a, field, retryPriority);
      const y = fieldValue(b, field, retryPriority);
      if (x === y) continue;
      const less = x < y ? -1 : 1;
      return direction === 'asc' ? less : -less;
    }
    return 0;
  };
}

/**
 * A delivery's custom priority as a sortable number: a finite number as is, an ISO date as epoch ms;
 * anything else (missing, empty, unparsable) is null and the delivery falls back to FIFO.
 */
export function customPriorityValue(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (text === '') return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const ms = Date.parse(text);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}
