import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { DeliveryResult, DeliveryStatus } from '../domain/deliveryStatus';

export interface CancelRequest {
  reason: string;
  /** The cancellation policy that asked for it, when one did. */
  policyId?: string;
}

export interface DeliveryState {
  status: DeliveryStatus;
  result?: DeliveryResult;
  attempt: number;
  nextAttemptAt?: string;
  cancelRequested: boolean;
}

export interface DeliveryOutcome {
  status: DeliveryStatus;
  result?: DeliveryResult;
  detail?: string;
}

/** Honoured only while the delivery is queued; a call in progress finishes first. */
export const cancelDeliverySignal = defineSignal<[CancelRequest]>('cancelDelivery');
export const deliveryStateQuery = defineQuery<DeliveryState>('deliveryState');
