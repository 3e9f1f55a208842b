import type { CallOrder, RetryPriority } from '../engagement';
import type { DispatchPool } from './poolKey';

/** A delivery asking its pool's dispatcher for a dial slot (it waits in the backlog until granted). */
export interface DialSlotRequest {
  pool: DispatchPool;
  deliveryId: string;
  workflowId: string;
  engagementId: string;
  attempt: number;
  /** End of the window the delivery is dialable in now (window-end call order). */
  windowEnd: string;
  /** Signal the dispatcher even if it is not marked idle (a delivery that waited long re-knocks). */
  forceWake?: boolean;
}

/** Slots one tick gives one engagement: dial slots, or preview offers. */
export interface SlotGrant {
  engagementId: string;
  count: number;
  kind: 'dial' | 'offer';
  callOrder: CallOrder;
  retryPriority: RetryPriority;
  /**
   * The pool's slots in flight may not pass this when the grant is claimed (AI agent: its concurrent
   * calls): slots granted at the request since the tick's snapshot count against it too.
   */
  poolInFlightLimit?: number;
}

export interface GrantRequest {
  pool: DispatchPool;
  /** Names this tick's grants: a retried activity re-signals the same rows instead of claiming more. */
  grantId: string;
  grants: SlotGrant[];
}
