import { PRIORITIES, type Priority } from '../engagement';

/** One engagement's claim on a pool's dial slots at one dispatch tick. */
export interface SlotDemand {
  engagementId: string;
  priority: Priority;
  paused: boolean;
  /** Deliveries of the engagement ready to dial now. */
  waiting: number;
  /**
   * New calls the pool may place now under this engagement's dial mode and pacing rules. It is a
   * pool-wide figure: every slot granted in this tick, to any engagement, uses it up.
   */
  allowance: number;
}

export interface SlotAllocation {
  grants: Record<string, number>;
  /** The last engagement served; round-robin resumes after it next tick. */
  roundRobinAfter?: string;
}

function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}

/**
 * Hands out a pool's dial slots, one at a time:
 * - strict priority: an engagement is served only when no engagement of a higher priority has
 *   deliveries waiting (even if that one is held back by its own pacing this tick: the representatives
 *   it is waiting for are not given away);
 * - round-robin among engagements of equal priority, continuing from where the last tick stopped.
 * Paused engagements take nothing and block nobody.
 */
export function allocateSlots(demands: readonly SlotDemand[], roundRobinAfter?: string): SlotAllocation {
  const live = demands.filter((d) => !d.paused && d.waiting > 0);
  const grants: Record<string, number> = {};
  if (live.length === 0) return { grants, roundRobinAfter };
  const topRank = Math.max(...live.map((d) => priorityRank(d.priority)));
  const tier = live
    .filter((d) => priorityRank(d.priority) === topRank)
    .sort((a, b) => (a.engagementId < b.engagementId ? -1 : a.engagementId > b.engagementId ? 1 : 0));

  // Start after the engagement served last (ids are sorted, so "after" is well defined even if it left).
  let index = roundRobinAfter === undefined ? 0 : tier.findIndex((d) => d.engagementId > roundRobinAfter);
  if (index < 0) index = 0;
  let granted = 0;
  let last = roundRobinAfter;
  const remaining = tier.map((d) => d.waiting);
  for (let idle = 0; idle < tier.length;) {
    const d = tier[index]!;
    if (remaining[index]! > 0 && granted < Math.floor(d.allowance)) {
      grants[d.engagementId] = (grants[d.engagementId] ?? 0) + 1;
      remaining[index]! -= 1;
      granted += 1;
      last = d.engagementId;
      idle = 0;
    } else {
      idle += 1;
    }
    index = (index + 1) % tier.length;
  }
  return { grants, roundRobinAfter: last };
}
